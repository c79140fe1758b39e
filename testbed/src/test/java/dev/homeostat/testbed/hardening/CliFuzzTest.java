package dev.homeostat.testbed.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.homeostat.testbed.cli.Homeostat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Malformed scenarios, policies and NAB data/labels fed to the command line in this JVM (issue 18). Whatever the
 * malformation: the command accepts the input (exit 0 or 1) or refuses it with exit 2, one line naming the file,
 * no trace, no Java names, nothing under --out — and it ends (a hang guard, not a speed test). Fixed seeds, bounded
 * tries: about a minute in CI.
 */
class CliFuzzTest {
    /** A hang guard: the slowest honest outcome here (a valid mutation of the tiny scenario, simulated) takes about a second. */
    private static final Duration HANG = Duration.ofSeconds(60);
    private Path dir;

    @BeforeTry void makeDir() throws IOException {
        dir = Files.createTempDirectory("homeostat-fuzz-");
    }

    @AfterTry void removeDir() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Provide Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Property(tries = 150, seed = "18")
    void malformedScenario_isRunOrRefusedInOneLine(@ForAll("mutations") Mutation m) {
        Path scenario = Cli.write(dir.resolve("s.yaml"), m.apply(Cli.TINY));
        check(scenario, "run", scenario.toString(), "--out", dir.resolve("out").toString(), "-q", "--threads", "1", "--max-work", "1000000");
    }

    @Property(tries = 60, seed = "18")
    void malformedPolicy_isRunOrRefusedInOneLine(@ForAll("mutations") Mutation m) {
        Path policy = Cli.write(dir.resolve("p.yaml"), m.apply(read(Cli.POLICY)));
        Path scenario = Cli.write(dir.resolve("s.yaml"), Cli.TINY);
        check(policy, "run", scenario.toString(), "--policy", policy.toString(), "--out", dir.resolve("out").toString(), "-q", "--threads", "1");
    }

    @Property(tries = 60, seed = "18")
    void malformedNabCsv_isEvaluatedOrRefusedInOneLine(@ForAll("mutations") Mutation m) {
        Path csv = Cli.write(dir.resolve("data").resolve("cat").resolve("a.csv"), m.apply(NAB_CSV));
        Path labels = Cli.write(dir.resolve("labels.json"), NAB_LABELS);
        checkDetect(csv, labels);
    }

    @Property(tries = 60, seed = "18")
    void malformedNabLabels_areEvaluatedOrRefusedInOneLine(@ForAll("mutations") Mutation m) {
        Cli.write(dir.resolve("data").resolve("cat").resolve("a.csv"), NAB_CSV);
        Path labels = Cli.write(dir.resolve("labels.json"), m.apply(NAB_LABELS));
        checkDetect(labels, labels);
    }

    private void checkDetect(Path named, Path labels) {
        check(named, "detect", "eval", "--data", dir.resolve("data").toString(), "--labels", labels.toString(), "--detector", "mad",
                "--threads", "1", "--export", dir.resolve("out").toString());
    }

    private void check(Path input, String... args) {
        Cli.Result r = assertTimeoutPreemptively(HANG, () -> Cli.run(args));
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isIn(Homeostat.EXIT_OK, Homeostat.EXIT_FAILED, Homeostat.EXIT_BAD_INPUT);
        if (r.exit() != Homeostat.EXIT_BAD_INPUT) return;
        Cli.assertCleanLine(r.err());
        assertThat(r.err()).as("names the file").contains(input.getFileName().toString());
        assertThat(Cli.filesUnder(dir.resolve("out"))).as("nothing written under --out after: %s", r.err()).isZero();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String NAB_LABELS = """
            {
              "cat/a.csv": [
                ["2015-01-01 02:00:00.000000", "2015-01-01 03:00:00.000000"]
              ]
            }
            """;

    private static final String NAB_CSV;

    static {
        var sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 96; i++)
            sb.append(String.format("2015-01-01 %02d:%02d:00,%d%n", i / 12 % 24, i % 12 * 5, i == 30 ? 90 : 10 + i % 3));
        NAB_CSV = sb.toString();
    }
}
