package dev.homeostat.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.testbed.cli.Homeostat;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTest {
    private static final Path SCENARIO = Path.of("..", "scenarios", "bench", "pod-failure-catalog.yaml");
    private static final Path DEFAULT = Path.of("..", "remediation", "policies", "default.yaml");
    private static final Path EAGER = Path.of("..", "scenarios", "policies", "restart-eager.yaml");

    @TempDir Path dir;

    private static BenchResult grid() {
        List<Scenario> scenarios = List.of(new ScenarioLoader().load(SCENARIO).withSeedCount(1));
        var configs = BenchConfig.grid(List.of(DEFAULT, EAGER), List.of(DetectorSpec.parse("mad"), DetectorSpec.parse("ewma:k=2")));
        return Bench.run("bench", scenarios, configs, 2, p -> { });
    }

    @Test
    void twoPolicies_byTwoDetectors_giveFourRows_andIdenticalBenchJsonBytesOnTwoRuns() {
        BenchResult first = grid();
        assertThat(first.rows()).extracting(BenchRow::configuration)
                .containsExactly("default / mad", "default / ewma:k=2", "restart-eager / mad", "restart-eager / ewma:k=2");
        assertThat(first.rows()).allSatisfy(r -> assertThat(r.runs()).isEqualTo(1));
        assertThat(first.rows()).allSatisfy(r -> assertThat(r.scenarios()).extracting(ScenarioRow::scenario).containsExactly("pod-failure-catalog"));
        assertThat(first.rows()).filteredOn(BenchRow::best).hasSize(1).allMatch(BenchRow::pareto);
        assertThat(first.rows()).filteredOn(BenchRow::best).extracting(BenchRow::configuration).containsExactly(first.best());
        assertThat(BenchFiles.json(grid())).isEqualTo(BenchFiles.json(first));
    }

    @Test
    void best_isTheHighestF1AmongTheParetoBest_thenFewerNeedlessActions() {
        var rows = List.of(
                row("a", 0.8, 60.0, 0), row("b", 0.9, 90.0, 1), row("c", 0.9, 100.0, 0), row("d", 0.7, 200.0, 0));
        var front = Pareto.front(rows.stream().map(BenchRow::point).toList());
        assertThat(front).containsExactly(true, true, true, false);
        assertThat(Bench.best(rows, front)).isEqualTo(2);
    }

    private static BenchRow row(String name, Double f1, Double mttr, double needless) {
        return new BenchRow(name, name, "as-written", 1, f1, 1.0, f1, 10.0, mttr, 0.5, needless, 0, false, false, List.of());
    }

    private record Run(int exit, String out, String err) { }

    private static Run bench(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), Stream.concat(Stream.of("bench"), Stream.of(args)).toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void command_writesTableMarkdownJsonAndChart() throws Exception {
        var r = bench("--policies", DEFAULT + "," + EAGER, "--seeds", "1", "--threads", "2", "--out", dir.toString(), SCENARIO.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("default / as-written", "restart-eager / as-written", "best: ");
        assertThat(Files.readString(dir.resolve("bench.md"))).contains("## Per scenario", "| restart-eager / as-written | pod-failure-catalog | 1 |");
        byte[] png = Files.readAllBytes(dir.resolve("bench.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(dir.resolve("bench.json"))).startsWith("{\n  \"suite\": \"pod-failure-catalog\"");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("bench.json", "bench.md", "bench.png");
        }
    }

    @Test
    void unknownDetector_andMissingPolicy_exit2_beforeAnyRun() {
        var unknown = bench("--detectors", "madd", "--out", dir.toString(), SCENARIO.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--detectors: unknown detector 'madd'; known detectors:");
        var missing = bench("--policies", "no/such.yaml", "--out", dir.toString(), SCENARIO.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--policies: no/such.yaml: file not found");
        assertThat(dir).isEmptyDirectory();
    }
}
