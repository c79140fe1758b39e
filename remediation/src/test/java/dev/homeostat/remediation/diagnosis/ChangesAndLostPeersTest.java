package dev.homeostat.remediation.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.guard.MeshGraph;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the diagnosis makes of what happened to a Deployment around an incident: a rollout before or during it, pods
 * lost and replaced while others stand out.
 */
class ChangesAndLostPeersTest {
    private static final String NS = "shop";
    private static final long NOW = 3_600_000;
    private static final long LONG_AGO = NOW - 3_000_000;

    private final List<PodInfo> pods = new ArrayList<>();
    private long rolloutAt = Long.MIN_VALUE;

    private final ClusterView cluster = new ClusterView() {
        @Override public List<PodInfo> pods() { return List.copyOf(pods); }

        @Override public List<DeploymentInfo> deployments() {
            int rollbackTo = rolloutAt == Long.MIN_VALUE ? 0 : 1;
            return List.of(new DeploymentInfo(NS, "checkout", pods.size(), pods.size(), pods.size(), 2, 2, rollbackTo + 1, rolloutAt, rollbackTo, null));
        }
    };

    private final Diagnoser diagnoser = new Diagnoser(cluster, new FakeMetrics(), new MeshGraph(new FakeMetrics(), Duration.ofMinutes(5)),
            Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);

