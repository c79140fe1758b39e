package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.detectors.LifecycleDetector.Event;
import dev.homeostat.detectors.LifecycleDetector.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleDetectorTest {
    private static final double NA = Double.NaN;

    /** Drives one detector with rows [restarts, ready, oom, backOff] and remembers the states it went through. */
    private static final class Pod {
        final LifecycleDetector detector;
        final List<State> states = new ArrayList<>();
        Verdict last;
        long t;

        Pod(String spec) {
            detector = (LifecycleDetector) Series.create(spec, 1);
        }

        Pod row(double restarts, double ready, double oom, double backOff) {
            last = detector.observe(t += 15_000, new double[] {restarts, ready, oom, backOff});
            states.add(detector.state());
            return this;
        }

        Pod healthy(int times, double restarts) {
            for (int i = 0; i < times; i++) row(restarts, 1, 0, 0);
            return this;
        }

        State state() { return detector.state(); }
    }

    @Test
    void steadyPod_staysHealthy_withScoreZero() {
        var pod = new Pod("lifecycle").healthy(50, 4);
        assertThat(pod.states).containsOnly(State.HEALTHY);
        assertThat(pod.last).isEqualTo(Verdict.normal(0, 1));
    }

    @Test
    void healthy_singleRestart_isRestarting_notAnomalous_thenHealthyAfterTheWindow() {
        var pod = new Pod("lifecycle:window=4").healthy(3, 0);
        pod.row(1, 0, NA, 1);                       // died, waiting in back-off: one crash is not a loop
        assertThat(pod.state()).isEqualTo(State.RESTARTING);
        assertThat(pod.last.anomalous()).isFalse();
        assertThat(pod.last.score()).isEqualTo(1.0 / 3);
        pod.row(1, 1, NA, NA).row(1, 1, NA, NA).row(1, 1, NA, NA);
        assertThat(pod.state()).isEqualTo(State.RESTARTING); // the restart is still among the last 4 observations
        pod.row(1, 1, NA, NA);
        assertThat(pod.state()).isEqualTo(State.HEALTHY);    // the readiness change back is not news on its own
    }

    @Test
    void threeRestartsInTheWindow_isRestartBurst_andTheExplanationGivesTheEvidence() {
        var pod = new Pod("lifecycle:burst=3,window=8").healthy(5, 0);
        pod.row(1, 1, 0, 0).row(2, 1, 0, 0);
        assertThat(pod.state()).isEqualTo(State.RESTARTING);
        pod.row(3, 1, 0, 0);
        assertThat(pod.state()).isEqualTo(State.RESTART_BURST);
        assertThat(pod.last.anomalous()).isTrue();
        assertThat(pod.last.score()).isEqualTo(1.0);
        assertThat(pod.last.threshold()).isEqualTo(1.0);
        assertThat(pod.last.explanation()).isEqualTo("RestartBurst: 3 restarts in the last 8 observations (burst=3, flaps=6, window=8)");
    }

    @Test
    void restartBurst_decaysToRestarting_thenHealthy() {
        var pod = new Pod("lifecycle:burst=2,window=3").healthy(2, 0);
        pod.row(1, 1, 0, 0).row(2, 1, 0, 0);
        assertThat(pod.state()).isEqualTo(State.RESTART_BURST);
        pod.row(2, 1, 0, 0);
        assertThat(pod.state()).isEqualTo(State.RESTART_BURST); // both restarts still among the last 3 observations
        pod.row(2, 1, 0, 0);
        assertThat(pod.state()).isEqualTo(State.RESTARTING);
        pod.row(2, 1, 0, 0);
        assertThat(pod.state()).isEqualTo(State.HEALTHY);
    }

    @Test
    void oomKill_isOomKilled_staysWhileRestartsAreInTheWindow_evenWithoutNewOoms() {
        var pod = new Pod("lifecycle:window=5").healthy(3, 0);
        pod.row(1, 0, 1, 1);
        assertThat(pod.state()).isEqualTo(State.OOM_KILLED);
        assertThat(pod.last.anomalous()).isTrue();
        assertThat(pod.last.score()).isEqualTo(1.0);
        assertThat(pod.last.explanation()).startsWith("OOMKilled: 1 restart in the last 4 observations; 1 readiness change; "
                + "last termination OOMKilled; waiting in CrashLoopBackOff");
        // the container comes back; last_terminated_reason keeps saying OOMKilled, which is old news, not a new kill
        pod.row(1, 1, 1, NA).row(1, 1, 1, NA).row(1, 1, 1, NA).row(1, 1, 1, NA);
        assertThat(pod.states.subList(pod.states.size() - 4, pod.states.size())).containsOnly(State.OOM_KILLED);
        pod.row(1, 1, 1, NA);
        assertThat(pod.state()).isEqualTo(State.HEALTHY);
        pod.healthy(20, 1);
        assertThat(pod.state()).isEqualTo(State.HEALTHY);
    }

    @Test
    void errorRestartWithOldOomReason_isNotAnOomKill() {
        var pod = new Pod("lifecycle").healthy(2, 0);
        pod.row(1, 1, 0, NA); // a restart whose last termination was not OOMKilled
        assertThat(pod.state()).isEqualTo(State.RESTARTING);
        pod.row(1, 1, 1, NA); // the reason flips without a restart: no OOM kill in this observation
        assertThat(pod.state()).isEqualTo(State.RESTARTING);
    }

    @Test
    void backOffAfterTwoRestarts_isCrashLoopBackOff_andStaysWhileRunningBetweenDeaths() {
        var pod = new Pod("lifecycle:window=6,burst=4").healthy(2, 0);
        pod.row(1, 0, 0, 1);
        assertThat(pod.state()).isEqualTo(State.RESTARTING);
        pod.row(1, 1, 0, 0).row(2, 0, 0, 1);
        assertThat(pod.state()).isEqualTo(State.CRASH_LOOP_BACK_OFF);
        assertThat(pod.last.explanation()).startsWith("CrashLoopBackOff: 2 restarts in the last 5 observations; 3 readiness changes; waiting in CrashLoopBackOff");
        pod.row(2, 1, 0, 0);                        // running again: still a crash loop
        assertThat(pod.state()).isEqualTo(State.CRASH_LOOP_BACK_OFF);
        assertThat(pod.last.anomalous()).isTrue();
        pod.row(3, 0, 0, 1).row(4, 0, 0, 1).row(5, 1, 0, 0); // four restarts in the window, not waiting: a burst, but still the crash loop
        assertThat(pod.state()).isEqualTo(State.CRASH_LOOP_BACK_OFF);
        pod.row(6, 0, 1, 1);                        // an OOM kill names the cause
        assertThat(pod.state()).isEqualTo(State.OOM_KILLED);
        pod.healthy(7, 6);
        assertThat(pod.state()).isEqualTo(State.HEALTHY);
    }

    @Test
    void readinessFlapsWithoutRestarts_isFlapping_thenHealthy() {
        var pod = new Pod("lifecycle:window=6,flaps=4").healthy(2, 0);
        pod.row(0, 0, NA, NA).row(0, 1, NA, NA).row(0, 0, NA, NA);
        assertThat(pod.state()).isEqualTo(State.HEALTHY);   // three changes, below flaps=4
        pod.row(0, 1, NA, NA);
        assertThat(pod.state()).isEqualTo(State.FLAPPING);
        assertThat(pod.last.explanation()).startsWith("Flapping: 0 restarts in the last 6 observations; 4 readiness changes");
        pod.row(0, 1, NA, NA).row(0, 1, NA, NA);
        assertThat(pod.state()).isEqualTo(State.FLAPPING);  // all four changes still among the last 6 observations
        pod.row(0, 1, NA, NA);
        assertThat(pod.state()).isEqualTo(State.HEALTHY);
    }

    @Test
    void flapping_thenTwoRestarts_isRestartBurst() {
        var pod = new Pod("lifecycle:window=6,flaps=4,burst=2").healthy(1, 0);
        pod.row(0, 0, 0, 0).row(0, 1, 0, 0).row(0, 0, 0, 0).row(0, 1, 0, 0);
        assertThat(pod.state()).isEqualTo(State.FLAPPING);
        pod.row(2, 1, 0, 0);
        assertThat(pod.state()).isEqualTo(State.RESTART_BURST);
        assertThat(pod.last.score()).isEqualTo(1.0); // max(2/2, 4/4)
    }

    @Test
    void gaps_giveNormalScoreZero_andHoldTheState() {
        var pod = new Pod("lifecycle").healthy(2, 0);
        pod.row(3, 1, 0, 0);
        assertThat(pod.state()).isEqualTo(State.RESTART_BURST);
        assertThat(pod.detector.observe(100, new double[] {NA, NA, NA, NA})).isEqualTo(Verdict.normal(0, 1));
        assertThat(pod.detector.observe(101, null)).isEqualTo(Verdict.normal(0, 1));
        assertThat(pod.detector.observe(102, new double[0])).isEqualTo(Verdict.normal(0, 1));
        assertThat(pod.state()).isEqualTo(State.RESTART_BURST);
    }

    @Test
    void counterReset_isNotARestart_andShortVectorsAreReadAsAbsentIndicators() {
        var pod = new Pod("lifecycle:burst=1");
        pod.detector.observe(0, new double[] {7});
        assertThat(pod.detector.observe(1, new double[] {0}).anomalous()).isFalse();  // counter went down: reset
        Verdict v = pod.detector.observe(2, new double[] {1});                      // then one restart
        assertThat(v.anomalous()).isTrue();
        assertThat(v.explanation()).startsWith("RestartBurst: 1 restart in the last 3 observations (");
    }

    @Test
    void transitionTable_isTotal() {
        for (State s : State.values()) assertThat(LifecycleDetector.TRANSITIONS.get(s)).as(s.name()).containsOnlyKeys(Event.values());
    }

    /** The sticky rows of the table, stated independently of the code. */
    @ParameterizedTest
    @CsvSource({
            "HEALTHY, OOM_KILL, OOM_KILLED", "HEALTHY, BACK_OFF, CRASH_LOOP_BACK_OFF", "HEALTHY, BURST, RESTART_BURST",
            "HEALTHY, FLAP, FLAPPING", "HEALTHY, WAITING, RESTARTING", "HEALTHY, RESTART, RESTARTING", "HEALTHY, QUIET, HEALTHY",
            "RESTART_BURST, RESTART, RESTARTING", "FLAPPING, BURST, RESTART_BURST", "RESTARTING, QUIET, HEALTHY",
            "CRASH_LOOP_BACK_OFF, BURST, CRASH_LOOP_BACK_OFF", "CRASH_LOOP_BACK_OFF, FLAP, CRASH_LOOP_BACK_OFF",
            "CRASH_LOOP_BACK_OFF, RESTART, CRASH_LOOP_BACK_OFF", "CRASH_LOOP_BACK_OFF, OOM_KILL, OOM_KILLED", "CRASH_LOOP_BACK_OFF, QUIET, HEALTHY",
            "OOM_KILLED, BACK_OFF, OOM_KILLED", "OOM_KILLED, BURST, OOM_KILLED", "OOM_KILLED, RESTART, OOM_KILLED", "OOM_KILLED, QUIET, HEALTHY",
    })
    void transition(State from, Event event, State to) {
        assertThat(LifecycleDetector.TRANSITIONS.get(from).get(event)).isEqualTo(to);
    }

    @Test
    void badParameters_nameTheParameter() {
        assertThatThrownBy(() -> Series.create("lifecycle:window=4,flaps=5", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("detector 'lifecycle': parameter 'flaps' must not exceed window (4)");
        assertThatThrownBy(() -> Series.create("lifecycle:burst=0", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'burst' must be a whole number ≥ 1, got '0'");
        assertThatThrownBy(() -> Series.create("lifecycle:bursts=2", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'bursts'; known parameters: burst, window, flaps, loop");
    }
}
