package dev.homeostat.testbed.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.testbed.cli.Homeostat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The command line run in this JVM through picocli, as a user runs it, and what a refusal must look like. */
final class Cli {
    static final Path POLICY = Path.of("..", "remediation", "policies", "default.yaml").toAbsolutePath().normalize();

    /** A scenario that simulates in well under a second, so a mutation that stays valid costs nothing. */
    static final String TINY = """
            apiVersion: homeostat.dev/v1alpha1
            kind: Scenario
            metadata:
              name: tiny
            spec:
              duration: 5m
              scrapeInterval: 15s
              seed: 1
              seeds: 1
              cluster:
                nodePool: {prefix: node, count: 1, cpu: 4, memory: 16Gi}
                deployments:
                  - name: frontend
                    replicas: 1
                    container: {cpuRequest: 500m, memoryRequest: 256Mi, memoryLimit: 512Mi, memoryBase: 180Mi, serviceTime: 20ms, concurrency: 8}
                services:
                  - {name: frontend, requestsPerSecond: 10, slo: {availability: 0.99, latencyP99: 400ms}}
              engine:
                policy: POLICY
            """.replace("POLICY", POLICY.toString());

    record Result(int exit, String out, String err) {
        /** Exit 2 with exactly one line on stderr, no stack trace, no Java class or exception name. */
        Result refusedInOneLine() {
            assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(Homeostat.EXIT_BAD_INPUT);
            assertCleanLine(err);
            return this;
        }

        Result errContains(String... parts) {
            assertThat(err).contains(parts);
            return this;
        }
    }

    static void assertCleanLine(String err) {
        assertThat(err.strip()).as("one line").doesNotContain("\n").startsWith("homeostat: ");
        assertThat(err).as("no trace or Java names in: %s", err)
                .doesNotContain("\tat ", "Exception", "java.", "dev.homeostat", "$Spec", "Error:", "Source: REDACTED");
    }

    private Cli() { }

    static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code dir} (none when it does not exist). */
    static long filesUnder(Path dir) {
        if (!Files.exists(dir)) return 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
