package dev.homeostat.remediation.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Match;
import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.remediation.remediator.Decision;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A second crash loop of a Deployment soon after the engine restarted one of its pods is not restarted again. */
class CrashLoopRestartsTest {
    private static final long MIN = 60_000;
    private static final Rule RULE = new Rule("restart-crash-looping-pod", new Match(List.of(), null, null, List.of("crash-loop")),
            List.of("restart-pod", "page"), Duration.ofMinutes(2), Mode.AUTO);

    private static Target pod(String name) { return new Target(Target.Kind.POD, "shop", name); }

    private static PodInfo info(String name, String deployment) {
        return new PodInfo("shop", name, deployment, "n1", false, 5, 0, 1, "CrashLoopBackOff", false, PodInfo.NOT_YET, 0);
    }

    private static Incident incident(String podName, Diagnosis diagnosis, long now) {
        var trigger = new Anomaly(now, "crash-loop", "threshold", pod(podName), "api", 1, "");
        return new Incident(1, RULE, trigger, pod(podName), diagnosis, "api", now);
    }

    private static Diagnosis crashLoop(String podName) {
        return new Diagnosis.CrashLoop(pod(podName), "api", List.of(pod(podName)), List.of());
    }

    @Test
    void theReplacementCrashLoopingToo_isNotRestarted_withinTheWindow_butASiblingOrALaterCrashLoopIs() {
        var restarts = new CrashLoopRestarts();
        var before = new TickPods(() -> List.of(info("api-0", "api"), info("api-1", "api"), info("web-1", "web")), null);
        var pods = new TickPods(() -> List.of(info("api-0", "api"), info("api-2", "api"), info("web-1", "web")), null);
        var first = incident("api-1", crashLoop("api-1"), 0);
        Decision restart = new Decision.Act(new ClusterAction.RestartPod(pod("api-1")));
        assertThat(restarts.check(first, restart, before, 0)).isEqualTo(restart);
        restarts.restarted(first, 0);

        // a sibling that was there when the engine restarted: restarted as before
        Decision sibling = new Decision.Act(new ClusterAction.RestartPod(pod("api-0")));
        assertThat(restarts.check(incident("api-0", crashLoop("api-0"), MIN), sibling, pods, MIN)).isEqualTo(sibling);
        // its replacement crash-loops 3 minutes later: held, with why
        var second = incident("api-2", crashLoop("api-2"), 3 * MIN);
        Decision again = new Decision.Act(new ClusterAction.RestartPod(pod("api-2")));
        assertThat(restarts.check(second, again, pods, 3 * MIN)).isInstanceOfSatisfying(Decision.Skip.class,
                s -> assertThat(s.reason()).contains("pod shop/api-2 of deployment shop/api crash-loops though it started after the engine"
                        + " restarted a crash-looping pod of it 180 s ago"));
        // another Deployment's crash loop is its own
        var other = new Decision.Act(new ClusterAction.RestartPod(pod("web-1")));
        assertThat(restarts.check(incident("web-1", crashLoop("web-1"), 3 * MIN), other, pods, 3 * MIN)).isEqualTo(other);
        // past the window, a restart is tried again
        assertThat(restarts.check(incident("api-2", crashLoop("api-2"), 31 * MIN), again, pods, 31 * MIN)).isEqualTo(again);
    }

    @Test
    void aRestartForAnotherDiagnosis_isNotACrashLoopRestart() {
        var restarts = new CrashLoopRestarts();
        var pods = new TickPods(() -> List.of(info("api-1", "api"), info("api-2", "api")), null);
        var podLocal = new Diagnosis.PodLocal(pod("api-1"), "api", List.of(pod("api-1")), List.of());
        var first = incident("api-1", podLocal, 0);
        Decision restart = new Decision.Act(new ClusterAction.RestartPod(pod("api-1")));
        assertThat(restarts.check(first, restart, pods, 0)).isEqualTo(restart);
        restarts.restarted(first, 0);
        Decision again = new Decision.Act(new ClusterAction.RestartPod(pod("api-2")));
        assertThat(restarts.check(incident("api-2", crashLoop("api-2"), MIN), again, pods, MIN)).isEqualTo(again);
    }
}
