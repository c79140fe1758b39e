package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written by {@code kubectl get networkchaos,podchaos -o yaml} — a List of objects with the server's metadata
 * and status — is run again: each item is created afresh, without what the server set, with what the user set.
 */
class ExportedManifestTest {
    private static final String EXPORTED = """
            apiVersion: v1
            kind: List
            metadata: {resourceVersion: ""}
            items:
            - apiVersion: chaos-mesh.org/v1alpha1
              kind: NetworkChaos
              metadata:
                annotations: {team: checkout}
                creationTimestamp: "2026-11-30T10:00:00Z"
                finalizers: [chaos-mesh/records]
                generation: 3
                labels: {suite: nightly}
                managedFields:
                - {apiVersion: chaos-mesh.org/v1alpha1, fieldsType: FieldsV1, manager: kubectl-client-side-apply, operation: Update}
                name: web-delay
                namespace: shop
                ownerReferences:
                - {apiVersion: chaos-mesh.org/v1alpha1, kind: Schedule, name: nightly, uid: 7d1c0c55-0000-4000-8000-000000000001, controller: true}
                resourceVersion: "123456"
                uid: 2b7f5c0e-1111-4222-8333-444455556666
              spec:
                action: delay
                mode: all
                selector: {labelSelectors: {app: web}}
                delay: {latency: 100ms}
                duration: 5m
              status:
                experiment:
                  desiredPhase: Run
                  containerRecords: [{id: shop/web-5d4f8c7b9-abcde, selectorKey: ., phase: Injected, injectedCount: 1}]
            - apiVersion: chaos-mesh.org/v1alpha1
              kind: PodChaos
              metadata: {name: web-kill, namespace: shop, uid: 9a9a9a9a-1111-4222-8333-444455556666, resourceVersion: "99"}
              spec: {action: pod-kill, mode: one, selector: {labelSelectors: {app: web}}}
            """;

    @TempDir Path dir;

    @Test
    void eachItemIsPlanned_withoutTheServersFields_andWithTheUsers() throws IOException {
        Path file = Files.writeString(dir.resolve("exported.yaml"), EXPORTED);
        var planned = Planned.plan(file, null, "default", "r7");
        assertThat(planned).extracting(Planned::ref).containsExactly("NetworkChaos/shop/web-delay", "PodChaos/shop/web-kill");

        JsonNode delay = LiveChaosRun.SERIALIZATION.convertValue(planned.getFirst().model(), JsonNode.class);
        JsonNode meta = delay.path("metadata");
        for (String serverSet : new String[] {"uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "ownerReferences"})
            assertThat(meta.has(serverSet)).as(serverSet).isFalse();
        assertThat(delay.has("status")).isFalse();
        assertThat(meta.path("annotations").path("team").asText()).isEqualTo("checkout");
        assertThat(meta.path("labels").path("suite").asText()).isEqualTo("nightly");
        assertThat(meta.path("labels").path(LiveChaosRun.RUN_ID_LABEL).asText()).isEqualTo("r7");
        assertThat(meta.path("finalizers").get(0).asText()).isEqualTo("chaos-mesh/records");
        assertThat(delay.path("spec").path("delay").path("latency").asText()).isEqualTo("100ms");

        String yaml = Planned.dryRunYaml(file, null, "r7");
        assertThat(yaml).doesNotContain("resourceVersion", "uid:", "containerRecords", "managedFields").contains("name: \"web-kill\"");
    }
}
