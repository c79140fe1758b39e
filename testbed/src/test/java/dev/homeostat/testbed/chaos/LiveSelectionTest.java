package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.homeostat.reports.journal.JournalEvent;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live runner picks pods by the simulation's selector, field by field: in each cluster below, pods that meet every
 * other condition of the selector but not the one under test are not targets, and those that meet it are.
 */
@EnableKubernetesMockClient(crud = true)
class LiveSelectionTest {
    static KubernetesClient client;
    private static final java.util.logging.Logger MOCK_LOG = LiveChaosRunTest.quiet();
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir Path dir;
    private String ns;

    @BeforeEach
    void freshNamespace() {
        ns = "sel" + NEXT.incrementAndGet();
    }

    // --- fixtures -------------------------------------------------------------------------------

    /** A pod of app {@code web} unless {@code labels} says otherwise; {@code node} null: not scheduled. */
    static PodBuilder pod(String ns, String name, String node, String phase) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).addToLabels("app", "web").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase(phase).addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
    }

    private void create(PodBuilder pod) {
        client.pods().inNamespace(pod.buildMetadata().getNamespace()).resource(pod.build()).create();
    }

    private String node(String name, Map<String, String> labels) {
        String unique = ns + "-" + name; // nodes are cluster-wide: one set per test
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(unique).withLabels(labels).endMetadata().build()).create();
        return unique;
    }

    /** A PodChaos in the test's namespace with {@code selector} (YAML lines under {@code selector:}). */
    private Path podChaos(String selector) throws IOException {
        return write("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: kill, namespace: %s}
                spec:
                  action: pod-kill
                  mode: all
                  selector:
                %s""".formatted(ns, selector.indent(4)));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("m" + NEXT.incrementAndGet() + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The names of the pods the run would take as targets: what the lookup at apply time finds for the first experiment. */
    private Set<String> targets(Path manifest) {
        return names(Planned.plan(manifest, null, "default", "t").getFirst().selections());
    }

    private Set<String> names(List<PodSelection> selections) {
        var out = new TreeSet<String>();
        new ClusterLookup(client).pods(selections).values().forEach(p -> out.add(p.getMetadata().getName()));
        return out;
    }

    // --- each field decides ---------------------------------------------------------------------

    @Test
    void expressionSelectors_In_NotIn_Exists_DoesNotExist() throws IOException {
        create(pod(ns, "front", "n", "Running").editMetadata().addToLabels("tier", "front").endMetadata());
        create(pod(ns, "back", "n", "Running").editMetadata().addToLabels("tier", "back").endMetadata());
        create(pod(ns, "bare", "n", "Running"));
        String base = "labelSelectors: {app: web}\nexpressionSelectors: [{key: tier, operator: %s%s}]";

        assertThat(targets(podChaos(base.formatted("In", ", values: [front]")))).containsExactly("front");
        assertThat(targets(podChaos(base.formatted("NotIn", ", values: [front]")))).containsExactly("back", "bare");
        assertThat(targets(podChaos(base.formatted("Exists", "")))).containsExactly("back", "front");
        assertThat(targets(podChaos(base.formatted("DoesNotExist", "")))).containsExactly("bare");
    }

    @Test
    void containerNames_pickPodsRunningSuchAContainer_butAPodKillHitsTheWholePod() throws IOException {
        create(pod(ns, "with-sidecar", "n", "Running").editSpec().addNewContainer().withName("sidecar").withImage("img").endContainer().endSpec());
        create(pod(ns, "plain", "n", "Running"));
        create(pod(ns, "native-sidecar", "n", "Running").editSpec()
                .addNewInitContainer().withName("sidecar").withImage("img").withRestartPolicy("Always").endInitContainer().endSpec());
        create(pod(ns, "init-only", "n", "Running").editSpec().addNewInitContainer().withName("sidecar").withImage("img").endInitContainer().endSpec());

        Path stress = write("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: StressChaos
                metadata: {name: burn, namespace: %s}
                spec:
                  mode: all
                  selector: {labelSelectors: {app: web}}
                  containerNames: [sidecar]
                  stressors: {cpu: {workers: 1}}
                  duration: 1m
                """.formatted(ns));
        assertThat(targets(stress)).containsExactly("native-sidecar", "with-sidecar");
        assertThat(targets(write("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: kill, namespace: %s}
                spec: {action: pod-kill, mode: all, selector: {labelSelectors: {app: web}}, containerNames: [sidecar]}
                """.formatted(ns)))).containsExactly("init-only", "native-sidecar", "plain", "with-sidecar");
    }

    @Test
    void annotationSelectors() throws IOException {
        create(pod(ns, "payments", "n", "Running").editMetadata().addToAnnotations("team", "payments").endMetadata());
        create(pod(ns, "search", "n", "Running").editMetadata().addToAnnotations("team", "search").endMetadata());
        create(pod(ns, "none", "n", "Running"));

        assertThat(targets(podChaos("labelSelectors: {app: web}\nannotationSelectors: {team: payments}"))).containsExactly("payments");
    }

    @Test
    void fieldSelectors_onNameNodeAndPhase() throws IOException {
        create(pod(ns, "a", "n1", "Running"));
        create(pod(ns, "b", "n2", "Running"));
        create(pod(ns, "c", "n1", "Pending"));

        assertThat(targets(podChaos("labelSelectors: {app: web}\nfieldSelectors: {metadata.name: b}"))).containsExactly("b");
        assertThat(targets(podChaos("labelSelectors: {app: web}\nfieldSelectors: {spec.nodeName: n1}"))).containsExactly("a", "c");
        assertThat(targets(podChaos("labelSelectors: {app: web}\nfieldSelectors: {status.phase: Pending}"))).containsExactly("c");
    }

    @Test
    void fieldSelector_onARealPodSpecField_readsThePodsOwnValue() throws IOException {
        create(pod(ns, "billing", "n", "Running").editSpec().withServiceAccountName("payments").endSpec());
        create(pod(ns, "legacy", "n", "Running").editSpec().withServiceAccount("payments").endSpec()); // the deprecated alias
        create(pod(ns, "web", "n", "Running")); // none written: the API server's default

        assertThat(targets(podChaos("labelSelectors: {app: web}\nfieldSelectors: {spec.serviceAccountName: payments}")))
                .containsExactly("billing", "legacy");
        assertThat(targets(podChaos("labelSelectors: {app: web}\nfieldSelectors: {spec.serviceAccountName: default}"))).containsExactly("web");
        create(pod(ns, "once", "n", "Running").editSpec().withRestartPolicy("Never").endSpec());
        assertThat(targets(podChaos("labelSelectors: {app: web}\nfieldSelectors: {spec.restartPolicy: Never}"))).containsExactly("once");
    }

    @Test
    void nodesAndNodeSelectors_areAUnion_andAnUnscheduledPodIsOnNone() throws IOException {
        String a = node("a", Map.of("zone", "a"));
        String b = node("b", Map.of("zone", "b"));
        String c = node("c", Map.of("zone", "c"));
        create(pod(ns, "on-a", a, "Running"));
        create(pod(ns, "on-b", b, "Running"));
        create(pod(ns, "on-c", c, "Running"));
        create(pod(ns, "unscheduled", null, "Pending"));

        assertThat(targets(podChaos("labelSelectors: {app: web}\nnodeSelectors: {zone: a}"))).containsExactly("on-a");
        assertThat(targets(podChaos("labelSelectors: {app: web}\nnodes: [" + b + "]"))).containsExactly("on-b");
        assertThat(targets(podChaos("labelSelectors: {app: web}\nnodes: [" + b + "]\nnodeSelectors: {zone: a}"))).containsExactly("on-a", "on-b");
        assertThat(targets(podChaos("labelSelectors: {app: web}"))).containsExactly("on-a", "on-b", "on-c", "unscheduled");
    }

    @Test
    void nodeSelectors_readTheNodesRealHostnameLabel() throws IOException {
        // a cloud node whose hostname label is not its name: Chaos Mesh lists nodes by their labels as they are
        String n = node("ip-10-0-0-1.internal", Map.of("kubernetes.io/hostname", "ip-10-0-0-1"));
        create(pod(ns, "p", n, "Running"));

        assertThat(targets(podChaos("labelSelectors: {app: web}\nnodeSelectors: {kubernetes.io/hostname: ip-10-0-0-1}"))).containsExactly("p");
        assertThat(targets(podChaos("labelSelectors: {app: web}\nnodeSelectors: {kubernetes.io/hostname: " + n + "}"))).isEmpty();
    }

    @Test
    void podPhaseSelectors_includeAndExclude() throws IOException {
        create(pod(ns, "running", "n", "Running"));
        create(pod(ns, "pending", "n", "Pending"));
        create(pod(ns, "unknown", "n", "Unknown"));
        create(pod(ns, "failed", "n", "Failed"));

        assertThat(targets(podChaos("labelSelectors: {app: web}\npodPhaseSelectors: [\"!Running\"]"))).containsExactly("failed", "pending", "unknown");
        assertThat(targets(podChaos("labelSelectors: {app: web}\npodPhaseSelectors: [Pending]"))).containsExactly("pending");
        assertThat(targets(podChaos("labelSelectors: {app: web}\npodPhaseSelectors: [Failed]"))).containsExactly("failed");
        // no phase asked for: a finished pod has nothing left to watch
        assertThat(targets(podChaos("labelSelectors: {app: web}"))).containsExactly("pending", "running", "unknown");
        assertThat(targets(podChaos("labelSelectors: {app: web}\npodPhaseSelectors: [Running, Unknown, \"!Unknown\"]"))).containsExactly("running");
    }

    @Test
    void pods_areExactlyThosePods_whateverTheirLabels() throws IOException {
        create(pod(ns, "named", "n", "Running").editMetadata().withLabels(Map.of("app", "other")).endMetadata());
        create(pod(ns, "also-web", "n", "Running"));
        create(pod(ns + "-x", "named", "n", "Running"));

        assertThat(targets(podChaos("labelSelectors: {app: web}\npods: {" + ns + ": [named, missing]}"))).containsExactly("named");
        var other = Planned.plan(podChaos("pods: {" + ns + ": [named]}"), null, "default", "t").getFirst().selections();
        assertThat(new ClusterLookup(client).pods(other)).containsOnlyKeys(ns + "/named");
    }

    @Test
    void noNamespaces_meansTheExperimentsNamespace() throws IOException {
        create(pod(ns, "here", "n", "Running"));
        create(pod(ns + "-x", "elsewhere", "n", "Running"));

        assertThat(targets(podChaos("labelSelectors: {app: web}"))).containsExactly("here");
        assertThat(targets(podChaos("namespaces: [" + ns + "-x]\nlabelSelectors: {app: web}"))).containsExactly("elsewhere");
    }

    // --- every selector below spec ----------------------------------------------------------------

    @Test
    void aSchedulesEmbeddedSelector_followsTheSameRules() throws IOException {
        String a = node("a", Map.of("zone", "a"));
        String b = node("b", Map.of("zone", "b"));
        create(pod(ns, "on-a", a, "Running"));
        create(pod(ns, "on-b", b, "Running"));
        Path schedule = write("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: often, namespace: %s}
                spec:
                  schedule: "@every 10m"
                  type: PodChaos
                  historyLimit: 1
                  concurrencyPolicy: Forbid
                  podChaos:
                    action: pod-kill
                    mode: all
                    selector: {labelSelectors: {app: web}, nodeSelectors: {zone: b}}
                """.formatted(ns));

        assertThat(targets(schedule)).containsExactly("on-b");
    }

    @Test
    void aWorkflowStepsSelector_andANetworkChaosTarget_followTheSameRules() throws IOException {
        create(pod(ns, "cart", "n", "Running").editMetadata().addToLabels("tier", "front").endMetadata());
        create(pod(ns, "cart-db", "n", "Running").editMetadata().addToLabels("tier", "db").endMetadata());
        create(pod(ns, "pg", "n", "Running").editMetadata().withLabels(Map.of("app", "pg")).endMetadata().editSpec().withServiceAccountName("db").endSpec());
        create(pod(ns, "pg-admin", "n", "Running").editMetadata().withLabels(Map.of("app", "pg")).endMetadata());
        Path workflow = write("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: day, namespace: %1$s}
                spec:
                  entry: day
                  templates:
                    - {name: day, templateType: Serial, deadline: 5m, children: [cut]}
                    - name: cut
                      templateType: NetworkChaos
                      deadline: 2m
                      networkChaos:
                        action: delay
                        mode: all
                        direction: to
                        delay: {latency: 100ms}
                        selector:
                          labelSelectors: {app: web}
                          expressionSelectors: [{key: tier, operator: NotIn, values: [db]}]
                        target:
                          mode: all
                          selector: {labelSelectors: {app: pg}, fieldSelectors: {spec.serviceAccountName: db}}
                """.formatted(ns));

        Planned planned = Planned.plan(workflow, null, "default", "t").getFirst();
        assertThat(planned.workflowSteps()).singleElement().satisfies(step -> assertThat(names(step.selections())).containsExactly("cart", "pg"));
    }

    @Test
    void aStatefulSetsPods_standForTheirStatefulSet_inTheJournalsTargets_asInTheSimulation() throws IOException {
        create(pod(ns, "db-0", null, "Running").editMetadata().addToLabels("app", "db").addNewOwnerReference().withApiVersion("apps/v1")
                .withKind("StatefulSet").withName("db").withUid("uid-db").withController(true).endOwnerReference().endMetadata());
        var selections = Planned.plan(podChaos("labelSelectors: {app: db}"), null, "default", "t").getFirst().selections();
        assertThat(new ClusterLookup(client).targets(selections).refs()).containsExactly("pod/" + ns + "/db-0", "deployment/" + ns + "/db");
    }

    // --- the watch --------------------------------------------------------------------------------

    @Test
    void theWatch_journalsThePodsTheSelectorPicks_andNotTheOthersOfTheSameLabels() throws IOException {
        String a = node("a", Map.of("zone", "a"));
        String b = node("b", Map.of("zone", "b"));
        create(pod(ns, "starting", a, "Pending"));
        create(pod(ns, "running", a, "Running"));
        List<String> log = new CopyOnWriteArrayList<>();
        var calls = new AtomicInteger();
        SloProbe probe = now -> {
            switch (calls.getAndIncrement()) {
                case 1 -> {
                    // same labels, but Running or on the wrong node: not targets, so not journaled
                    client.pods().inNamespace(ns).withName("running").delete();
                    create(pod(ns, "new-on-b", b, "Pending"));
                    create(pod(ns, "new-on-a", a, "Pending"));
                    await().atMost(Duration.ofSeconds(20)).until(() -> log.contains("pod/" + ns + "/new-on-a: pod created"));
                }
                case 2 -> {
                    // a target stays watched once it runs
                    client.pods().inNamespace(ns).withName("starting").edit(p -> new PodBuilder(p).editStatus().withPhase("Running").endStatus().build());
                    client.pods().inNamespace(ns).withName("starting").delete();
                    await().atMost(Duration.ofSeconds(20)).until(() -> log.contains("pod/" + ns + "/starting: pod deleted"));
                }
                default -> { }
            }
            return List.of();
        };
        Path manifest = podChaos("labelSelectors: {app: web}\npodPhaseSelectors: [\"!Running\"]\nnodeSelectors: {zone: a}");
        var options = new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), 0.01, dir.resolve("out"), "w-" + ns);

        LiveRunResult result = new LiveChaosRun(manifest, client, probe, new ManualClock(5), options, log::add).run();

        assertThat(result.targets()).containsExactly("pod/" + ns + "/starting");
        assertThat(result.journal().events()).filteredOn(JournalEvent.ClusterEvent.class::isInstance)
                .map(e -> ((JournalEvent.ClusterEvent) e).target() + " " + ((JournalEvent.ClusterEvent) e).what())
                .contains("pod/" + ns + "/new-on-a pod created", "pod/" + ns + "/starting pod deleted")
                .noneMatch(e -> e.contains("/running ") || e.contains("/new-on-b "));
    }
}
