package dev.homeostat.reports;

import dev.homeostat.reports.score.Expectations;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.ScenarioResult;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.reports.score.ScoringConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.homeostat.reports.Journals.CACHE;
import static dev.homeostat.reports.Journals.CACHE_POD;
import static dev.homeostat.reports.Journals.WEB;
import static dev.homeostat.reports.Journals.WEB_POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {
    private static RunScore run(long seed, double alertAt) {
        return Scorer.score(Journals.engine(seed)
                        .fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                        .violated(100, WEB).alert(alertAt, WEB_POD, WEB).restored(150, WEB, "engine")
                        .alert(900, CACHE_POD, CACHE)
                        .end(1000),
                Journals.baseline(seed).fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                        .violated(100, WEB).restored(400, WEB, "kubernetes").end(1000),
                ScoringConfig.DEFAULT);
    }

    /** "kill" passes; "quiet" (no fault, no alert) fails its minPrecision because precision is undefined. */
    static SuiteReport suite() {
        ScenarioReport kill = ScenarioReport.of(ScenarioResult.of("demo", List.of(run(1, 110), run(2, 130.5))),
                new Expectations(0.5, null, 1.0, Duration.ofMinutes(1), null, 0.5, 1, 0));
        RunScore quietRun = Scorer.score(Journals.engine(7).end(1000), Journals.baseline(7).end(1000),
                ScoringConfig.DEFAULT);
        ScenarioReport quiet = ScenarioReport.of(renamed("quiet", quietRun),
                new Expectations(null, 0.9, null, null, null, null, null, null));
        return SuiteReport.of("ci", List.of(kill, quiet));
    }

    private static ScenarioResult renamed(String name, RunScore r) {
        return ScenarioResult.of(name, List.of(new RunScore(name, r.seed(), r.incidents(), r.alerts(),
                r.baselineIncidents(), r.precision(), r.recall(), r.f1(), r.mttdMillis(), r.mttrMillis(),
                r.downtimeMillisEngine(), r.downtimeMillisBaseline(), r.downtimeReduction(), r.escalationsEngine(),
                r.escalationsBaseline(), r.escalationReduction(), r.needlessActions(), r.falseAlarmsPerDay())));
    }

    @Test
    void reportJson_isByteIdenticalAcrossTwoWrites(@TempDir Path dir) throws IOException {
        ReportWriter.write(suite(), dir.resolve("a"));
        ReportWriter.write(suite(), dir.resolve("b"));

        byte[] a = Files.readAllBytes(dir.resolve("a/report.json"));
        assertThat(a).isEqualTo(Files.readAllBytes(dir.resolve("b/report.json")));
        assertThat(Files.readAllBytes(dir.resolve("a/summary.md")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b/summary.md")));
        try (var files = Files.list(dir.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("report.json", "summary.md", "junit.xml", "index.html", "charts");
        }
    }

    @Test
    void reportJson_followsTheContract(@TempDir Path dir) throws IOException {
        ReportWriter.write(suite(), dir);
        String json = Files.readString(dir.resolve("report.json"));

        assertThat(json).startsWith("{\n  \"schemaVersion\": \"1\",\n  \"suite\": \"ci\",\n  \"passed\": false,\n")
                .endsWith("}\n").doesNotContain("\r");
        assertThat(json).containsSubsequence("\"name\": \"demo\"", "\"seeds\": [", "\"precision\": 0.5",
                "\"recall\": 1.0", "\"f1\": 0.666667", "\"mttdSeconds\": 20.25", "\"mttrSeconds\": 50.0",
                "\"downtimeSecondsBaseline\": 300.0", "\"downtimeSecondsEngine\": 50.0",
                "\"downtimeReduction\": 0.833333", "\"escalationsBaseline\": 0.0", "\"escalationsEngine\": 0.0",
                "\"needlessActions\": 0.0", "\"passed\": true", "\"failedExpectations\": [ ]", "\"confidence95\": {",
                "\"byFaultKind\": {", "\"PodKill\": {", "\"incidents\": [", "\"fault\": \"web-kill\"",
                "\"kind\": \"PodKill\"", "\"start\": 100.0", "\"detectedAt\": 110.0", "\"mttd\": 10.0",
                "\"restoredAt\": 150.0", "\"fixedBy\": \"engine\"", "\"noOp\": false");
        // confidence95 keys sorted, each [low, high]
        assertThat(json).containsSubsequence("\"downtimeReduction\": [", "\"f1\": [", "\"mttdSeconds\": [",
                "\"precision\": [", "\"recall\": [");
        // the quiet scenario: undefined metrics are null, and its failure is listed
        assertThat(json).containsSubsequence("\"name\": \"quiet\"", "\"precision\": null", "\"recall\": null",
                "\"f1\": null", "\"passed\": false",
                "\"precision undefined (no alert event), expected minPrecision 0.90\"");
    }

    @Test
    void reportJson_readsBackToTheSameBytes(@TempDir Path dir) throws IOException {
        ReportWriter.write(suite(), dir);
        Path file = dir.resolve("report.json");

        SuiteReport read = ReportJson.read(file);

        assertThat(read.passed()).isFalse();
        assertThat(read.scenarios()).extracting(ScenarioReport::name).containsExactly("demo", "quiet");
        assertThat(ReportJson.toJson(read)).isEqualTo(Files.readString(file));
    }

    @Test
    void doubles_roundToSixDecimalsWithoutExponent() {
        assertThat(ReportJson.format(2.0 / 3)).isEqualTo("0.666667");
        assertThat(ReportJson.format(1e-9)).isEqualTo("0.0");
        assertThat(ReportJson.format(12345678.0)).isEqualTo("12345678.0");
        assertThat(ReportJson.format(-0.0)).isEqualTo("0.0");
        assertThat(ReportJson.format(0.1 + 0.2)).isEqualTo("0.3");
    }

    @Test
    void summaryAndTerminalTable_showEveryScenarioAndTheFailures() {
        SuiteReport suite = suite();

        String md = ReportWriter.markdown(suite);
        assertThat(md).startsWith("# Suite ci: FAIL\n")
                .contains("| scenario | seeds | F1 | precision | recall | MTTD | MTTR | downtime baseline → engine "
                        + "| reduction | escalations baseline → engine | needless | result |")
                .contains("| demo | 2 | 0.67 | 0.50 | 1.00 | 20.3s | 50s | 300s → 50s | 83% | 0 → 0 | 0 | PASS |")
                .contains("| quiet | 1 | n/a | n/a | n/a | n/a | n/a | 0s → 0s | 0% | 0 → 0 | 0 | FAIL |")
                .contains("## Failed expectations\n\n- quiet: precision undefined (no alert event), expected "
                        + "minPrecision 0.90\n");

        List<String> lines = ReportWriter.table(suite).lines().toList();
        assertThat(lines.get(0)).startsWith("scenario  seeds  F1    precision");
        assertThat(lines.get(2)).startsWith("demo      2      0.67  0.50");
        assertThat(lines.get(3)).startsWith("quiet     1      n/a   n/a");
        // every column starts at the same offset in the header and in the rows
        int mttrColumn = lines.get(0).indexOf("MTTR");
        assertThat(lines.get(2).substring(mttrColumn)).startsWith("50s");
        assertThat(lines).contains("FAILED quiet: precision undefined (no alert event), expected minPrecision 0.90",
                "suite ci: FAIL");
    }

    @Test
    void scenarioReport_passedMustAgreeWithFailures() {
        ScenarioReport demo = suite().scenarios().getFirst();
        assertThatThrownBy(() -> new ScenarioReport(demo.name(), demo.seeds(), demo.precision(), demo.recall(),
                demo.f1(), demo.mttdSeconds(), demo.mttrSeconds(), demo.downtimeSecondsBaseline(),
                demo.downtimeSecondsEngine(), demo.downtimeReduction(), demo.escalationsBaseline(),
                demo.escalationsEngine(), demo.needlessActions(), demo.falseAlarmsPerDay(), true, List.of("f1 0.1 < minF1 0.5"),
                demo.confidence95(), demo.byFaultKind(), demo.incidents()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passed must be true exactly when");
    }
}
