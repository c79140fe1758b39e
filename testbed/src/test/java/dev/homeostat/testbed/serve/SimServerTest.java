package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.homeostat.testbed.scenario.ScenarioLoader;
import dev.homeostat.remediation.live.kubernetes.KubernetesCluster;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SimServerTest {
    private static final Path POD_KILL = Path.of("..", "scenarios", "ci", "pod-kill.yaml");

    private static Set<String> podNames(SimServer server) {
        var out = new TreeSet<String>();
        for (Pod p : server.client().pods().inNamespace("default").list().getItems()) out.add(p.getMetadata().getName());
        return out;
    }

    @Test
    void servesRawMetricsMirrorsTheClusterAndAppliesApiWritesBack() throws Exception {
        var scenario = new ScenarioLoader().load(POD_KILL);
        var log = java.util.Collections.synchronizedList(new ArrayList<String>());
        var options = new ServeOptions(60, new InetSocketAddress("127.0.0.1", 0), 0, 1, false, Duration.ofMillis(100));
        try (SimServer server = SimServer.start(scenario, options, log::add)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.virtualMillis() > 60_000);
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.metricsUrl()).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(text).contains("# TYPE http_requests_total counter", "http_requests_total{", "kube_pod_container_resource_limits{",
                    "container_memory_working_set_bytes{", "# TYPE http_request_duration_seconds histogram",
                    "http_request_duration_seconds_bucket{", "le=\"+Inf\"", "http_request_duration_seconds_sum{", "http_request_duration_seconds_count{");
            // no recording-rule series at all: Prometheus records them from deploy/engine/base/prometheus-rules.yaml
            assertThat(text.lines().filter(l -> !l.startsWith("#")).toList()).isNotEmpty()
                    .noneMatch(l -> l.substring(0, l.indexOf(' ')).contains(":"));
            assertThat(podNames(server)).hasSize(5);
            var frontend = server.client().apps().deployments().inNamespace("default").withName("frontend").get();
            assertThat(frontend.getStatus().getReadyReplicas()).isEqualTo(3);
            // settled, as the engine's rollout guard reads it: every replica updated, the latest generation observed
            assertThat(frontend.getStatus().getUpdatedReplicas()).isEqualTo(3);
            assertThat(frontend.getStatus().getObservedGeneration()).isEqualTo(frontend.getMetadata().getGeneration());

            // Someone deletes a pod through the API: the simulation deletes it and its ReplicaSet replaces it.
            String victim = podNames(server).stream().filter(n -> n.startsWith("frontend")).findFirst().orElseThrow();
            server.client().pods().inNamespace("default").withName(victim).delete();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Set<String> names = podNames(server);
                return !names.contains(victim) && names.stream().filter(n -> n.startsWith("frontend")).count() == 3;
            });

            // Scaling through the API reaches the simulation.
            server.client().apps().deployments().inNamespace("default").withName("catalog").scale(3);
            await().atMost(Duration.ofSeconds(20)).until(() -> podNames(server).stream().filter(n -> n.startsWith("catalog")).count() == 3);

            // A Chaos Mesh resource created in the API is injected: every frontend pod is killed and replaced.
            Set<String> before = new TreeSet<>(podNames(server));
            var chaos = Serialization.unmarshal("""
                    apiVersion: chaos-mesh.org/v1alpha1
                    kind: PodChaos
                    metadata: {name: kill-frontend, namespace: default}
                    spec: {action: pod-kill, mode: all, selector: {labelSelectors: {app: frontend}}}
                    """, PodChaos.class);
            server.client().resources(PodChaos.class).inNamespace("default").resource(chaos).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> server.injected().contains("PodChaos/default/kill-frontend"));
            await().atMost(Duration.ofSeconds(20)).until(() -> podNames(server).stream()
                    .filter(n -> n.startsWith("frontend")).noneMatch(before::contains));
            assertThat(server.failure()).isNull();
        }
    }

    @Test
    void aScheduleCreatedInTheApi_firesWhenDue_andDeletingItDropsTheFiringsStillPending() throws Exception {
        var scenario = new ScenarioLoader().load(POD_KILL);
        var log = java.util.Collections.synchronizedList(new ArrayList<String>());
        var options = new ServeOptions(60, new InetSocketAddress("127.0.0.1", 0), 0, 1, false, Duration.ofMillis(100));
        try (SimServer server = SimServer.start(scenario, options, log::add)) {
            var schedule = Serialization.unmarshal("""
                    apiVersion: chaos-mesh.org/v1alpha1
                    kind: Schedule
                    metadata: {name: kill-every-minute, namespace: default}
                    spec:
                      schedule: "@every 1m"
                      type: PodChaos
                      podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: frontend}}}
                    """, dev.homeostat.chaos.model.Schedule.class);
            var schedules = server.client().resources(dev.homeostat.chaos.model.Schedule.class).inNamespace("default");
            schedules.resource(schedule).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> server.injected().contains("Schedule/default/kill-every-minute"));
            // the first firing comes one simulated minute after the apply, not at once
            await().atMost(Duration.ofSeconds(20)).until(() -> log.stream().anyMatch(l -> l.contains("kill-every-minute") && l.contains("starts at")));
            schedules.withName("kill-every-minute").delete();
            await().atMost(Duration.ofSeconds(20)).until(() -> log.stream().anyMatch(l -> l.contains("Schedule/default/kill-every-minute deleted")
                    && l.contains("pending fault(s) dropped")));
            long fired = log.stream().filter(l -> l.contains("kill-every-minute") && l.contains("starts at")).count();
            long deletedAt = server.virtualMillis();
            // three more simulated minutes: a schedule still running would fire three times
            await().atMost(Duration.ofSeconds(20)).until(() -> server.virtualMillis() > deletedAt + 180_000);
            assertThat(log.stream().filter(l -> l.contains("kill-every-minute") && l.contains("starts at")).count()).isEqualTo(fired);
            assertThat(server.failure()).isNull();
        }
    }

    /** The Accomplished condition of a generic Chaos Mesh object's status, as Chaos Mesh's controllers write it. */
    private static boolean accomplished(io.fabric8.kubernetes.api.model.GenericKubernetesResource r) {
        return r != null && String.valueOf(r.getAdditionalProperties().get("status")).contains("type=Accomplished");
    }

    @Test
    void workflowsShowTheirStepsAsWorkflowNodes_namingTheExperimentsMadeForThem_andOneOfRuntimeStepsEndsAccomplished() throws Exception {
        var scenario = new ScenarioLoader().load(POD_KILL);
        var options = new ServeOptions(60, new InetSocketAddress("127.0.0.1", 0), 0, 1, false, Duration.ofMillis(100));
        var log = new java.util.concurrent.CopyOnWriteArrayList<String>();
        try (SimServer server = SimServer.start(scenario, options, log::add)) {
            var workflow = Serialization.unmarshal("""
                    apiVersion: chaos-mesh.org/v1alpha1
                    kind: Workflow
                    metadata: {name: probe-then-fail, namespace: default}
                    spec:
                      entry: main
                      templates:
                        - {name: main, templateType: Serial, children: [probe, fail]}
                        - name: probe
                          templateType: Task
                          task:
                            container: {name: probe, image: curlimages/curl, command: [curl, -sf, "http://frontend:8080/health"]}
                        - name: fail
                          templateType: PodChaos
                          deadline: 30s
                          podChaos: {action: pod-failure, mode: one, selector: {labelSelectors: {app: frontend}}}
                    """, dev.homeostat.chaos.model.Workflow.class);
            server.client().resources(dev.homeostat.chaos.model.Workflow.class).inNamespace("default").resource(workflow).create();
            // a Workflow of planned steps (no Task) gets its nodes too
            var planned = Serialization.unmarshal("""
                    apiVersion: chaos-mesh.org/v1alpha1
                    kind: Workflow
                    metadata: {name: fail-one, namespace: default}
                    spec:
                      entry: fail
                      templates:
                        - {name: fail, templateType: PodChaos, deadline: 30s, podChaos: {action: pod-failure, mode: one, selector: {labelSelectors: {app: frontend}}}}
                    """, dev.homeostat.chaos.model.Workflow.class);
            server.client().resources(dev.homeostat.chaos.model.Workflow.class).inNamespace("default").resource(planned).create();
            var nodes = server.client().genericKubernetesResources(dev.homeostat.testbed.chaos.WorkflowFollower.NODES).inNamespace("default");
            await().atMost(Duration.ofSeconds(20)).until(() -> nodes.list().getItems().size() == 2);
            var node = nodes.list().getItems().stream().filter(n -> n.getMetadata().getName().startsWith("probe-then-fail-")).findFirst().orElseThrow();
            var plannedNode = nodes.list().getItems().stream().filter(n -> n.getMetadata().getName().startsWith("fail-one-")).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(nodes.withName(plannedNode.getMetadata().getName()).get()
                    .getAdditionalProperties().get("status")).contains("chaosResource"));
            assertStepExperiment(server, nodes.withName(plannedNode.getMetadata().getName()).get(), log);
            assertThat(String.valueOf(node.getAdditionalProperties().get("spec")))
                    .contains("workflowName=probe-then-fail", "templateName=fail", "type=PodChaos", "startTime=", "deadline=");
            await().atMost(Duration.ofSeconds(20)).until(() -> accomplished(nodes.withName(node.getMetadata().getName()).get()));
            await().atMost(Duration.ofSeconds(20)).until(() -> accomplished(server.client()
                    .genericKubernetesResources(dev.homeostat.testbed.chaos.WorkflowFollower.WORKFLOWS).inNamespace("default").withName("probe-then-fail").get()));
            assertStepExperiment(server, nodes.withName(node.getMetadata().getName()).get(), log);
            assertThat(server.failure()).isNull();
        }
    }

    /**
     * A step's node names, as Chaos Mesh's does, the experiment made for it: owned by the node, recording the one pod a
     * mode-one step hit, and not read back as a new experiment of the user's.
     */
    private static void assertStepExperiment(SimServer server, io.fabric8.kubernetes.api.model.GenericKubernetesResource node, List<String> log) {
        String name = node.getMetadata().getName() + "-chaos";
        assertThat(((java.util.Map<?, ?>) node.getAdditionalProperties().get("status")).get("chaosResource"))
                .isEqualTo(java.util.Map.of("apiGroup", "chaos-mesh.org", "kind", "PodChaos", "name", name));
        var chaos = server.client().resources(io.fabric8.chaosmesh.v1alpha1.PodChaos.class).inNamespace("default").withName(name).get();
        assertThat(chaos.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("WorkflowNode"));
        assertThat(chaos.getStatus().getExperiment().getContainerRecords()).singleElement()
                .satisfies(r -> assertThat(r.getId()).startsWith("default/frontend-"));
        assertThat(log).noneMatch(l -> l.contains("PodChaos/default/" + name));
    }

    @Test
    void aRollbackThroughTheApi_rollsTheSimulationBack() throws Exception {
        var scenario = new ScenarioLoader().load(Path.of("..", "scenarios", "examples", "bad-rollout.yaml"));
        var options = new ServeOptions(600, new InetSocketAddress("127.0.0.1", 0), 0, 1, true, Duration.ofMillis(100));
        try (SimServer server = SimServer.start(scenario, options, line -> { })) {
            var deployments = server.client().apps().deployments().inNamespace("default");
            // the scenario's bad rollout (at 10 min) shows as revision 2, with a ReplicaSet per revision
            await().atMost(Duration.ofSeconds(30)).until(() -> "2".equals(deployments.withName("checkout").get()
                    .getMetadata().getAnnotations().get(MirroredObjects.REVISION)));
            assertThat(server.client().apps().replicaSets().inNamespace("default").list().getItems())
                    .filteredOn(rs -> rs.getMetadata().getName().startsWith("checkout"))
                    .extracting(rs -> rs.getMetadata().getAnnotations().get(MirroredObjects.REVISION)).contains("1", "2");

            // the engine's live adapter rolls back as `kubectl rollout undo` does: revision 1's template; the mirror writes the
            // same Deployment every 100 ms, so an attempt may meet a conflict (409), which the engine's next attempt retries afresh
            var cluster = new KubernetesCluster(server.client(), "default");
            var rollback = new ClusterAction.RollbackDeployment(new Target(Target.Kind.DEPLOYMENT, "default", "checkout"));
            var outcome = cluster.execute(rollback);
            for (int attempt = 1; attempt < 10 && !outcome.applied() && outcome.detail().contains("conflict (409)"); attempt++)
                outcome = cluster.execute(rollback);
            assertThat(outcome.applied()).as(outcome.detail()).isTrue();

            // the simulation rolls back too: a new revision 3 running revision 1's template
            await().atMost(Duration.ofSeconds(30)).until(() -> "3".equals(deployments.withName("checkout").get()
                    .getMetadata().getAnnotations().get(MirroredObjects.REVISION)));
            assertThat(server.failure()).isNull();
        }
    }

    @Test
    void badListenAddressNamesTheFlag() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeOptions.address("localhost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--listen");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ServeOptions(0, new InetSocketAddress(0), 0, 1, false, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--speed");
    }
}
