package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.chaos.crd.ChaosMeshKinds;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every kind a Schedule or a Workflow template can embed is read from its field, also the ones whose spec has no typed
 * field in the model (JVMChaos, BlockChaos): they arrive as the model's additional properties.
 */
class EmbeddedKindsTest {
    private static final String JVM = "jvmChaos: {action: exception, mode: one, selector: {labelSelectors: {app: web}}, class: A, method: b, "
            + "exception: java.io.IOException, port: 9277, duration: 1m}";
    private static final String BLOCK = "blockChaos: {action: delay, mode: one, selector: {labelSelectors: {app: web}}, volumeName: data, "
            + "delay: {latency: 10ms}, duration: 1m}";
    private final ManifestTranslator manifests = new ManifestTranslator();

    @Test
    void jvmAndBlockChaos_inASchedule_fireAsTheirOwnManifestsWould() {
        for (String[] embedded : new String[][] {{"JVMChaos", JVM}, {"BlockChaos", BLOCK}}) {
            String schedule = """
                    apiVersion: chaos-mesh.org/v1alpha1
                    kind: Schedule
                    metadata: {name: s, namespace: default}
                    spec:
                      schedule: "@every 10m"
                      historyLimit: 1
                      concurrencyPolicy: Forbid
                      type: %s
                      %s
                    """.formatted(embedded[0], embedded[1]);
            var faults = manifests.contents("s.yaml", schedule, Duration.ZERO, Horizon.until(Duration.ofMinutes(25))).faults();
            assertThat(faults).as(embedded[0]).hasSize(2).allSatisfy(f -> assertThat(f.kind()).startsWith(embedded[0] + "/"));
        }
    }

    @Test
    void jvmAndBlockChaos_asWorkflowSteps_runInTurn() {
        String workflow = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: w, namespace: default}
                spec:
                  entry: all
                  templates:
                    - {name: all, templateType: Serial, children: [jvm, block]}
                    - {name: jvm, templateType: JVMChaos, deadline: 2m, %s}
                    - {name: block, templateType: BlockChaos, deadline: 2m, %s}
                """.formatted(JVM, BLOCK);
        var faults = manifests.contents("w.yaml", workflow, Duration.ZERO, Horizon.until(Duration.ofMinutes(25))).faults();
        assertThat(faults).extracting(f -> f.kind().substring(0, f.kind().indexOf('/'))).containsExactly("JVMChaos", "BlockChaos");
        assertThat(faults.get(0).duration()).isEqualTo(Duration.ofMinutes(1)); // its own duration, shorter than the deadline
        assertThat(faults.get(1).start()).isEqualTo(Duration.ofMinutes(2));    // a Serial step ends at its deadline
    }

    @Test
    void everyEmbeddableKind_hasAField() {
        assertThat(ChaosMeshKinds.experiments()).allSatisfy(k -> assertThat(k.embedField()).isNotBlank());
    }
}
