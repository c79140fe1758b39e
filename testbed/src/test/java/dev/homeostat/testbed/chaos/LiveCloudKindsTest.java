package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.chaos.LiveRunResult.Outcome;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloud kind selects no pods but a machine: live, its targets are the pods on the node whose providerID is that
 * machine's, and the run waits for that node to be Ready again.
 */
@EnableKubernetesMockClient(crud = true)
class LiveCloudKindsTest {
    static KubernetesClient client;
    private static final java.util.logging.Logger MOCK_LOG = LiveChaosRunTest.quiet();
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();

    private void node(String name, String providerID, boolean ready) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withProviderID(providerID).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build()).createOr(e -> e.update());
    }

    private void pod(String ns, String name, String node) {
        client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).addToLabels("app", "web").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }

    @Test
    void ec2Stop_targetsThePodsOnTheInstancesNode_andWaitsForTheNodeToBeReady() throws IOException {
        String ns = "cloud" + NEXT.incrementAndGet();
        String worker = "ip-10-0-1-" + ns + ".ec2.internal";
        node(worker, "aws:///us-east-1c/i-0a1b2c3d4e5f6" + ns, true);
        node("other-" + ns, "aws:///us-east-1a/i-0ffff" + ns, true);
        pod(ns, "web-1", worker);
        pod(ns, "web-2", "other-" + ns);
        pod("kube-system", "proxy-" + ns, worker);
        Path manifest = Files.writeString(dir.resolve("ec2-stop.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: AWSChaos
                metadata: {name: stop-worker, namespace: %s}
                spec: {action: ec2-stop, awsRegion: us-east-1, ec2Instance: i-0a1b2c3d4e5f6%s, secretName: cloud-key, duration: 1m}
                """.formatted(ns, ns));
        var polls = new AtomicInteger();
        SloProbe probe = now -> {
            int n = polls.getAndIncrement();
            if (n == 1) node(worker, "aws:///us-east-1c/i-0a1b2c3d4e5f6" + ns, false); // the machine stops
            if (n == 30) node(worker, "aws:///us-east-1c/i-0a1b2c3d4e5f6" + ns, true); // and is back, after the fault window
            return List.of();
        };
        var options = new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(10), 0.01, dir.resolve("out"), "run-" + ns);

        LiveRunResult result = new LiveChaosRun(manifest, client, probe, new ManualClock(5), options, log::add).run();

        assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.RECOVERED);
        assertThat(result.targets()).containsExactly("pod/" + ns + "/web-1", "pod/kube-system/proxy-" + ns);
        var started = result.journal().events().stream().filter(JournalEvent.FaultStarted.class::isInstance).map(JournalEvent.FaultStarted.class::cast).toList();
        assertThat(started).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("AWSChaos/ec2-stop");
            assertThat(f.tookEffect()).isTrue();
        });
        // the run waited past the minute of the fault window for the node, not for the SLO alone
        assertThat(polls.get()).isGreaterThan(30);
        assertThat(result.detail()).doesNotContain("targets by selector");
    }

    @Test
    void aWorkflowsCloudStep_targetsThePodsOnTheMachinesNode_andKeepsThemAsChaosMeshRecordsNoPods() throws IOException {
        String ns = "cloud" + NEXT.incrementAndGet();
        String worker = "gke-pool-1-" + ns;
        node(worker, "gce://shop-prod/us-central1-a/" + worker, true);
        pod(ns, "web-1", worker);
        pod(ns, "web-2", "elsewhere");
        Path manifest = Files.writeString(dir.resolve("drill.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: drill, namespace: %s}
                spec:
                  entry: stop
                  templates:
                    - name: stop
                      templateType: GCPChaos
                      deadline: 1m
                      gcpChaos: {action: node-stop, project: shop-prod, zone: us-central1-a, instance: %s}
                """.formatted(ns, worker));
        var options = new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(10), 0.01, dir.resolve("out"), "run-" + ns);

        LiveRunResult result = new LiveChaosRun(manifest, client, SloProbe.NONE, new ManualClock(5), options, log::add).run();

        assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.RECOVERED);
        var started = result.journal().events().stream().filter(JournalEvent.FaultStarted.class::isInstance).map(JournalEvent.FaultStarted.class::cast).toList();
        assertThat(started).singleElement().satisfies(f -> {
            assertThat(f.fault()).isEqualTo("drill-stop");
            assertThat(f.kind()).isEqualTo("GCPChaos/node-stop");
            assertThat(f.targets()).contains("pod/" + ns + "/web-1").doesNotContain("pod/" + ns + "/web-2");
        });
        assertThat(result.detail()).doesNotContain("targets by selector");
    }
}
