package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LegacyManifests}: what Chaos Mesh refuses for a field an older API named otherwise validates once upgraded. */
class LegacyManifestsTest {
    @TempDir Path dir;

    /** As the Workflow docs before 2.0 wrote it: a template's deadline named duration, its children tasks. */
    private static final String OLD_WORKFLOW = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata:
              name: try-workflow-serial
            spec:
              entry: the-entry
              templates:
                - name: the-entry
                  templateType: Serial
                  duration: 240s
                  tasks:
                    - workflow-network-chaos
                - name: workflow-network-chaos
                  templateType: NetworkChaos
                  duration: 20s
                  networkChaos:
                    direction: to
                    action: delay
                    mode: all
                    selector:
                      labelSelectors:
                        "app": "hello-kubernetes"
                    delay:
                      latency: "90ms"
            """;

    private ManifestCheck check(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return ChaosManifests.check(file, Horizon.firstFiring());
    }

    @Test
    void aPreTwoWorkflow_isRefusedAsWritten_andValidatesUpgraded_eachRenameOnItsLine() throws IOException {
        assertThat(check("old.yaml", OLD_WORKFLOW).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("homeostat chaos upgrade renames it"));

        var upgraded = LegacyManifests.upgrade("old.yaml", OLD_WORKFLOW);

        assertThat(upgraded.changes()).containsExactly(
                "old.yaml:10: spec.templates[0].duration (the Workflow API before Chaos Mesh 2.0) → deadline",
                "old.yaml:11: spec.templates[0].tasks (the Workflow API before Chaos Mesh 2.0) → children",
                "old.yaml:15: spec.templates[1].duration (the Workflow API before Chaos Mesh 2.0) → deadline");
        assertThat(upgraded.yaml()).contains("deadline: \"240s\"", "children:", "deadline: \"20s\"").doesNotContain("duration:", "tasks:");
        assertThat(upgraded.yaml().indexOf("templateType: Serial")).as("a renamed field keeps its place")
                .isLessThan(upgraded.yaml().indexOf("deadline: \"240s\""));
        assertThat(check("new.yaml", upgraded.yaml()).problems()).isEmpty();
    }

    @Test
    void aScheduleOfAWorkflow_hasItsTemplatesRenamedToo() throws IOException {
        String schedule = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: nightly}
                spec:
                  schedule: "@every 1h"
                  type: Workflow
                  historyLimit: 1
                  concurrencyPolicy: Forbid
                  workflow:
                """ + OLD_WORKFLOW.substring(OLD_WORKFLOW.indexOf("  entry:")).indent(2).stripTrailing() + "\n";
        assertThat(check("old.yaml", schedule).problems()).isNotEmpty();

        var upgraded = LegacyManifests.upgrade("old.yaml", schedule);

        assertThat(upgraded.changes()).hasSize(3).allSatisfy(c -> assertThat(c).contains("spec.workflow.templates["));
        assertThat(check("new.yaml", upgraded.yaml()).problems()).isEmpty();
    }

    @Test
    void aTemplateWithBothNames_andACurrentManifest_areLeftAsWritten() {
        String both = OLD_WORKFLOW.replace("      duration: 240s\n", "      duration: 240s\n      deadline: 300s\n");
        var upgraded = LegacyManifests.upgrade("both.yaml", both);
        assertThat(upgraded.changes()).noneMatch(c -> c.contains("templates[0].duration"));
        assertThat(upgraded.yaml()).contains("duration: \"240s\"", "deadline: \"300s\"");

        String current = LegacyManifests.upgrade("old.yaml", OLD_WORKFLOW).yaml();
        var again = LegacyManifests.upgrade("new.yaml", current);
        assertThat(again.changes()).isEmpty();
        assertThat(again.yaml()).isEqualTo(current);
    }

    @Test
    void fieldsNamedLikeOldOnesOutsideATemplate_areNotTouched() {
        String pod = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: p}
                spec: {action: pod-failure, mode: one, duration: 30s, selector: {labelSelectors: {app: cart}}}
                """;
        assertThat(LegacyManifests.upgrade("p.yaml", pod).changes()).isEmpty();
    }

    @Test
    void everyStringStaysAString_numbersAndBooleansAsWritten() {
        String old = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: n}
                spec:
                  action: delay
                  mode: fixed-percent
                  value: "10"
                  selector:
                    labelSelectors: {app: "true", tier: "1.5", hex: "0x1F", none: "null", tilde: "~", flag: "yes", date: "2024-01-01"}
                  delay: {latency: 10ms, correlation: "25", jitter: "0"}
                  bandwidth: {rate: 1mbps, limit: 100, buffer: 10000}
                  scheduler: {cron: "@every 1h"}
                """;
        var upgraded = LegacyManifests.upgrade("n.yaml", old);
        JsonNode before = YamlDocuments.parse("n.yaml", old).getFirst().root().path("spec");
        JsonNode after = YamlDocuments.parse("u.yaml", upgraded.yaml()).getFirst().root().path("spec").path("networkChaos");
        ((com.fasterxml.jackson.databind.node.ObjectNode) before).remove("scheduler");
        assertThat(after).as(upgraded.yaml()).isEqualTo(before);
    }
}
