package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.testbed.cli.Homeostat;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeostat chaos validate} and {@code chaos run} as a user types them. */
@EnableKubernetesMockClient(crud = true)
class ChaosCommandTest {
    static KubernetesClient client;
    static KubernetesMockServer server;
    private static final java.util.logging.Logger MOCK_LOG = LiveChaosRunTest.quiet();
    private static final Path CATALOGUE = Path.of("..", "chaos-experiments", "manifests");

    @TempDir Path dir;

    record Result(int exit, String out, String err) { }

    /** {@code homeostat chaos ARGS} in this process: exit code, stdout, stderr. */
    static Result chaos(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), Stream.concat(Stream.of("chaos"), Stream.of(args)).toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private Path write(String relative, String yaml) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private static String podKill(String name, String ns, String app) {
        return """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: %s, namespace: %s}
                spec:
                  action: pod-kill
                  mode: all
                  selector: {labelSelectors: {app: %s}}
                """.formatted(name, ns, app);
    }

    @Test
    void validate_theCatalogue_isClean_exit0_andNotesWhatIsApproximated() throws IOException {
        long files;
        try (var walk = Files.walk(CATALOGUE)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).count();
        }
        Result r = chaos("validate", CATALOGUE.toString());

        assertThat(r.exit()).isZero();
        var lines = r.out().strip().lines().toList();
        assertThat(lines.getLast()).matches(files + " files, 0 problems(, \\d+ notes?)?");
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(l -> assertThat(l).contains(": planned: "));
    }

    @Test
    void validate_badFolder_reportsEveryBadFile_withLineAndField_skipsOtherObjects_exit2() throws IOException {
        write("good.yaml", podKill("ok", "default", "web"));
        write("a/unknown-action.yaml", podKill("x", "default", "web").replace("pod-kill", "pod-explode"));
        write("a/b/typo.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: y}
                spec:
                  action: pod-kill
                  mode: all
                  selctor: {labelSelectors: {app: web}}
                """);
        write("bad-mode.yml", podKill("z", "default", "web").replace("mode: all", "mode: fixed\n  value: \"0\""));
        write("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");
        write("notes.txt", "not a manifest");

        Result r = chaos("validate", dir.toString());

        assertThat(r.exit()).isEqualTo(2);
        var lines = r.out().strip().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo(dir.resolve("a/b/typo.yaml") + ":7: spec.selctor: unknown field \"selctor\"; did you mean \"selector\"?");
        assertThat(lines.get(1)).startsWith(dir.resolve("a/unknown-action.yaml") + ":5: spec.action: unknown value \"pod-explode\"");
        assertThat(lines.get(2)).startsWith(dir.resolve("bad-mode.yml") + ":").contains("spec.value");
        assertThat(lines.get(3)).isEqualTo(dir.resolve("config.yaml") + ":1: not a Chaos Mesh object (kind ConfigMap): skipped");
        assertThat(lines.get(4)).isEqualTo("5 files, 3 problems, 1 other object skipped");
    }

    @Test
    void validate_aScheduleEvery5s_isNotCapped_butDurationChecksEveryFiringOfARunThatLong() throws IOException {
        write("every.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: every}
                spec:
                  schedule: "@every 1s"
                  type: PodChaos
                  podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: web}}}
                """);
        assertThat(chaos("validate", dir.toString()).exit()).isZero();
        assertThat(chaos("validate", "--duration", "1h", dir.toString()).exit()).isZero();
        Result capped = chaos("validate", "--duration", "48h", dir.toString());
        assertThat(capped.exit()).isEqualTo(2);
        assertThat(capped.out()).contains("spec.schedule: creates more than 100000 experiments in the run");
    }

    @Test
    void validate_missingFile_isAProblem_exit2() {
        Result r = chaos("validate", dir.resolve("nope.yaml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("nope.yaml: no such file or directory").contains("1 file, 1 problem");
    }

    @Test
    void run_dryRun_printsTheYaml_andAppliesNothing() throws IOException {
        Path file = write("kill.yaml", podKill("kill-web", "shop", "web"));

        Result r = chaos("run", file.toString(), "--live", "--dry-run", "--run-id", "r7");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("dry run: nothing applied").contains("name: \"kill-web\"").contains("namespace: \"shop\"")
                .contains("homeostat.dev/run-id: \"r7\"");
        assertThat(client.resources(PodChaos.class).inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void remoteCluster_validatesAloneWithANote_andTheLiveRunHandsItToChaosMeshUnchanged() throws IOException {
        Path pod = write("remote/kill.yaml", podKill("kill-web", "shop", "web") + "  remoteCluster: eu-west\n");
        Path schedule = write("remote/schedule.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: kill-often, namespace: shop}
                spec:
                  schedule: "@every 10m"
                  type: PodChaos
                  podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: web}}, remoteCluster: eu-west}
                """);

        Result check = chaos("validate", pod.getParent().toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains(pod + ":8: spec.remoteCluster: Chaos Mesh creates this experiment in the cluster the RemoteCluster \"eu-west\"")
                .contains(schedule + ":7: spec.podChaos.remoteCluster: ").contains("2 files, 0 problems, 2 notes");

        for (Path file : List.of(pod, schedule)) {
            Result r = chaos("run", file.toString(), "--live", "--dry-run", "--run-id", "r8");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).as("what Chaos Mesh receives").contains("remoteCluster: \"eu-west\"");
        }
        assertThat(client.resources(PodChaos.class).inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void run_withoutLive_isBadInput_namingTheFix() throws IOException {
        Path file = write("kill.yaml", podKill("kill-web", "shop", "web"));

        Result r = chaos("run", file.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--live").contains("homeostat run");
    }

    @Test
    void run_badFlag_isBadInput_namingTheFlag() throws IOException {
        Path file = write("kill.yaml", podKill("kill-web", "shop", "web"));

        Result r = chaos("run", file.toString(), "--live", "--poll", "soon");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--poll").contains("5s");
    }

    @Test
    void run_live_throughAKubeconfig_writesTheJournal_andLeavesNothing() throws IOException {
        Path file = write("kill.yaml", podKill("kill-web", "shop", "web"));
        Path kubeconfig = write("kubeconfig", """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: mock, context: {cluster: mock, user: u, namespace: shop}}]
                current-context: mock
                """.formatted(client.getMasterUrl()));
        Path out = dir.resolve("out");

        Result r = chaos("run", file.toString(), "--live", "--kubeconfig", kubeconfig.toString(), "--observe", "300ms",
                "--poll", "100ms", "--timeout", "1m", "--out", out.toString(), "--run-id", "cli1");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("applied PodChaos/shop/kill-web").contains("deleted PodChaos/shop/kill-web").contains("RECOVERED");
        assertThat(out.resolve("kill-cli1.jsonl")).exists();
        assertThat(client.resources(PodChaos.class).inNamespace("shop").list().getItems()).isEmpty();
        // the report `homeostat run` writes, from the live journal: one scenario per manifest, its timeline chart
        assertThat(r.out()).contains("report:  " + out.resolve("report.json"));
        for (String f : List.of("report.json", "summary.md", "index.html", "junit.xml")) assertThat(out.resolve(f)).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"kill\"");
        assertThat(Files.readString(out.resolve("index.html"))).contains("timeline");
        try (var charts = Files.list(out.resolve("charts"))) {
            assertThat(charts.map(c -> c.getFileName().toString())).anyMatch(n -> n.startsWith("timeline-"));
        }
    }

    @Test
    void run_live_remoteCluster_isWatchedThroughTheKubeconfigsContextOfThatName() throws IOException {
        var remoteApi = LiveRemoteClusterTest.crudServer();
        try (KubernetesClient remote = remoteApi.createClient()) {
            remote.pods().inNamespace("shop").resource(LiveSelectionTest.pod("shop", "web-eu", "n", "Running").build()).create();
            client.pods().inNamespace("shop").resource(LiveSelectionTest.pod("shop", "web-local", "n", "Running").build()).create();
            Path file = write("kill.yaml", podKill("kill-web", "shop", "web") + "  remoteCluster: eu-west\n");
            Path kubeconfig = write("kubeconfig", """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - {name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}
                      - {name: eu, cluster: {server: "%s", insecure-skip-tls-verify: true}}
                    users: [{name: u, user: {token: t}}]
                    contexts:
                      - {name: mock, context: {cluster: mock, user: u, namespace: shop}}
                      - {name: eu-west, context: {cluster: eu, user: u, namespace: shop}}
                    current-context: mock
                    """.formatted(client.getMasterUrl(), remote.getMasterUrl()));
            String[] args = {"run", file.toString(), "--live", "--kubeconfig", kubeconfig.toString(), "--observe", "300ms", "--poll", "100ms",
                    "--timeout", "1m", "--out", dir.resolve("out").toString(), "--run-id", "cli2"};

            Result r = chaos(args);

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("applied PodChaos/shop/kill-web (run cli2): 1 target pod(s) shop/web-eu").doesNotContain("web-local");

            Files.writeString(kubeconfig, Files.readString(kubeconfig).replace("name: eu-west", "name: eu-central"));
            Result without = chaos(args);
            assertThat(without.exit()).as(without.out() + without.err()).isZero();
            assertThat(without.out()).contains("not watched: the experiment runs in cluster eu-west, which the kubeconfig has no context for")
                    .doesNotContain("nothing matched");
        } finally {
            client.pods().inNamespace("shop").withName("web-local").delete();
            remoteApi.destroy();
        }
    }
}
