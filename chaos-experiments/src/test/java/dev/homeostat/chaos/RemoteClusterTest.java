package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.remoteCluster}: Chaos Mesh creates the experiment in the cluster the RemoteCluster of that name connects
 * to. Checked alone it is accepted with a note; applied to a scenario's cluster it is simulated when the cluster has that
 * name, and refused (field, name and fix in one sentence) when the cluster has another name or none; an experiment a
 * Schedule or a Workflow embeds is held to the same rule at its own path.
 */
class RemoteClusterTest {
    private static final Duration HOUR = Duration.ofHours(1);
    /** Line numbers: spec 6, action 7, mode 8, duration 9, selector 10, remoteCluster 13. */
    private static final String POD_CHAOS = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata:
              name: fail-cart
              namespace: shop
            spec:
              action: pod-failure
              mode: one
              duration: 2m
              selector:
                labelSelectors:
                  app: cart
              remoteCluster: eu-west
            """;
    /** Line numbers: podChaos 9, remoteCluster 13. */
    private static final String SCHEDULE = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Schedule
            metadata:
              name: kill-every-10m
              namespace: shop
            spec:
              schedule: "@every 10m"
              type: PodChaos
              podChaos:
                action: pod-kill
                mode: one
                selector: {labelSelectors: {app: cart}}
                remoteCluster: eu-west
            """;
    /** Line numbers: templates 8, the second template 12, its podChaos 15, remoteCluster 19. */
    private static final String WORKFLOW = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata:
              name: game-day
              namespace: shop
            spec:
              entry: main
              templates:
                - name: main
                  templateType: Serial
                  children: [fail]
                - name: fail
                  templateType: PodChaos
                  deadline: 3m
                  podChaos:
                    action: pod-failure
                    mode: one
                    selector: {labelSelectors: {app: cart}}
                    remoteCluster: eu-west
            """;

    private static ManifestContents in(TargetCluster cluster, String yaml) {
        return ChaosManifests.forCluster(cluster).contents("m.yaml", yaml, Duration.ZERO, Horizon.until(HOUR));
    }

    private static ManifestException refused(TargetCluster cluster, String yaml) {
        var e = catchThrowableOfType(ManifestException.class, () -> in(cluster, yaml));
        assertThat(e).as("refused in " + cluster).isNotNull();
        assertThat(e.problem()).as("one sentence").doesNotContain(". ");
        return e;
    }

    private static String without(String yaml) {
        return yaml.replaceAll("(?m)^\\s*remoteCluster: eu-west\\n", "");
    }

    @Test
    void checkedAlone_accepted_withANoteSayingWhichScenarioSimulatesIt() {
        var contents = in(TargetCluster.unknown(), POD_CHAOS);
        assertThat(contents.faults()).isEqualTo(in(TargetCluster.unknown(), without(POD_CHAOS)).faults()).isNotEmpty();
        assertThat(contents.notes()).singleElement().satisfies(n -> {
            assertThat(n.field()).isEqualTo("spec.remoteCluster");
            assertThat(n.line()).isEqualTo(13);
            assertThat(n.message()).contains("RemoteCluster \"eu-west\"", "spec.cluster.name: eu-west", "live run hands it to Chaos Mesh unchanged")
                    .doesNotContain(". ");
        });
        assertThat(ChaosManifests.translate("m.yaml", POD_CHAOS, Duration.ZERO)).as("the static entry points check alone").isNotEmpty();
    }

    @Test
    void scenarioClusterOfThatName_simulatesIt_asIfWrittenWithout() {
        var contents = in(TargetCluster.scenario("eu-west"), POD_CHAOS);
        assertThat(contents.notes()).isEmpty();
        assertThat(contents.faults()).isEqualTo(in(TargetCluster.scenario("eu-west"), without(POD_CHAOS)).faults()).isNotEmpty();
        assertThat(contents.faults().getFirst().name()).isEqualTo("fail-cart");
    }

    @Test
    void scenarioClusterOfAnotherName_refused_namingFieldNameAndFix() {
        var e = refused(TargetCluster.scenario("us-east"), POD_CHAOS);
        assertThat(e.field()).isEqualTo("spec.remoteCluster");
        assertThat(e.line()).isEqualTo(13);
        assertThat(e.getMessage()).startsWith("m.yaml:13: spec.remoteCluster: \"eu-west\" is another cluster than the one this scenario simulates (\"us-east\"")
                .contains("name the scenario's cluster eu-west or remove remoteCluster");
    }

    @Test
    void scenarioClusterWithoutName_refused_sayingWhichNameToGiveIt() {
        var e = refused(TargetCluster.scenario(null), POD_CHAOS);
        assertThat(e.field()).isEqualTo("spec.remoteCluster");
        assertThat(e.problem()).contains("this scenario's cluster has no name", "add spec.cluster.name: eu-west");
    }

    @Test
    void scenarioClusterWithAName_manifestWithoutRemoteCluster_isAppliedToIt() {
        assertThat(in(TargetCluster.scenario("us-east"), without(POD_CHAOS)).faults())
                .isEqualTo(in(TargetCluster.unknown(), without(POD_CHAOS)).faults()).isNotEmpty();
    }

    @Test
    void scheduleEmbeddedExperiment_heldToTheRule_atItsOwnPath() {
        var e = refused(TargetCluster.scenario("us-east"), SCHEDULE);
        assertThat(e.field()).isEqualTo("spec.podChaos.remoteCluster");
        assertThat(e.line()).isEqualTo(13);
        assertThat(in(TargetCluster.scenario("eu-west"), SCHEDULE).faults()).as("every firing in the named cluster")
                .hasSize(6).isEqualTo(in(TargetCluster.scenario("eu-west"), without(SCHEDULE)).faults());
        var alone = in(TargetCluster.unknown(), SCHEDULE);
        assertThat(alone.notes()).as("one note for all firings").singleElement()
                .satisfies(n -> assertThat(n.field()).isEqualTo("spec.podChaos.remoteCluster"));
    }

    @Test
    void workflowStepExperiment_heldToTheRule_atItsOwnPath() {
        var e = refused(TargetCluster.scenario(null), WORKFLOW);
        assertThat(e.field()).isEqualTo("spec.templates[1].podChaos.remoteCluster");
        assertThat(e.line()).isEqualTo(19);
        assertThat(in(TargetCluster.scenario("eu-west"), WORKFLOW).faults()).singleElement()
                .satisfies(f -> assertThat(f.duration()).isEqualTo(Duration.ofMinutes(3)));
    }

    @Test
    void taskBranchExperiment_heldToTheRuleAtLoad_notWhenTheBranchRuns() throws java.io.IOException {
        String task = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/conformance/Workflow/task-echo.yaml"))
                .replace("            app: cart\n", "            app: cart\n        remoteCluster: eu-west\n");
        assertThat(task).contains("remoteCluster: eu-west");
        var e = refused(TargetCluster.scenario("us-east"), task);
        assertThat(e.field()).isEqualTo("spec.templates[2].podChaos.remoteCluster");
        assertThat(in(TargetCluster.scenario("eu-west"), task).faults()).as("one orchestration, decided at run time").hasSize(1);
    }

    @Test
    void nameNoRemoteClusterCanHave_refusedEvenAlone() {
        var e = refused(TargetCluster.unknown(), POD_CHAOS.replace("remoteCluster: eu-west", "remoteCluster: EU_West"));
        assertThat(e.field()).isEqualTo("spec.remoteCluster");
        assertThat(e.problem()).startsWith("\"EU_West\" is not a Kubernetes object name, so no RemoteCluster has it");
    }

    @Test
    void pausedExperiment_stillHeldToTheRule() {
        String paused = POD_CHAOS.replace("  namespace: shop\n", "  namespace: shop\n  annotations: {experiment.chaos-mesh.org/pause: \"true\"}\n");
        assertThat(in(TargetCluster.scenario("eu-west"), paused).faults()).isEmpty();
        assertThat(refused(TargetCluster.scenario("us-east"), paused).field()).isEqualTo("spec.remoteCluster");
    }
}
