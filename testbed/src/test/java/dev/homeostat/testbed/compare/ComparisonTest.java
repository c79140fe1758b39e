package dev.homeostat.testbed.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static MetricComparison metric(Comparison c, Metric m) {
        return c.scenarios().getFirst().metrics().stream().filter(x -> x.metric() == m).findFirst().orElseThrow();
    }

    @Test
    void identicalReports_areUnchangedEverywhere() {
        var r = Reports.suite(Reports.scenario("a", 3).build());
        var c = Comparison.of(r, r, Thresholds.DEFAULTS);
        assertThat(c.hasRegression()).isFalse();
        assertThat(c.scenarios().getFirst().metrics()).extracting(MetricComparison::judgement).containsOnly(Judgement.UNCHANGED);
    }

    @Test
    void downtimeReductionDrop_beyondThreshold_isARegressionNamingTheFlag() {
        var base = Reports.suite(Reports.scenario("a", 3).build());
        var next = Reports.suite(Reports.scenario("a", 3).set("downtimeReduction", 0.5).build());
        var c = Comparison.of(base, next, Thresholds.DEFAULTS);
        assertThat(metric(c, Metric.DOWNTIME_REDUCTION).judgement()).isEqualTo(Judgement.REGRESSION);
        assertThat(c.regressions()).containsExactly("a: downtimeReduction 0.900 → 0.500 (drop 0.400 > --max-downtime-reduction-drop 0.050)");
    }

    @Test
    void changes_withinThreshold_areWorse_andGoodDirection_isImproved() {
        var base = Reports.suite(Reports.scenario("a", 3).build());
        var next = Reports.suite(Reports.scenario("a", 3).set("mttdSeconds", 50.0).set("mttrSeconds", 20.0).set("f1", 0.97).build());
        var c = Comparison.of(base, next, Thresholds.DEFAULTS);
        assertThat(metric(c, Metric.MTTD).judgement()).isEqualTo(Judgement.WORSE);
        assertThat(metric(c, Metric.F1).judgement()).isEqualTo(Judgement.WORSE);
        assertThat(metric(c, Metric.MTTR).judgement()).isEqualTo(Judgement.IMPROVED);
        assertThat(metric(c, Metric.MTTR).delta()).isEqualTo(-40.0);
        assertThat(c.hasRegression()).isFalse();
    }

    @Test
    void anyNeedlessActionIncrease_failsByDefault_andAChangeExactlyAtTheThresholdPasses() {
        var base = Reports.suite(Reports.scenario("a", 3).build());
        var next = Reports.suite(Reports.scenario("a", 3).set("needlessActions", 0.33).set("mttdSeconds", 60.0).build());
        var c = Comparison.of(base, next, Thresholds.DEFAULTS);
        assertThat(metric(c, Metric.NEEDLESS_ACTIONS).judgement()).isEqualTo(Judgement.REGRESSION);
        assertThat(metric(c, Metric.MTTD).judgement()).isEqualTo(Judgement.WORSE); // +30 s = --max-mttd-increase 30s
    }

    @Test
    void requireSignificance_downgradesAnInsignificantRegressionToWorse() {
        var base = Reports.suite(Reports.scenario("a", 3).set("mttrSeconds", 60.0, 0.0, 120.0).build());
        var next = Reports.suite(Reports.scenario("a", 3).set("mttrSeconds", 130.0, 0.0, 260.0).build());
        var lenient = new Thresholds(0.05, 0.05, 0.05, 30, 60, 0.05, 0, 0, 0.05, true);
        var c = Comparison.of(base, next, lenient);
        assertThat(metric(c, Metric.MTTR).pValue()).isGreaterThan(0.05);
        assertThat(metric(c, Metric.MTTR).judgement()).isEqualTo(Judgement.WORSE);
        assertThat(metric(Comparison.of(base, next, Thresholds.DEFAULTS), Metric.MTTR).judgement()).isEqualTo(Judgement.REGRESSION);
    }

    @Test
    void downtimeReductionTurningUndefined_isARegression_otherOneSidedValuesAreNotJudged() {
        var base = Reports.suite(Reports.scenario("a", 3).build());
        var next = Reports.suite(Reports.scenario("a", 3).set("downtimeReduction", null).set("mttrSeconds", null).build());
        var c = Comparison.of(base, next, Thresholds.DEFAULTS);
        assertThat(metric(c, Metric.DOWNTIME_REDUCTION).judgement()).isEqualTo(Judgement.REGRESSION);
        assertThat(metric(c, Metric.MTTR).judgement()).isEqualTo(Judgement.NOT_COMPARABLE);
    }

    @Test
    void aScenarioMissingFromTheNewReport_failsTheGate_oneOnlyInTheNewIsListed() {
        var base = Reports.suite(Reports.scenario("a", 3).build(), Reports.scenario("gone", 3).build());
        var next = Reports.suite(Reports.scenario("a", 3).build(), Reports.scenario("added", 3).set("f1", 0.0).build());
        var c = Comparison.of(base, next, Thresholds.DEFAULTS);
        assertThat(c.onlyInBase()).containsExactly("gone");
        assertThat(c.onlyInNew()).containsExactly("added");
        assertThat(c.hasRegression()).isTrue();
        assertThat(c.regressions()).containsExactly("gone: missing from the new report (run it, or remove it from the base report on purpose)");
        assertThat(ComparisonText.table(c, "b.json", "n.json")).contains("missing from the new report (a regression): gone",
                "only in new (not compared): added");

        var same = Reports.suite(Reports.scenario("a", 3).build(), Reports.scenario("added", 3).build());
        assertThat(Comparison.of(Reports.suite(Reports.scenario("a", 3).build()), same, Thresholds.DEFAULTS).hasRegression()).isFalse();
    }

    @Test
    void reportsWithoutACommonScenario_areBadInput() {
        var base = Reports.suite(Reports.scenario("a", 3).build());
        var next = Reports.suite(Reports.scenario("b", 3).build());
        assertThatThrownBy(() -> Comparison.of(base, next, Thresholds.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share no scenario");
    }

    @Test
    void thresholds_rejectNegativeValues_namingTheFlag() {
        assertThatThrownBy(() -> new Thresholds(-0.1, 0.05, 0.05, 30, 60, 0.05, 0, 0, 0.05, false))
                .hasMessageStartingWith("--max-f1-drop: must be a finite number >= 0");
        assertThatThrownBy(() -> new Thresholds(0.05, 0.05, 0.05, 30, 60, 0.05, 0, 0, 1.5, false))
                .hasMessageStartingWith("--alpha: must be in (0, 1)");
    }
}
