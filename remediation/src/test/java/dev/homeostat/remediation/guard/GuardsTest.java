package dev.homeostat.remediation.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardsTest {
    private static ClusterView view(int replicas, boolean... ready) {
        var pods = new java.util.ArrayList<PodInfo>();
        for (int i = 0; i < ready.length; i++) pods.add(new PodInfo("ns", "web-" + i, "web", "n1", ready[i], 0, 0));
        int readyCount = (int) pods.stream().filter(PodInfo::ready).count();
        return new ClusterView() {
            @Override public List<PodInfo> pods() { return pods; }

            @Override public List<DeploymentInfo> deployments() { return List.of(new DeploymentInfo("ns", "web", replicas, readyCount)); }
        };
    }

    private static ClusterAction.RestartPod restart(int i) { return new ClusterAction.RestartPod(new Target(Target.Kind.POD, "ns", "web-" + i)); }

    private static GuardContext at(long now, ClusterView view) { return new GuardContext(now, "r", Mode.AUTO, view); }

    @Test
    void minReady_isCeilOfTheRemainingFraction() {
        assertThat(BlastRadiusGuard.minReady(3, 0.34)).isEqualTo(2);
        assertThat(BlastRadiusGuard.minReady(10, 0.1)).isEqualTo(9);
        assertThat(BlastRadiusGuard.minReady(4, 0.5)).isEqualTo(2);
        assertThat(BlastRadiusGuard.minReady(2, 1.0)).isEqualTo(1);
    }

    @Test
    void blastRadius_allowsOneOfThree_vetoesBelowTheMinimum_andAlwaysAllowsAnUnreadyPod() {
        var guard = new BlastRadiusGuard(0.34);
        assertThat(guard.veto(restart(0), at(0, view(3, true, true, true)))).isEmpty();
        assertThat(guard.veto(restart(0), at(0, view(3, true, true, false))))
                .hasValueSatisfying(r -> assertThat(r).contains("would leave deployment ns/web with 1 of 3 replicas ready; needs at least 2"));
        assertThat(guard.veto(restart(2), at(0, view(3, true, true, false)))).isEmpty();
        assertThat(guard.veto(restart(0), at(0, view(1, false)))).isEmpty();
    }

    @Test
    void theOnlyPodOfAOneReplicaDeployment_mayBeRestarted_rolledOver_butNotIsolated_andNotAStatefulSets() {
        var guard = new BlastRadiusGuard(0.34);
        assertThat(guard.veto(restart(0), at(0, view(1, true)))).isEmpty();
        assertThat(guard.veto(new ClusterAction.IsolatePod(new Target(Target.Kind.POD, "ns", "web-0")), at(0, view(1, true))))
                .hasValueSatisfying(r -> assertThat(r).contains("last ready pod"));
        // rolled over, it serves until its replacement is ready: still a ready pod for the next judgement
        guard.onExecuted(restart(0), at(0, view(1, true)));
        assertThat(guard.veto(new ClusterAction.IsolatePod(new Target(Target.Kind.POD, "ns", "web-0")), at(0, view(1, true)))).isPresent();
        // a PodDisruptionBudget governs evictions; a roll-over evicts nothing
        ClusterView budgeted = new ClusterView() {
            @Override public List<PodInfo> pods() { return view(1, true).pods(); }
            @Override public List<DeploymentInfo> deployments() { return view(1, true).deployments(); }
            @Override public List<dev.homeostat.remediation.port.PdbInfo> pdbs() {
                return List.of(new dev.homeostat.remediation.port.PdbInfo("ns", "web", 0, List.of("web-0")));
            }
        };
        assertThat(new PdbGuard().veto(restart(0), at(0, budgeted))).isEmpty();
        ClusterView stateful = new ClusterView() {
            @Override public List<PodInfo> pods() { return view(1, true).pods(); }
            @Override public List<DeploymentInfo> deployments() {
                return List.of(new DeploymentInfo("ns", "web", 1, 1, 1, 1, 1, 1, Long.MIN_VALUE, 0, null, true));
            }
        };
        assertThat(guard.veto(restart(0), at(0, stateful))).hasValueSatisfying(r -> assertThat(r).contains("last ready pod"));
        // a strategy that takes the pod down first (Recreate, maxUnavailable 1) would restart it as a deletion does
        ClusterView downFirst = new ClusterView() {
            @Override public List<PodInfo> pods() { return view(1, true).pods(); }
            @Override public List<DeploymentInfo> deployments() {
                return List.of(new DeploymentInfo("ns", "web", 1, 1, 1, 1, 1, 1, Long.MIN_VALUE, 0, null, false, 1));
            }
        };
        assertThat(guard.veto(restart(0), at(0, downFirst))).hasValueSatisfying(r -> assertThat(r).contains("last ready pod"));
    }

    @Test
    void blastRadius_neverTheLastReadyPod_evenWhenTheFractionAllowsIt() {
        var guard = new BlastRadiusGuard(1.0);
        assertThat(guard.veto(restart(0), at(0, view(2, true, false))))
                .hasValueSatisfying(r -> assertThat(r).contains("last ready pod"));
        assertThat(guard.veto(new ClusterAction.Page(new Target(Target.Kind.POD, "ns", "web-0"), "x"), at(0, view(1, true)))).isEmpty();
    }

    @Test
    void blastRadius_countsAPodItSawRestarted_asNotReady_untilItLeavesTheView() {
        var guard = new BlastRadiusGuard(0.34);
        ClusterView stale = view(3, true, true, true); // the view has not caught up with the deletion yet
        guard.onExecuted(restart(0), at(0, stale));
        assertThat(guard.veto(restart(1), at(1, stale))).isPresent();
    }

    @Test
    void blastRadius_afterADrain_countsTheDrainedPodsAsGoing_notTheReplacementsTheViewNowListsOnTheNode() {
        var guard = new BlastRadiusGuard(1.0);
        var drain = new ClusterAction.DrainNode(new Target(Target.Kind.NODE, null, "n1"));
        var before = view(2, true, false);                 // web-0 ready on n1, web-1 not
        assertThat(guard.veto(drain, at(0, before))).hasValueSatisfying(r -> assertThat(r).contains("0 of 2 replicas ready"));
        var withOne = view(2, true, true);
        assertThat(guard.veto(drain, at(0, withOne))).hasValueSatisfying(r -> assertThat(r).contains("0 of 2 replicas ready"));
        var spare = new java.util.ArrayList<>(withOne.pods());
        spare.add(new PodInfo("ns", "web-9", "web", "n2", true, 0, 0));
        ClusterView three = new ClusterView() {
            @Override public List<PodInfo> pods() { return spare; }

            @Override public List<DeploymentInfo> deployments() { return List.of(new DeploymentInfo("ns", "web", 3, 3)); }
        };
        assertThat(guard.veto(drain, at(0, three))).isEmpty();
        // after the drain the view lists a replacement, web-r, on n1 (the eviction of web-0 and web-1 done), and web-9
        var after = List.of(new PodInfo("ns", "web-9", "web", "n2", false, 0, 0), new PodInfo("ns", "web-r", "web", "n1", true, 0, 0));
        ClusterView later = new ClusterView() {
            @Override public List<PodInfo> pods() { return after; }

            @Override public List<DeploymentInfo> deployments() { return List.of(new DeploymentInfo("ns", "web", 3, 1)); }
        };
        guard.onExecuted(drain, at(0, later));
        // web-r was not drained: it is the last ready pod, not one on its way out
        assertThat(guard.veto(new ClusterAction.RestartPod(new Target(Target.Kind.POD, "ns", "web-r")), at(1, later)))
                .hasValueSatisfying(r -> assertThat(r).contains("last ready pod"));
    }

    @Test
    void cooldown_holdsOneKindOnOneTarget_butNotOthers() {
        var guard = new CooldownGuard(Duration.ofMinutes(5));
        var view = view(3, true, true, true);
        guard.onExecuted(restart(0), at(0, view));
        assertThat(guard.veto(restart(0), at(299_999, view))).hasValueSatisfying(r -> assertThat(r).contains("cooldown 5m"));
        assertThat(guard.veto(restart(0), at(300_000, view))).isEmpty();
        assertThat(guard.veto(restart(1), at(1, view))).isEmpty();
        assertThat(guard.veto(new ClusterAction.Page(restart(0).target(), "help"), at(1, view))).isEmpty();
    }

    @Test
    void cooldown_letsAScaleUpPastTheLastOne_butHoldsOneThatDoesNotGrow() {
        var guard = new CooldownGuard(Duration.ofMinutes(5));
        var view = view(3, true, true, true);
        var web = new dev.homeostat.remediation.model.Target(dev.homeostat.remediation.model.Target.Kind.DEPLOYMENT, "default", "web");
        guard.onExecuted(new ClusterAction.ScaleDeployment(web, 5), at(0, view));
        assertThat(guard.veto(new ClusterAction.ScaleDeployment(web, 7), at(120_000, view))).isEmpty();
        assertThat(guard.veto(new ClusterAction.ScaleDeployment(web, 5), at(120_000, view))).isPresent();
        assertThat(guard.veto(new ClusterAction.ScaleDeployment(web, 3), at(120_000, view))).isPresent();
        guard.onExecuted(new ClusterAction.ScaleDeployment(web, 7), at(120_000, view));
        assertThat(guard.veto(new ClusterAction.ScaleDeployment(web, 6), at(300_000, view))).hasValueSatisfying(r -> assertThat(r).contains("cooldown"));
    }

    @Test
    void rateLimit_anyMinuteHoldsAtMostTheLimit() {
        var guard = new RateLimitGuard(3);
        var view = view(1, true);
        for (long t : new long[] {0, 10_000, 20_000}) {
            assertThat(guard.veto(restart(0), at(t, view))).isEmpty();
            guard.onExecuted(restart(0), at(t, view));
        }
        assertThat(guard.veto(restart(0), at(59_999, view))).hasValueSatisfying(r -> assertThat(r).contains("next allowed in"));
        assertThat(guard.veto(restart(0), at(60_000, view))).isEmpty();
    }

    @Test
    void mode_observeVetoesEverything_autoNothing() {
        var guard = new ModeGuard();
        var view = view(1, true);
        assertThat(guard.veto(restart(0), new GuardContext(0, "r", Mode.OBSERVE, view))).contains("mode observe");
        assertThat(guard.veto(restart(0), new GuardContext(0, "r", Mode.AUTO, view))).isEmpty();
    }
}
