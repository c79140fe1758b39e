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
                        .violated(100, WEB).alert(alertAt, WEB_POD, WEB).action(alertAt, WEB_POD, WEB, true, true)
                        .restored(150, WEB, "engine")
                        .alert(900, CACHE_POD, CACHE)
                        .end(1000),
                Journals.baseline(seed).fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                        .violated(100, WEB).restored(400, WEB, "kubernetes").end(1000),
                ScoringConfig.DEFAULT);
    }

    /** "kill" passes; "quiet" (no fault, no alert) fails its minPrecision because precision is undefined. */
    static SuiteReport suite() {
        ScenarioReport kill = ScenarioReport.of(ScenarioResult.of("demo", List.of(run(1, 110), run(2, 130.5))),
                new Expectations(0.5, null, 1.0, Duration.ofMinutes(1), null, 0.5, 1, 0, null, null), "scenarios/ci/demo.yaml");
        RunScore quietRun = Scorer.score(Journals.engine(7).end(1000), Journals.baseline(7).end(1000),
                ScoringConfig.DEFAULT);
        ScenarioReport quiet = ScenarioReport.of(renamed("quiet", quietRun), new Expectations(null, 0.9, null, null, null, null, null, null, null, null), "scenarios/ci/quiet.yaml");
        return SuiteReport.of("ci", List.of(kill, quiet));
    }

    private static ScenarioResult renamed(String name, RunScore r) {
        return ScenarioResult.of(name, List.of(new RunScore(name, r.seed(), r.runMillis(), r.incidents(), r.alerts(), r.precision(),
                r.recall(), r.f1(), r.mttdMillis(), r.mttrMillis(), r.mttrMillisBaseline(), r.downtimeMillisEngine(),
                r.downtimeMillisBaseline(), r.downtimeReduction(), r.pagesEngine(), r.pagesBaseline(), r.enginePagesSent(),
                r.pageReduction(), r.incidentsEscalatedEngine(), r.incidentsEscalatedBaseline(), r.needlessActions(),
                r.falseAlarms(), r.falseAlarmsPerDay(), r.escalationsEngine(), r.escalationsBaseline())));
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

        assertThat(json).startsWith("{\n  \"schemaVersion\": \"2\",\n  \"suite\": \"ci\",\n  \"passed\": false,\n  \"totals\": {\n")
                .endsWith("}\n").doesNotContain("\r");
        assertThat(json).containsSubsequence("\"totals\": {", "\"scenarios\": 2", "\"failed\": 1",
                "\"downtimeSecondsBaseline\": 300.0", "\"downtimeSecondsEngine\": 50.0", "\"downtimeReduction\": 0.833333",
                "\"pageReduction\": null", "\"falseAlarmsPerDayNoFault\": 0.0");
        assertThat(json).containsSubsequence("\"name\": \"demo\"", "\"file\": \"scenarios/ci/demo.yaml\"", "\"seeds\": [",
                "\"status\": \"pass\"", "\"noFault\": false", "\"durationSeconds\": 1000.0", "\"precision\": 0.5",
                "\"recall\": 1.0", "\"f1\": 0.666667", "\"mttdSeconds\": 20.25", "\"mttrSeconds\": 50.0",
                "\"mttrSecondsBaseline\": 300.0", "\"downtimeSecondsBaseline\": 300.0", "\"downtimeSecondsEngine\": 50.0",
                "\"downtimeReduction\": 0.833333", "\"pagesBaseline\": 0.0", "\"pagesEngine\": 0.0",
                "\"enginePagesSent\": 0.0", "\"pageReduction\": null", "\"incidentsEscalatedBaseline\": 0.0",
                "\"incidentsEscalatedEngine\": 0.0", "\"needlessActions\": 0.0", "\"falseAlarmsPerDay\": 86.4",
                "\"escalationsBaseline\": 0.0", "\"escalationsEngine\": 0.0", "\"passed\": true", "\"failedExpectations\": [ ]", "\"confidence95\": {",
                "\"byFaultKind\": {", "\"PodKill\": {", "\"incidents\": [", "\"fault\": \"web-kill\"",
                "\"kind\": \"PodKill\"", "\"start\": 100.0", "\"detectedAt\": 110.0", "\"mttd\": 10.0",
                "\"restoredAt\": 150.0", "\"fixedBy\": \"engine\"", "\"noOp\": false");
        // confidence95 keys sorted, each [low, high]
        assertThat(json).containsSubsequence("\"downtimeReduction\": [", "\"f1\": [", "\"mttdSeconds\": [",
                "\"precision\": [", "\"recall\": [");
        // the quiet scenario: undefined metrics are null, and its failure is listed
        assertThat(json).containsSubsequence("\"name\": \"quiet\"", "\"status\": \"fail\"", "\"noFault\": true",
                "\"precision\": null", "\"recall\": null", "\"f1\": null", "\"downtimeReduction\": null", "\"passed\": false",
                "\"precision undefined (no scored incident or no alert event), expected minPrecision 0.90\"");
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
                .contains("| scenario | seeds | F1 | precision | recall | MTTD | MTTR baseline → engine | downtime baseline → engine "
                        + "| reduction | pages baseline → engine | needless | false alarms/day | result |")
                // one false alarm (the cache alert) in a 1000 s run: 86.4 per day
                .contains("| demo | 2 | 0.67 | 0.50 | 1.00 | 20.3s | 300s → 50s | 300s → 50s | 83% | 0 → 0 | 0 | 86.4 | PASS |")
                // a control: precision n/a, reduction n/a (nothing to reduce)
                .contains("| quiet | 1 | n/a | n/a | n/a | n/a | n/a → n/a | 0s → 0s | n/a | 0 → 0 | 0 | 0.0 | FAIL |")
                // the suite in one row: totals, the reduction of the totals, false alarms per day over the controls
                .contains("| total (2 scenarios) |  |  |  |  |  |  | 300s → 50s | 83% | 0 → 0 | 0 | 0.0 (controls) | 1 failed |")
                .contains("## Failed expectations\n\n- quiet: precision undefined (no scored incident or no alert event), expected "
                        + "minPrecision 0.90\n");

        List<String> lines = ReportWriter.table(suite).lines().toList();
        int f1Column = lines.get(0).indexOf("F1");
        assertThat(lines.get(0)).startsWith("scenario ").contains("seeds  F1    precision");
        assertThat(lines.get(2)).startsWith("demo ");
        assertThat(lines.get(2).substring(f1Column)).startsWith("0.67  0.50");
        assertThat(lines.get(3)).startsWith("quiet ");
        assertThat(lines.get(3).substring(f1Column)).startsWith("n/a   n/a");
        // every column starts at the same offset in the header and in the rows
        int mttrColumn = lines.get(0).indexOf("MTTR");
        assertThat(lines.get(2).substring(mttrColumn)).startsWith("300s -> 50s");
        assertThat(lines.get(4)).startsWith("total (2 scenarios)");
        assertThat(lines).contains("FAILED quiet: precision undefined (no scored incident or no alert event), expected minPrecision 0.90",
                "suite ci: FAIL");
    }

    @Test
    void scenarioReport_passedMustAgreeWithFailures() {
        ScenarioReport demo = suite().scenarios().getFirst();
        assertThatThrownBy(() -> new ScenarioReport(demo.name(), demo.file(), demo.seeds(), "pass", false, 60, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, true,
                List.of("f1 0.1 < minF1 0.5"), null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disagree with 1 failed expectations");
    }
}
