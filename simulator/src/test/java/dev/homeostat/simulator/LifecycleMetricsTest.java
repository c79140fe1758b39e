package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.MIB;
import static dev.homeostat.simulator.Fixtures.app;
import static dev.homeostat.simulator.Fixtures.cluster;
import static dev.homeostat.simulator.Fixtures.run;
import static dev.homeostat.simulator.metrics.MetricNames.LAST_TERMINATED_REASON;
import static dev.homeostat.simulator.metrics.MetricNames.WAITING_REASON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.events.SimEvent.FaultStarted;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.MemoryStress;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.metrics.Series;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kube-state-metrics container-status series: last termination reason and CrashLoopBackOff waiting. */
class LifecycleMetricsTest {
    private static final Duration MIN = Duration.ofMinutes(1);

    @Test
    void steadyState_hasNoTerminationOrWaitingSeries() {
        var r = run(cluster(1, Duration.ofMinutes(3), List.of()), 1);
        assertThat(r.series(LAST_TERMINATED_REASON)).isEmpty();
        assertThat(r.series(WAITING_REASON)).isEmpty();
    }

    @Test
    void oomLoop_reportsOomKilled_andCrashLoopBackOffWhileTheFaultLasts() {
        var stress = new MemoryStress("stress", MIN, Duration.ofMinutes(5), app("svc0"), SelectionMode.one(), 2, 200 * MIB);
        var r = run(cluster(1, Duration.ofMinutes(8), List.of(stress)), 9);
        String pod = r.of(FaultStarted.class).getFirst().pods().getFirst().split("/")[1];

        Series terminated = single(r.series(LAST_TERMINATED_REASON));
        assertThat(terminated.labels()).isEqualTo(Map.of("namespace", "shop", "pod", pod, "container", "app", "reason", "OOMKilled"));
        // from the first kill (60 s) to the end of the run, also after the clean restart at 370 s
        assertThat(terminated.times()).startsWith(60_000L).endsWith(r.sim().endMillis());
        assertThat(Arrays.stream(terminated.values()).distinct().toArray()).containsExactly(1.0);

        Series waiting = single(r.series(WAITING_REASON));
        assertThat(waiting.labels()).containsEntry("reason", "CrashLoopBackOff").containsEntry("pod", pod);
        // OOM at 60, 70, 90, 130, 210 s (stress re-applied on every start): waiting through the fault; the 370 s start is clean
        assertThat(waiting.times()).startsWith(60_000L, 75_000L, 90_000L).contains(360_000L).doesNotContain(375_000L);
    }

    @Test
    void containerKill_reportsError_andBackOffOnlyForTheFirstDelay() {
        var kill = new ContainerKill("ck", MIN, app("svc0"), SelectionMode.one(), List.of("app"));
        var r = run(cluster(1, Duration.ofMinutes(3), List.of(kill)), 2);

        Series terminated = single(r.series(LAST_TERMINATED_REASON));
        assertThat(terminated.labels()).containsEntry("reason", "Error");
        assertThat(terminated.times()).startsWith(60_000L, 75_000L);
        // killed at 60 s, started again after the 10 s back-off: only the 60 s scrape sees it waiting
        assertThat(single(r.series(WAITING_REASON)).times()).containsExactly(60_000L);
    }

    private static Series single(List<Series> series) {
        assertThat(series).hasSize(1);
        return series.getFirst();
    }
}