    private static Anomaly burn(long at) {
        return new Anomaly(at, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "checkout"), "checkout", 2, "burning");
    }

    private static Anomaly slow(String pod, long at) {
        return new Anomaly(at, "pod-latency", "threshold", new Target(Target.Kind.POD, NS, pod), "checkout", 1, "value 2.8");
    }

    /** The service burns every 15 s from {@code from} to NOW; the diagnosis at NOW. */
    private Diagnosis burning(long from) {
        Diagnosis last = null;
        for (long t = from; t <= NOW; t += 15_000) last = diagnoser.diagnose(t, List.of(burn(t))).values().iterator().next();
        return last;
    }

    @Test
    void aRolloutBeforeTheEpisode_isTheRecentChange() {
        for (int i = 0; i < 4; i++) pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, LONG_AGO));
        rolloutAt = NOW - 240_000;
        assertThat(burning(NOW - 180_000)).isInstanceOf(Diagnosis.RecentChange.class);
    }

    @Test
    void aRolloutThatBeganDuringTheEpisode_isNoCauseOfIt_evenOnceTheEpisodeOutlivesTheLookback() {
        // an outside host fails from NOW - 10 min; the team ships a routine release 4 min into it
        for (int i = 0; i < 4; i++) pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, LONG_AGO));
        rolloutAt = NOW - 360_000;
        assertThat(burning(NOW - 600_000)).isNotInstanceOf(Diagnosis.RecentChange.class);
    }

    @Test
    void aRolloutAfterACalm_startsTheNextEpisode_andIsItsRecentChange() {
        for (int i = 0; i < 4; i++) pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, LONG_AGO));
        diagnoser.diagnose(NOW - 290_000, List.of(burn(NOW - 290_000))); // a blip, then 3 min of calm
        rolloutAt = NOW - 100_000;
        assertThat(burning(NOW - 90_000)).isInstanceOf(Diagnosis.RecentChange.class);
    }

    @Test
    void survivorsStandingOutAfterHalfTheirPeersWereKilled_carryTheLoad_untilTheReplacementsSettle() {
        // 8 pods; 4 killed 100 s ago, their replacements Ready for 60 s; the 4 survivors stood out since
        for (int i = 0; i < 4; i++) pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, LONG_AGO));
        for (int i = 4; i < 8; i++)
            pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, NOW - 100_000, 1, null, false, NOW - 60_000, 0));
        diagnoser.diagnose(NOW - 100_000, List.of(burn(NOW - 100_000)));
        Anomaly survivor = slow("checkout-0", NOW);
        Diagnosis d = diagnoser.diagnose(NOW, List.of(survivor)).get(survivor);
        assertThat(d).isNotInstanceOf(Diagnosis.PodLocal.class);
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e).contains("is coming up"));
    }

    @Test
    void aPodStandingOutBeforeItsPeersWentMissing_orBesideASingleReplacement_isABadPod() {
        for (int i = 0; i < 6; i++) pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, LONG_AGO));
        // the engine's own restart of a bad pod: one replacement Ready for 30 s
        pods.add(new PodInfo(NS, "checkout-6", "checkout", "node-6", true, 0, NOW - 60_000, 1, null, false, NOW - 30_000, 0));
        Anomaly next = slow("checkout-0", NOW);
        assertThat(diagnoser.diagnose(NOW, List.of(next)).get(next)).isInstanceOf(Diagnosis.PodLocal.class);

        // two replacements (a quarter of 8), but the pod stood out before they started: a fault of its own
        pods.add(new PodInfo(NS, "checkout-7", "checkout", "node-7", true, 0, NOW - 60_000, 1, null, false, NOW - 30_000, 0));
        Diagnoser fresh = new Diagnoser(cluster, new FakeMetrics(), new MeshGraph(new FakeMetrics(), Duration.ofMinutes(5)),
                Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);
        fresh.diagnose(NOW - 90_000, List.of(slow("checkout-1", NOW - 90_000)));
        Anomaly again = slow("checkout-1", NOW);
        assertThat(fresh.diagnose(NOW, List.of(again)).get(again)).isInstanceOf(Diagnosis.PodLocal.class);
    }

    @Test
    void podsStandingOut_besidePeersAddedSinceTheEpisodeBegan_areNotPodLocal_untilThosePeersHaveServedBesideThem() {
        // 3 pods through a 10-minute episode; 4 replicas added 4 min into it, settled; 2 of the 3 stand out from them
        for (int i = 0; i < 3; i++) pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, LONG_AGO));
        for (int i = 3; i < 7; i++)
            pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, NOW - 240_000, 1, null, false, NOW - 220_000, 0));
        burning(NOW - 600_000);
        Anomaly one = slow("checkout-0", NOW), two = slow("checkout-1", NOW);
        var diagnoses = diagnoser.diagnose(NOW, List.of(one, two));
        assertThat(diagnoses.get(one)).isNotInstanceOf(Diagnosis.PodLocal.class);
        assertThat(diagnoses.get(one).evidence()).anySatisfy(e -> assertThat(e).contains("too few of their peers"));

        // the same, with the episode begun after the replicas came: they are peers like any other
        Diagnoser later = new Diagnoser(cluster, new FakeMetrics(), new MeshGraph(new FakeMetrics(), Duration.ofMinutes(5)),
                Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);
        later.diagnose(NOW - 60_000, List.of(burn(NOW - 60_000)));
        assertThat(later.diagnose(NOW, List.of(one, two)).get(one)).isInstanceOf(Diagnosis.PodLocal.class);
    }

    @Test
    void peersAddedDuringTheEpisode_tellOnceTheyHaveServedBesideThePodsStandingOutForFiveMinutes() {
        // the survivors' backlog drains within minutes of the new replicas' arrival: still standing out after five
        // minutes beside them, the pods carry a fault of their own (a shaped interface, a bad local disk)
        for (int i = 0; i < 3; i++) pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, LONG_AGO));
        for (int i = 3; i < 7; i++)
            pods.add(new PodInfo(NS, "checkout-" + i, "checkout", "node-" + i, true, 0, NOW - StandingOut.LATE_PEER_MILLIS, 1, null, false,
                    NOW - StandingOut.LATE_PEER_MILLIS + 20_000, 0));
        burning(NOW - 600_000);
        Anomaly one = slow("checkout-0", NOW), two = slow("checkout-1", NOW);
        assertThat(diagnoser.diagnose(NOW, List.of(one, two)).get(one)).isInstanceOf(Diagnosis.PodLocal.class);
    }
}
