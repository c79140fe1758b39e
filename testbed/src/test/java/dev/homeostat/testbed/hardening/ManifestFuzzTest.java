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
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Malformed Chaos Mesh manifests through {@code chaos validate} and through a scenario's {@code manifest:} in
 * {@code run} (issue 18): accepted, or refused with exit 2 and lines that name the file, without a trace or Java names.
 */
class ManifestFuzzTest {
    private static final Path MANIFESTS = Path.of("..", "scenarios", "generalization", "manifests");
    private static final List<String> SHAPES = List.of("default-payments-http-delay.yaml", "default-sessions-pod-kill.yaml",
            "bank-edge-kill-every-20m.yaml", "orders-game-day.yaml", "default-payments-cpu-stress.yaml", "shop-catalog-network-loss.yaml");
    private Path dir;

    @BeforeTry void makeDir() throws IOException {
        dir = Files.createTempDirectory("homeostat-fuzz-");
    }

    @AfterTry void removeDir() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Provide Arbitrary<String> manifests() {
        return Arbitraries.of(SHAPES);
    }

    @Provide Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Property(tries = 100, seed = "18")
    void malformedManifest_isValidatedOrRefused_withoutATrace(@ForAll("manifests") String shape, @ForAll("mutations") Mutation m) {
        Path manifest = Cli.write(dir.resolve("m.yaml"), m.apply(read(MANIFESTS.resolve(shape))));
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("chaos", "validate", manifest.toString()));
        assertThat(r.exit()).as(r.out() + r.err()).isIn(Homeostat.EXIT_OK, Homeostat.EXIT_BAD_INPUT);
        assertThat(r.out() + r.err()).as("no trace or Java names").doesNotContain("\tat ", "Exception", "java.", "dev.homeostat", "Source: REDACTED");
        assertThat(r.out().lines()).as("each problem or note is one line naming the file, then the count")
                .allMatch(l -> l.startsWith(manifest + ":") || l.matches("\\d+ files?, \\d+ problems?.*"));
        if (r.exit() == Homeostat.EXIT_BAD_INPUT && !r.err().isBlank()) Cli.assertCleanLine(r.err());
        if (r.exit() == Homeostat.EXIT_BAD_INPUT && r.err().isBlank())
            assertThat(r.out().lines().filter(l -> l.startsWith(manifest.toString() + ":"))).as("a problem line names the file: %s", r.out()).isNotEmpty();
    }

    @Property(tries = 60, seed = "18")
    void scenarioWithAMalformedManifest_isRunOrRefusedInOneLine(@ForAll("manifests") String shape, @ForAll("mutations") Mutation m) {
        Cli.write(dir.resolve("m.yaml"), m.apply(read(MANIFESTS.resolve(shape))));
        Path scenario = Cli.write(dir.resolve("s.yaml"), Cli.TINY.replace("  engine:", "  faults:\n    - manifest: m.yaml\n      at: 1m\n  engine:"));
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Cli.run("run", scenario.toString(), "--out", dir.resolve("out").toString(), "-q", "--threads", "1", "--max-work", "1000000"));
        assertThat(r.exit()).as(r.err()).isIn(Homeostat.EXIT_OK, Homeostat.EXIT_FAILED, Homeostat.EXIT_BAD_INPUT);
        if (r.exit() != Homeostat.EXIT_BAD_INPUT) return;
        Cli.assertCleanLine(r.err());
        assertThat(r.err()).contains("s.yaml:");
        assertThat(Cli.filesUnder(dir.resolve("out"))).isZero();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
