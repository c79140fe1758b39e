package dev.homeostat.reports.score;

import dev.homeostat.reports.Journals;
import dev.homeostat.reports.journal.Journal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.homeostat.reports.Journals.CACHE;
import static dev.homeostat.reports.Journals.CACHE_POD;
import static dev.homeostat.reports.Journals.DB;
import static dev.homeostat.reports.Journals.DB_POD;
import static dev.homeostat.reports.Journals.WEB;
import static dev.homeostat.reports.Journals.WEB_POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScenarioResultTest {
    /** Seed 1: web detected after 10 s and restored after 60 s; db missed; one false alarm; one needless restart. */
    static RunScore seedOne() {
        Journal engine = Journals.engine(1)
                .fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                .violated(100, WEB).alert(110, WEB_POD, WEB).restored(160, WEB, "engine")
                .fault("db-stress", "StressChaos", 1000, 1100, DB_POD, DB)
                .alert(2000, CACHE_POD, CACHE)
                .action(2010, CACHE_POD, CACHE, true, true)
                .end(3000);
        Journal baseline = Journals.baseline(1)
                .fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                .violated(100, WEB).restored(340, WEB, "kubernetes")
                .fault("db-stress", "StressChaos", 1000, 1100, DB_POD, DB)
                .end(3000);
        return Scorer.score(engine, baseline, ScoringConfig.DEFAULT);
    }

    /** Seed 2: both detected (web after 30 s, db after 20 s), web restored after 120 s; no false alarm. */
    static RunScore seedTwo() {
        Journal engine = Journals.engine(2)
                .fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                .violated(100, WEB).alert(130, WEB_POD, WEB).restored(220, WEB, "engine")
                .fault("db-stress", "StressChaos", 1000, 1100, DB_POD, DB)
                .alert(1020, DB_POD, DB)
                .end(3000);
        Journal baseline = Journals.baseline(2)
                .fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                .violated(100, WEB).restored(340, WEB, "kubernetes")
                .fault("db-stress", "StressChaos", 1000, 1100, DB_POD, DB)
                .end(3000);
        return Scorer.score(engine, baseline, ScoringConfig.DEFAULT);
    }

    @Test
    void aggregate_meansOverSeeds_andBreaksDownByFaultKind() {
        ScenarioResult result = ScenarioResult.of("demo", List.of(seedTwo(), seedOne()));

        assertThat(result.seeds()).containsExactly(1L, 2L);
        // precision 1/2 and 2/2; recall 1/2 and 2/2; F1 1/2 and 1.
        assertThat(result.precision().mean()).isEqualTo(0.75);
        assertThat(result.recall().mean()).isEqualTo(0.75);
        assertThat(result.f1().mean()).isEqualTo(0.75);
        // MTTD 10 s and mean(30, 20) = 25 s; MTTR 60 s and 120 s.
        assertThat(result.mttdSeconds().mean()).isEqualTo(17.5);
        assertThat(result.mttrSeconds().mean()).isEqualTo(90.0);
        assertThat(result.downtimeSecondsBaseline().mean()).isEqualTo(240.0);
        assertThat(result.downtimeSecondsEngine().mean()).isEqualTo(90.0);
        // reductions 1 − 60/240 = 0.75 and 1 − 120/240 = 0.5
        assertThat(result.downtimeReduction().mean()).isCloseTo(0.625, within(1e-12));
        assertThat(result.needlessActions().mean()).isEqualTo(0.5);
        // two seeds: half width = t(0.975, 1) · s / √2 with s = |60 − 120| / √2 → 12.7062 · 30
        assertThat(result.mttrSeconds().high()).isCloseTo(90 + 12.706204736174707 * 30, within(1e-6));

        assertThat(result.byFaultKind()).containsOnlyKeys("PodKill", "StressChaos");
        assertThat(result.byFaultKind().get("PodKill")).isEqualTo(new FaultKindStats(2, 2, 1.0, 20.0, 90.0));
        assertThat(result.byFaultKind().get("StressChaos")).isEqualTo(new FaultKindStats(2, 1, 0.5, 20.0, null));
    }

    @Test
    void aggregate_rejectsDuplicateSeedsAndForeignRuns() {
        assertThatThrownBy(() -> ScenarioResult.of("demo", List.of(seedOne(), seedOne())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 1 appears twice");
        assertThatThrownBy(() -> ScenarioResult.of("other", List.of(seedOne())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got a run of scenario demo");
        assertThatThrownBy(() -> ScenarioResult.of("demo", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs is empty");
    }

    @Test
    void expectations_failedOnesReadAsMetricValueBound() {
        ScenarioResult result = ScenarioResult.of("demo", List.of(seedOne())); // F1 0.5, MTTD 10 s, 1 needless
        Expectations strict = new Expectations(0.8, null, 0.5, Duration.ofSeconds(5), Duration.ofMinutes(5), 0.9,
                0, 0, null, null);

        assertThat(strict.check(result)).containsExactly(
                "f1 0.50 < minF1 0.80",
                "mttd 10s > maxMttd 5s",
                "downtimeReduction 0.75 < minDowntimeReduction 0.90",
                "needlessActions 1 > maxNeedlessActions 0");
        assertThat(new Expectations(0.5, 0.5, 0.5, Duration.ofSeconds(10), Duration.ofSeconds(60), 0.75, 1, 0, null, null)
                .check(result)).isEmpty();
        assertThat(Expectations.NONE.check(result)).isEmpty();
    }

    @Test
    void expectations_closeValuesGetMoreDecimals_andUndefinedMetricsFail() {
        ScenarioResult noAlerts = ScenarioResult.of("demo", List.of(Scorer.score(
                Journals.engine(1).fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB).end(1000),
                Journals.baseline(1).end(1000), ScoringConfig.DEFAULT)));
        ScenarioResult f1Near = ScenarioResult.of("demo", List.of(seedOne()));

        assertThat(new Expectations(null, 0.5, null, Duration.ofSeconds(30), null, null, null, null, null, null).check(noAlerts))
                .containsExactly("precision undefined (no scored incident or no alert event), expected minPrecision 0.50",
                        "mttd undefined (no incident detected), expected maxMttd 30s");
        assertThat(new Expectations(0.501, null, null, null, null, null, null, null, null, null).check(f1Near))
                .containsExactly("f1 0.5000 < minF1 0.5010");
    }

    @Test
    void expectations_rejectOutOfRangeThresholdsNamingTheField() {
        assertThatThrownBy(() -> new Expectations(1.5, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minF1 must be in [0, 1]");
        assertThatThrownBy(() -> new Expectations(null, null, null, Duration.ofSeconds(-1), null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMttd");
        assertThatThrownBy(() -> new Expectations(null, null, null, null, null, null, -1, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNeedlessActions");
    }
}
