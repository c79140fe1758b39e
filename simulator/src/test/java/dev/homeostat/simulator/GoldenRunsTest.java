package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.metrics.Series;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Speed and structure work must not change results: every run of {@link GoldenScenarios} is written
 * as text — each event, the lines of the API actions, the views at the end, and per metric its series
 * count, sample count and a SHA-256 of its labels and sample bits — and compared with its file under
 * {@code src/test/resources/golden/}. A failure names the run and its first differing lines.
 *
 * <p>A change of behaviour on purpose regenerates the files and says why in its commit:
 * {@code mvn -B -pl simulator -am test -Dtest=GoldenRunsTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dgolden.update=true}.
 */
class GoldenRunsTest {
    static final Path FOLDER = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicTest> everyGoldenRun_isExactlyItsFile() {
        return GoldenScenarios.all().stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> check(g.name(), render(g))));
    }

    static String render(GoldenScenarios.Golden g) {
        List<String> lines = new ArrayList<>();
        var sim = new Simulation(g.spec(), g.seed(), e -> lines.add("event " + e));
        sim.every(0, 30_000, t -> g.actions().at(sim, t).forEach(a -> lines.add("action t=" + t + " " + a)));
        sim.run();
        sim.pods().forEach(p -> lines.add("pod " + p));
        sim.deployments().forEach(d -> lines.add("deployment " + d));
        sim.nodes().forEach(n -> lines.add("node " + n));
        sim.pdbs().forEach(p -> lines.add("pdb " + p));
        for (String metric : sim.metrics().metricNames()) {
            List<Series> series = sim.metrics().range(metric, 0, sim.endMillis());
            MessageDigest md = sha256();
            long samples = 0;
            for (Series s : series) {
                md.update((s.labels() + "\n").getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < s.size(); i++)
                    md.update((s.times()[i] + ":" + Long.toHexString(Double.doubleToRawLongBits(s.values()[i])) + ";").getBytes(StandardCharsets.UTF_8));
                samples += s.size();
            }
            lines.add("metric " + metric + " series=" + series.size() + " samples=" + samples + " sha256=" + HexFormat.of().formatHex(md.digest()));
        }
        return "# golden run " + g.name() + ", seed " + g.seed() + " (GoldenRunsTest; regenerate with -Dgolden.update=true)\n"
                + String.join("\n", lines) + "\n";
    }

    /** Compares {@code actual} with the golden file {@code name}.txt, or rewrites it under -Dgolden.update=true. */
    static void check(String name, String actual) {
        Path file = FOLDER.resolve(name + ".txt");
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(FOLDER);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file).as("golden file of " + name + " (create it: -Dgolden.update=true)").exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) throw new AssertionError(firstDifference(name, expected, actual));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run and its first differing line, with a line of context on either side. */
    static String firstDifference(String name, String expected, String actual) {
        String[] a = expected.split("\n", -1), b = actual.split("\n", -1);
        int i = 0;
        while (i < a.length && i < b.length && a[i].equals(b[i])) i++;
        StringBuilder out = new StringBuilder("golden run " + name + " differs from " + FOLDER.resolve(name + ".txt") + " at line " + (i + 1) + ":\n");
        if (i > 0) out.append("    ").append(a[i - 1]).append('\n');
        out.append("  - ").append(i < a.length ? a[i] : "<end of file>").append('\n');
        out.append("  + ").append(i < b.length ? b[i] : "<end of run>").append('\n');
        out.append("(expected ").append(a.length).append(" lines, got ").append(b.length)
                .append("; a deliberate change regenerates the files with -Dgolden.update=true)");
        return out.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
