package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every manifest this module cannot model fails with a message naming file, line, field and fix. */
class ManifestErrorsTest {
    /** Line numbers: apiVersion 1, kind 2, metadata 3, name 4, namespace 5, spec 6, action 7, mode 8, selector 9, labelSelectors 10, app 11. */
    private static final String POD_CHAOS = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata:
              name: kill-cart
              namespace: shop
            spec:
              action: pod-kill
              mode: all
              selector:
                labelSelectors:
                  app: cart
            """;
    /** Line numbers: spec 6, mode 7, selector 8, stressors 11, memory 12, workers 13, size 14, duration 15. */
    private static final String STRESS_CHAOS = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: StressChaos
            metadata:
              name: stress-cart
              namespace: shop
            spec:
              mode: one
              selector:
                labelSelectors:
                  app: cart
              stressors:
                memory:
                  workers: 1
                  size: 256MB
              duration: 5m
            """;

    @TempDir Path dir;
    private final ManifestTranslator manifests = new ManifestTranslator();

    private ManifestException error(String yaml) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, yaml);
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> manifests.translate(file, Duration.ZERO));
        assertThat(e).as("expected a ManifestException for:\n" + yaml).isNotNull();
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.getMessage()).startsWith(file.toString());
        return e;
    }

    private static void assertAt(ManifestException e, String field, int line, String... mentions) {
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).contains(":" + line + ": " + field + ": ").contains(mentions);
    }

    @Test
    void unsupportedKind_getsOneSentenceWithItsReason_noStutter() throws IOException {
        var e = error(POD_CHAOS.replace("kind: PodChaos", "kind: KernelChaos"));
        assertAt(e, "kind", 2, "kind: cannot exist in a simulation: KernelChaos fails kernel calls");
        assertThat(e.problem()).doesNotContain("kind KernelChaos").doesNotContain("not modelled yet");
        var machine = error(POD_CHAOS.replace("kind: PodChaos", "kind: PhysicalMachineChaos"));
        assertThat(machine.problem()).startsWith("cannot exist in a simulation: PhysicalMachineChaos acts on machines outside Kubernetes");
    }

    @Test
    void namespaceNoNamespaceCanHave_isRefusedWithTheNearestName() throws IOException {
        var selector = error(POD_CHAOS.replace("  selector:\n", "  selector:\n    namespaces:\n      - 'Shop\"'\n"));
        assertAt(selector, "spec.selector.namespaces[0]", 11, "cannot name a namespace", "did you mean \"shop\"?", "matches no pod");
        var pods = error(POD_CHAOS.replace("    labelSelectors:\n      app: cart\n", "    pods:\n      shop_1: [cart-0]\n"));
        assertThat(pods.field()).isEqualTo("spec.selector.pods.shop_1");
        assertThat(pods.problem()).contains("did you mean \"shop1\"?");
        var metadata = error(POD_CHAOS.replace("namespace: shop", "namespace: Shop"));
        assertAt(metadata, "metadata.namespace", 5, "kubectl refuses it");
    }

    @Test
    void misspeltKind_isAnUnknownKindWithASuggestion() throws IOException {
        var e = error(POD_CHAOS.replace("kind: PodChaos", "kind: PodChoas"));
        assertAt(e, "kind", 2, "unknown Chaos Mesh kind \"PodChoas\"; did you mean \"PodChaos\"?");
    }

    @Test
    void chaosMeshKindUnderAnotherGroup_isAnApiVersionError_notASkippedObject() throws IOException {
        var e = error(POD_CHAOS.replace("chaos-mesh.org/v1alpha1", "pingcap.com/v1alpha1"));
        assertAt(e, "apiVersion", 1, "pingcap.com/v1alpha1", "chaos-mesh.org/v1alpha1");
    }

    @Test
    void unknownAction_namesSpecActionAndListsSupportedActions() throws IOException {
        var e = error(POD_CHAOS.replace("action: pod-kill", "action: pod-explode"));
        assertAt(e, "spec.action", 7, "pod-explode", "pod-kill, pod-failure, container-kill");
    }

    @Test
    void aWordThatMeansAnAction_suggestsIt_onlyWhereThatActionExists() throws IOException {
        assertAt(error(POD_CHAOS.replace("action: pod-kill", "action: kill")), "spec.action", 7, "did you mean \"pod-kill\"?");
        var e = error(POD_CHAOS.replace("action: pod-kill", "action: delay"));
        assertAt(e, "spec.action", 7, "use one of pod-kill, pod-failure, container-kill");
        assertThat(e.getMessage()).doesNotContain("did you mean");
        String io = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: IOChaos
                metadata: {name: io, namespace: shop}
                spec:
                  action: errno
                  mode: all
                  selector: {labelSelectors: {app: db}}
                  volumePath: /data
                  errno: 5
                  duration: 1m
                """;
        assertAt(error(io), "spec.action", 5, "did you mean \"fault\"?");
        assertAt(error(io.replace("action: errno", "action: delay")), "spec.action", 5, "did you mean \"latency\"?");
    }

    @Test
    void missingAction_pointsAtSpec() throws IOException {
        var e = error(POD_CHAOS.replace("  action: pod-kill\n", ""));
        assertAt(e, "spec.action", 6, "required");
    }

    @Test
    void emptySelector_selectsTheExperimentsNamespace_asChaosMeshDefaultsIt() {
        var f = (dev.homeostat.simulator.fault.PodKill) manifests.translate("inline", POD_CHAOS.replace("""
                  selector:
                    labelSelectors:
                      app: cart
                """, "  selector: {}\n"), Duration.ZERO).getFirst();
        assertThat(f.selector().namespaces()).containsExactly("shop");
        assertThat(f.selector().labels()).isEmpty();
    }

    @Test
    void absentSelector_namesSpecSelector_atTheLineOfSpec() throws IOException {
        var e = error(POD_CHAOS.replace("""
                  selector:
                    labelSelectors:
                      app: cart
                """, ""));
        assertAt(e, "spec.selector", 6, "required");
    }

    @Test
    void badDuration_namesSpecDuration_andTheGoSyntax() throws IOException {
        var e = error(STRESS_CHAOS.replace("duration: 5m", "duration: 5 minutes"));
        assertAt(e, "spec.duration", 15, "5 minutes", "1h30m");
    }

    @Test
    void negativeDuration_isRejected() throws IOException {
        var e = error(STRESS_CHAOS.replace("duration: 5m", "duration: -5m"));
        assertAt(e, "spec.duration", 15, "negative");
    }

    @Test
    void noDuration_lastsUntilTheExperimentIsDeleted_theRunsEnd_asChaosMeshAllows() {
        var failure = manifests.experiments("inline", POD_CHAOS.replace("action: pod-kill", "action: pod-failure"), Duration.ofMinutes(5),
                Duration.ofMinutes(40)).getFirst().faults().getFirst();
        assertThat(failure.duration()).isEqualTo(Duration.ofMinutes(35));
        var stress = manifests.contents("inline", STRESS_CHAOS.replace("  duration: 5m\n", ""), Duration.ZERO, Horizon.firstFiring()).faults().getFirst();
        assertThat(stress.duration()).isEqualTo(ManifestContext.UNTIL_DELETED);
    }

    @Test
    void zeroDuration_isAnError() throws IOException {
        var e = error(STRESS_CHAOS.replace("duration: 5m", "duration: 0s"));
        assertAt(e, "spec.duration", 15, "longer than 0");
    }

    @Test
    void modeFixedWithoutValue_namesSpecValue() throws IOException {
        var e = error(POD_CHAOS.replace("mode: all", "mode: fixed"));
        assertAt(e, "spec.value", 6, "mode fixed", "value: \"2\"");
    }

    @Test
    void modeFixedPercentOutOfRange_namesSpecValue() throws IOException {
        var e = error(POD_CHAOS.replace("mode: all", "mode: fixed-percent\n  value: \"150\""));
        assertAt(e, "spec.value", 9, "1..100");
    }

    @Test
    void modeAllWithValue_isAccepted_valueIgnoredAsChaosMeshIgnoresIt() {
        var f = (dev.homeostat.simulator.fault.PodKill) manifests.translate("inline", POD_CHAOS.replace("mode: all", "mode: all\n  value: \"2\""), Duration.ZERO).getFirst();
        assertThat(f.mode()).isEqualTo(dev.homeostat.simulator.fault.SelectionMode.all());
    }

    @Test
    void bareNumberValue_mustBeQuoted_asTheCrdTypesItAsString() throws IOException {
        var e = error(POD_CHAOS.replace("mode: all", "mode: fixed\n  value: 2"));
        assertAt(e, "spec.value", 9, "\"2\"", "string");
    }

    @Test
    void unknownMode_listsTheModes() throws IOException {
        var e = error(POD_CHAOS.replace("mode: all", "mode: some"));
        assertAt(e, "spec.mode", 8, "some", "one, all, fixed, fixed-percent, random-max-percent");
    }

    @Test
    void unknownSpecField_isNamedWithItsLine_andTheFieldsOfTheSpec() throws IOException {
        var e = error(POD_CHAOS.replace("mode: all", "mode: all\n  frobnicate: nightly"));
        assertAt(e, "spec.frobnicate", 9, "unknown field \"frobnicate\" in PodChaosSpec", "action", "gracePeriod");
    }

    @Test
    void misspeltSpecField_getsASuggestion() throws IOException {
        var e = error(STRESS_CHAOS.replace("duration: 5m", "duraton: 5m"));
        assertAt(e, "spec.duraton", 15, "unknown field \"duraton\"; did you mean \"duration\"?");
    }

    @Test
    void chaosMesh1Scheduler_saysWhereItMoved() throws IOException {
        var e = error(POD_CHAOS.replace("mode: all", "mode: all\n  scheduler:\n    cron: \"@every 10m\""));
        assertAt(e, "spec.scheduler", 9, "moved to a Schedule object", "kind: Schedule");
    }

    @Test
    void argoWorkflowsFields_sayWhatChaosMeshReadsInstead() throws IOException {
        String workflow = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: game-day
                spec:
                  entry: entry
                  templates:
                    - name: entry
                      templateType: Serial
                      children: [wait]
                    - name: wait
                      templateType: Suspend
                      deadline: 30s
                      suspend:
                        duration: 30s
                """;
        assertAt(error(workflow), "spec.templates[1].suspend", 14, "Argo Workflows' form", "write deadline: <duration> and remove suspend");
        assertAt(error(workflow.replace("  entry: entry", "  entrypoint: entry")), "spec.entrypoint", 6, "Argo Workflows' form", "spec.entry");
        var notInAWorkflow = error(POD_CHAOS.replace("mode: all", "mode: all\n  suspend: true"));
        assertThat(notInAWorkflow.getMessage()).doesNotContain("Argo").contains("unknown field \"suspend\"");
    }

    @Test
    void unknownTopLevelField_isNamed() throws IOException {
        var e = error(POD_CHAOS + "extra: true\n");
        assertAt(e, "extra", 12, "unknown field \"extra\" in PodChaos", "apiVersion, kind, metadata, spec, status");
    }

    @Test
    void annotationSelectors_areCarriedIntoTheSelector() throws IOException {
        var contents = manifests.contents("inline", POD_CHAOS.replace("    labelSelectors:",
                "    annotationSelectors:\n      team: payments\n    labelSelectors:"), Duration.ZERO, Horizon.firstFiring());
        var fault = (dev.homeostat.simulator.fault.PodFault) contents.faults().getFirst();
        assertThat(fault.selector().annotations()).containsExactly(java.util.Map.entry("team", "payments"));
    }

    @Test
    void percentMemorySize_isAShareOfTheNodesMemory_splitOverTheWorkers_andAboveAHundredIsRefused() throws IOException {
        var stress = (dev.homeostat.simulator.fault.MemoryStress) manifests.contents("inline",
                STRESS_CHAOS.replace("size: 256MB", "size: 50%").replace("workers: 1", "workers: 2"), Duration.ZERO, Horizon.firstFiring()).faults().getFirst();
        assertThat(stress.shareOfNode()).isEqualTo(0.25);
        var e = error(STRESS_CHAOS.replace("size: 256MB", "size: 150%"));
        assertAt(e, "spec.stressors.memory.size", 14, "invalid percent \"150\"");
    }

    @Test
    void oomScoreAdj_isAccepted_checkedInItsRange_andCarried() throws IOException {
        var contents = manifests.contents("inline", STRESS_CHAOS.replace("size: 256MB", "size: 256MB\n      oomScoreAdj: -1000\n      time: 30s"),
                Duration.ZERO, Horizon.firstFiring());
        assertThat(contents.notes()).isEmpty();
        assertThat(contents.faults()).singleElement().satisfies(f -> {
            var m = (dev.homeostat.simulator.fault.MemoryStress) f;
            assertThat(m.oomScoreAdj()).isEqualTo(-1000);
            assertThat(m.stressorIsOomVictim()).isFalse();
            assertThat(m.rampUp()).isEqualTo(Duration.ofSeconds(30));
        });
        var e = error(STRESS_CHAOS.replace("size: 256MB", "size: 256MB\n      oomScoreAdj: -2000"));
        assertAt(e, "spec.stressors.memory.oomScoreAdj", 15, "-2000 is out of range; must be in -1000..1000");
    }

    @Test
    void memoryWorkersNotANumber_namesTheFieldAndTheExpectedType() throws IOException {
        var e = error(STRESS_CHAOS.replace("workers: 1", "workers: two"));
        assertAt(e, "spec.stressors.memory.workers", 13, "whole number", "two");
        assertAt(error(STRESS_CHAOS.replace("workers: 1", "workers: \"1\"")), "spec.stressors.memory.workers", 13, "write it without quotes");
        var withUnit = error(STRESS_CHAOS.replace("workers: 1", "workers: \"4cores\""));
        assertAt(withUnit, "spec.stressors.memory.workers", 13, "a plain number: this field takes no unit");
        assertThat(withUnit.problem()).doesNotContain("without quotes");
    }

    @Test
    void unknownStressorField_isNamedWithASuggestion() throws IOException {
        var e = error(STRESS_CHAOS.replace("workers: 1", "worker: 1"));
        assertAt(e, "spec.stressors.memory.worker", 13, "unknown field \"worker\"; did you mean \"workers\"?");
    }

    @Test
    void aKeyOrValueNoLabelCanHave_isRefused_asChaosMeshCannotSelectWithIt() throws IOException {
        var value = error(POD_CHAOS.replace("      app: cart\n", "      app: \"cart shop\"\n"));
        assertAt(value, "spec.selector.labelSelectors.app", 11, "\"cart shop\" cannot be a label value", "injects nothing");
        var control = error(POD_CHAOS.replace("      app: cart\n", "      app: \"\\u0000\"\n"));
        assertAt(control, "spec.selector.labelSelectors.app", 11, "\"\\u0000\" cannot be a label value");
        var key = error(POD_CHAOS.replace("      app: cart\n", "      App_Name/x: cart\n"));
        assertAt(key, "spec.selector.labelSelectors.App_Name/x", 11, "cannot be a label key: its prefix before '/' must be a DNS subdomain");
        var expression = error(POD_CHAOS.replace("    labelSelectors:\n      app: cart\n",
                "    expressionSelectors:\n      - {key: app, operator: In, values: [cart, \"-bad-\"]}\n"));
        assertAt(expression, "spec.selector.expressionSelectors[0].values[1]", 11, "\"-bad-\" cannot be a label value");
        var node = error(POD_CHAOS.replace("    labelSelectors:\n      app: cart\n", "    nodeSelectors:\n      zone: \"a b\"\n"));
        assertAt(node, "spec.selector.nodeSelectors.zone", 11, "\"a b\" cannot be a label value");
        // well-formed: a prefixed key, an empty value, 63 characters
        for (String ok : new String[] {"app.kubernetes.io/name: cart", "tier: \"\"", "v: " + "a".repeat(63), "team_name: Cart.v2"})
            assertThat(manifests.translate("ok.yaml", POD_CHAOS.replace("      app: cart\n", "      " + ok + "\n"), Duration.ZERO)).as(ok).isNotEmpty();
        assertAt(error(POD_CHAOS.replace("      app: cart\n", "      v: " + "a".repeat(64) + "\n")), "spec.selector.labelSelectors.v", 11, "at most 63");
    }

    @Test
    void otherKubernetesObjects_areSkipped_butAFileOfNothingElseIsNoExperiment() throws IOException {
        String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n";
        var contents = manifests.contents("inline", configMap + "---\n" + POD_CHAOS, Duration.ZERO, Horizon.firstFiring());
        assertThat(contents.experiments()).hasSize(1);
        assertThat(contents.skipped()).singleElement().satisfies(s -> assertThat(s.message()).isEqualTo("not a Chaos Mesh object (kind ConfigMap): skipped"));
        var e = error(configMap);
        assertThat(e.problem()).startsWith("no Chaos Mesh experiment in this file, only other objects (not a Chaos Mesh object (kind ConfigMap): skipped)");
    }

    @Test
    void pausedExperiment_injectsNothing_andSaysSo() {
        var contents = manifests.contents("inline", POD_CHAOS.replace("  namespace: shop\n",
                "  namespace: shop\n  annotations:\n    experiment.chaos-mesh.org/pause: \"true\"\n"), Duration.ZERO, Horizon.firstFiring());
        assertThat(contents.faults()).isEmpty();
        assertThat(contents.notes()).singleElement().satisfies(n -> assertThat(n.message()).startsWith("paused"));
    }

    @Test
    void stressWithoutStressors_namesSpecStressors() throws IOException {
        var e = error(STRESS_CHAOS.replace("""
                  stressors:
                    memory:
                      workers: 1
                      size: 256MB
                """, ""));
        assertAt(e, "spec.stressors", 6, "memory", "cpu");
    }

    @Test
    void containerKillWithoutContainerNames_namesTheField() throws IOException {
        var e = error(POD_CHAOS.replace("action: pod-kill", "action: container-kill"));
        assertAt(e, "spec.containerNames", 6, "containerNames: [app]");
    }

    @Test
    void wrongApiVersion_isNamed() throws IOException {
        var e = error(POD_CHAOS.replace("chaos-mesh.org/v1alpha1", "apps/v1"));
        assertAt(e, "apiVersion", 1, "apps/v1", "chaos-mesh.org/v1alpha1");
    }

    @Test
    void missingName_isNamed() throws IOException {
        var e = error(POD_CHAOS.replace("  name: kill-cart\n", ""));
        assertAt(e, "metadata.name", 3, "required");
    }

    @Test
    void nameKubectlRefuses_isNamed() throws IOException {
        assertAt(error(POD_CHAOS.replace("name: kill-cart", "name: Kill_Cart")), "metadata.name", 4, "\"Kill_Cart\" is not a Kubernetes object name");
        assertAt(error(POD_CHAOS.replace("name: kill-cart", "name: kill-验证")), "metadata.name", 4, "kubectl refuses it");
    }

    @Test
    void invalidYaml_reportsTheLine() throws IOException {
        var e = error(POD_CHAOS.replace("mode: all", "mode: [all"));
        assertThat(e.problem()).startsWith("YAML syntax: ").doesNotContain("\n").contains("that starts on line");
        assertThat(e.line()).isBetween(8, 12);
    }

    @Test
    void aRequirementWithoutAnOperator_saysItIsRequired_notUnknownNull() throws IOException {
        var e = error(POD_CHAOS.replace("  app: cart", "  app: cart\n    expressionSelectors:\n      - {key: tier, operator: null}"));
        assertThat(e.field()).isEqualTo("spec.selector.expressionSelectors[0].operator");
        assertThat(e.problem()).isEqualTo("required: In, NotIn, Exists or DoesNotExist");
    }

    @Test
    void aValueWithALineBreak_isEchoedEscaped_soTheProblemStaysOneLine() throws IOException {
        var e = error(POD_CHAOS.replace("mode: all", "mode: \"a\\nb\"\n  value: \"\\t\""));
        assertThat(e.getMessage()).doesNotContain("\n", "\t").contains("\"a\\nb\"");
    }

    @Test
    void duplicateKey_isAnError_notLastOneWins() throws IOException {
        var e = error(POD_CHAOS.replace("mode: all", "mode: all\n  mode: one"));
        assertAt(e, "spec.mode", 9, "duplicate key", "line 8");
    }

    @Test
    void duplicateExperimentNamesInOneFile_areRejected() throws IOException {
        var e = error(POD_CHAOS + "---\n" + POD_CHAOS);
        assertAt(e, "metadata.name", 16, "kill-cart", "line 4");
    }

    @Test
    void fileWithoutDocuments_isAnError() throws IOException {
        var e = error("# only a comment\n---\n");
        assertThat(e.problem()).contains("no Chaos Mesh experiment");
    }

    @Test
    void missingFile_isAManifestExceptionNamingThePath() {
        Path missing = dir.resolve("nope.yaml");
        var e = catchThrowableOfType(ManifestException.class, () -> manifests.translate(missing, Duration.ZERO));
        assertThat(e.getMessage()).startsWith(missing.toString()).contains("no such file");
    }

    @Test
    void negativeAppliedAt_isRejected() {
        var e = catchThrowableOfType(IllegalArgumentException.class,
                () -> manifests.translate("inline", POD_CHAOS, Duration.ofSeconds(-1)));
        assertThat(e.getMessage()).startsWith("appliedAt:");
    }
}
