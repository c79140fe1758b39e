package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two engine replicas on one (mock) API server: only the holder of the Lease ticks; when it stops, the other takes over. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    static final Policy POLICY = PolicyLoader.parse("""
            apiVersion: homeostat.dev/v1alpha1
            kind: RemediationPolicy
            metadata: {name: election}
            spec:
              evaluationInterval: 100ms
              signals:
                - {name: mem, metric: mem_ratio, target: pod, detector: "threshold:above=0.9"}
              rules:
                - {name: restart, match: {signals: [mem]}, actions: [restart-pod]}
            """, "election.yaml");

    static final ClusterView EMPTY = new ClusterView() {
        @Override public List<PodInfo> pods() { return List.of(); }

        @Override public List<DeploymentInfo> deployments() { return List.of(); }
    };

    record Replica(LeaderElection election, LiveEngine loop, List<Boolean> changes) { }

    static Replica replica(KubernetesClient c, String identity) {
        var changes = new java.util.concurrent.CopyOnWriteArrayList<Boolean>();
        var election = new LeaderElection(c, new LeaderElection.Settings("default", "homeostat-engine", identity,
                Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofMillis(500)), changes::add);
        var metrics = new LiveMetrics();
        var loop = new LiveEngine(() -> new Engine(POLICY, (m, f, t) -> List.of(), EMPTY, a -> null, new WallClock(), e -> { }, 1L),
                POLICY.evaluationInterval(), election, List::of, metrics);
        return new Replica(election, loop, changes);
    }

    @Test
    void twoReplicas_onlyTheLeaseHolderTicks_andTheOtherTakesOverWhenItStops() throws Exception {
        var replicas = new ArrayList<>(List.of(replica(server.createClient(), "engine-a"), replica(server.createClient(), "engine-b")));
        try {
            for (Replica r : replicas) {
                r.election().start();
                r.loop().start();
            }
            // liveness waits, not speed claims: a loaded machine acquires and ticks late
            await().atMost(Duration.ofSeconds(30)).until(() -> replicas.stream().anyMatch(r -> r.election().isLeader()));
            Replica first = replicas.stream().filter(r -> r.election().isLeader()).findFirst().orElseThrow();
            Replica second = replicas.stream().filter(r -> r != first).findFirst().orElseThrow();

            await().atMost(Duration.ofSeconds(20)).until(() -> first.loop().ticks() >= 5);
            // Some time as follower: never leader, never a tick, while the first keeps ticking.
            long before = first.loop().ticks();
            await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> first.loop().ticks() > before);
            assertThat(second.election().isLeader()).isFalse();
            assertThat(second.loop().ticks()).isZero();
            Lease lease = client.leases().inNamespace("default").withName("homeostat-engine").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(first.election().identity());

            // The leader stops; the other acquires within the lease duration (plus a retry period).
            first.loop().close();
            first.election().close();
            long stoppedAt = System.nanoTime();
            // bounded by the lease (6 s) and a retry period; the margin is for a loaded machine, not a speed claim
            await().atMost(Duration.ofSeconds(15)).until(() -> second.loop().ticks() >= 3);
            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(15));
            assertThat(second.election().isLeader()).isTrue();
            assertThat(second.changes()).containsExactly(true);
            assertThat(first.election().isLeader()).isFalse();
            long firstTicks = first.loop().ticks();
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            assertThat(first.loop().ticks()).isEqualTo(firstTicks);
        } finally {
            for (Replica r : replicas) {
                r.loop().close();
                r.election().close();
            }
        }
    }

    @Test
    void leaseTiming_thatWouldLetTwoReplicasAct_isRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LeaderElection.Settings("default", "l", "me",
                        Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renewDeadline").hasMessageContaining("shorter than leaseDuration");
    }
}
