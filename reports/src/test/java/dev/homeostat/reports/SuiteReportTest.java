package dev.homeostat.reports;

import dev.homeostat.reports.score.Expectations;
import dev.homeostat.reports.score.ScenarioResult;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.reports.score.ScoringConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.homeostat.reports.Journals.WEB;
import static dev.homeostat.reports.Journals.WEB_POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteReportTest {
    /** A scenario whose baseline had {@code baselineDown} s of downtime on web and the engine run {@code engineDown} s. */
    private static ScenarioReport scenario(String name, double baselineDown, double engineDown, Expectations expectations) {
        var run = Scorer.score(Journals.engine(1).fault("kill", "PodKill", 100, 100, WEB_POD, WEB)
                        .violated(100, WEB).restored(100 + engineDown, WEB, "kubernetes").end(4000),
                Journals.baseline(1).fault("kill", "PodKill", 100, 100, WEB_POD, WEB)
                        .violated(100, WEB).restored(100 + baselineDown, WEB, "kubernetes").end(4000), ScoringConfig.DEFAULT);
        var r = ScenarioResult.of("demo", List.of(run));
        return ReportFixtures.renamed(ScenarioReport.of(r, expectations, "scenarios/" + name + ".yaml"), name);
    }

    private static Expectations maxNeedless(int n) {
        return new Expectations(null, null, null, null, null, null, n, null, null, null);
    }

    @Test
    void totals_reduceTheSums_notTheMeanOfRatios() {
        // a: 100 → 0 (100 %), b: 1000 → 900 (10 %): the mean of ratios says 55 %, the totals 1100 → 900 say 18 %
        SuiteReport suite = SuiteReport.of("s", List.of(scenario("a", 100, 0, maxNeedless(0)), scenario("b", 1000, 900, maxNeedless(0))));

        SuiteTotals t = suite.totals();
        assertThat(t.downtimeSecondsBaseline()).isEqualTo(1100.0);
        assertThat(t.downtimeSecondsEngine()).isEqualTo(900.0);
        assertThat(t.downtimeReduction()).isCloseTo(1 - 900.0 / 1100, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(t.falseAlarmsPerDayNoFault()).isNull(); // no control in the suite
    }

    @Test
    void aScenarioWithoutExpectations_isNotAPass_andFailsTheSuiteOnlyWhenRequired() {
        SuiteReport suite = SuiteReport.of("s", List.of(scenario("checked", 100, 0, maxNeedless(0)),
                scenario("unchecked", 100, 0, Expectations.NONE)));

        assertThat(suite.scenarios()).extracting(ScenarioReport::status).containsExactly("pass", "no-expectations");
        assertThat(suite.passed()).isTrue();
        assertThat(suite.passed(true)).isFalse();
        assertThat(suite.totals().noExpectations()).isEqualTo(1);
        assertThat(ReportWriter.table(suite)).contains("no expectations");
        assertThat(ReportWriter.junitXml(suite)).contains("<skipped message=\"no expectations: the scenario checks nothing\"/>");
    }

    @Test
    void aReportOfSchema1_readsWithTheNewerFieldsNotApplicable(@TempDir Path dir) throws IOException {
        Path v1 = dir.resolve("report.json");
        Files.writeString(v1, """
                {"schemaVersion": "1", "suite": "ci", "passed": true, "scenarios": [{
                  "name": "pod-kill", "seeds": [1, 2], "precision": 1.0, "recall": 1.0, "f1": 1.0, "mttdSeconds": 8.0,
                  "mttrSeconds": 70.0, "downtimeSecondsBaseline": 70.0, "downtimeSecondsEngine": 70.0, "downtimeReduction": 0.0,
                  "escalationsBaseline": 0.0, "escalationsEngine": 0.0, "needlessActions": 0.0, "falseAlarmsPerDay": 0.0,
                  "passed": true, "failedExpectations": [], "confidence95": {"f1": [1.0, 1.0]}, "byFaultKind": {}, "incidents": [
                    {"seed": 1, "fault": "kill", "kind": "PodChaos/pod-kill", "start": 900.0, "detectedAt": 908.0, "mttd": 8.0,
                     "restoredAt": 970.0, "fixedBy": "kubernetes", "noOp": false, "end": 900.0, "mttr": 70.0, "escalated": false}]}]}
                """);

        SuiteReport read = ReportJson.read(v1);

        ScenarioReport s = read.scenarios().getFirst();
        assertThat(read.schemaVersion()).isEqualTo(SuiteReport.SCHEMA_VERSION);
        assertThat(s.status()).isEqualTo("pass");
        assertThat(s.f1()).isEqualTo(1.0);
        assertThat(s.pagesEngine()).isNull();
        assertThat(s.escalationsEngine()).isEqualTo(0.0);
        assertThat(s.incidents().getFirst().mttrBaseline()).isNull();
    }

    @Test
    void aReportOfAnUnknownSchema_isRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path v9 = dir.resolve("report.json");
        Files.writeString(v9, "{\"schemaVersion\": \"9\", \"suite\": \"ci\", \"scenarios\": []}");
        assertThatThrownBy(() -> ReportJson.read(v9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("report schema \"9\" is not one this build reads (1 or 2)");
        Path none = dir.resolve("none.json");
        Files.writeString(none, "{\"schemaVersion\": \"2\", \"suite\": \"ci\"}");
        assertThatThrownBy(() -> ReportJson.read(none)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scenarios list");
    }
}
