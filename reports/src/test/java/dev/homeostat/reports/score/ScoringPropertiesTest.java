package dev.homeostat.reports.score;

import dev.homeostat.reports.Journals;
import dev.homeostat.reports.journal.Journal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringPropertiesTest {
    private static final List<String> PODS = List.of("pod/default/a-1", "pod/default/b-1", "pod/default/c-1",
            "pod/default/d-1");
    private static final List<String> SERVICES = List.of("service/default/a", "service/default/b",
            "service/default/c", "service/default/d");

    /**
     * Random runs: faults (start, length) on pods a–c, alerts on any of a–d, SLO violations (start, length)
     * on any service, in both runs. Index i picks pod/service i mod 4.
     */
    @Property(tries = 300)
    void scoresStayInRange(@ForAll @Size(max = 5) List<@IntRange(max = 3000) Integer> faultStarts,
                           @ForAll @Size(max = 12) List<@IntRange(max = 3599) Integer> alertTimes,
                           @ForAll @Size(max = 6) List<@IntRange(max = 3599) Integer> engineViolations,
                           @ForAll @Size(max = 6) List<@IntRange(max = 3599) Integer> baselineViolations,
                           @ForAll boolean firstFaultIsNoOp) {
        Journals engine = Journals.engine(9);
        Journals baseline = Journals.baseline(9);
        for (int i = 0; i < faultStarts.size(); i++) {
            int start = faultStarts.get(i);
            int end = start + (start % 7) * 60; // 0 (instantaneous) to 6 minutes
            String pod = PODS.get(i % 3);
            String service = SERVICES.get(i % 3);
            if (i == 0 && firstFaultIsNoOp) {
                engine.noOpFault("f" + i, "kind" + (i % 2), start, end, pod, service);
            } else {
                engine.fault("f" + i, "kind" + (i % 2), start, end, pod, service);
            }
            baseline.fault("f" + i, "kind" + (i % 2), start, end, pod, service);
        }
        for (int t : alertTimes) {
            engine.alert(t, PODS.get(t % 4), SERVICES.get(t % 4));
        }
        violations(engine, engineViolations);
        violations(baseline, baselineViolations);
        Journal engineRun = engine.end(3600);
        Journal baselineRun = baseline.end(3600);

        RunScore score = Scorer.score(engineRun, baselineRun, ScoringConfig.DEFAULT);

        // precision is n/a without alerts, and without incidents (it would only restate the false alarms)
        assertThat(score.precision() == null).isEqualTo(score.alerts().isEmpty() || score.scoredIncidents().isEmpty());
        assertThat(score.recall() == null).isEqualTo(score.scoredIncidents().isEmpty());
        for (Double ratio : java.util.Arrays.asList(score.precision(), score.recall(), score.f1())) {
            if (ratio != null) {
                assertThat(ratio).isBetween(0.0, 1.0);
            }
        }
        if (score.f1() != null && score.precision() != null) {
            assertThat(score.f1()).isLessThanOrEqualTo(Math.max(score.precision(), score.recall()) + 1e-12);
        }
        if (score.downtimeReduction() != null) {
            assertThat(score.downtimeReduction()).isLessThanOrEqualTo(1.0);
        }
        assertThat(score.downtimeMillisEngine()).isBetween(0L, 4L * 3_600_000);
        assertThat(score.matchedAlerts()).isLessThanOrEqualTo(score.alerts().size());
        assertThat(score.alerts().stream().mapToInt(AlertEvent::anomalies).sum()).isEqualTo(alertTimes.size());
        if (score.mttdMillis() != null) {
            assertThat(score.mttdMillis()).isBetween(0.0, (double) (6 * 60 + 300) * 1000);
        }
        if (score.mttrMillis() != null) {
            assertThat(score.mttrMillis()).isGreaterThanOrEqualTo(0.0);
        }
    }

    private static void violations(Journals run, List<Integer> starts) {
        for (int t : starts) {
            String service = SERVICES.get(t % 4);
            run.violated(t, service);
            if (t % 5 != 0) { // every fifth stays violated until RunEnded
                run.restored(Math.min(3600, t + (t % 11) * 30), service, "kubernetes");
            }
        }
    }
}
