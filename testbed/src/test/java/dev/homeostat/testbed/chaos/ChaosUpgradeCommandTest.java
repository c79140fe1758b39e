package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeostat chaos upgrade}: Chaos Mesh 1.x manifests rewritten as 2.x takes them, then valid. */
class ChaosUpgradeCommandTest {
    @TempDir Path dir;

    private static ChaosCommandTest.Result chaos(String... args) { return ChaosCommandTest.chaos(args); }

    /** As Chaos Mesh 1.x documented it: the old API group and a cron in the experiment. */
    private static final String OLD = """
            apiVersion: pingcap.com/v1alpha1
            kind: PodChaos
            metadata:
              name: pod-failure-example
              namespace: chaos-testing
            spec:
              action: pod-failure
              mode: one
              duration: "30s"
              selector:
                labelSelectors:
                  "app.kubernetes.io/component": "tikv"
              scheduler:
                cron: "@every 2m"
            """;

    @Test
    void aOneXManifest_becomesASchedule_thatValidates() throws IOException {
        Path old = dir.resolve("old.yaml");
        Files.writeString(old, OLD);
        assertThat(chaos("validate", old.toString()).exit()).isEqualTo(2);

        ChaosCommandTest.Result r = chaos("upgrade", old.toString());

        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.err()).contains(old + ":1: apiVersion pingcap.com/v1alpha1 → chaos-mesh.org/v1alpha1",
                old + ":13: spec.scheduler (Chaos Mesh 1.x) → a Schedule of \"@every 2m\" creating this PodChaos for its duration 30s at each firing");
        assertThat(r.out()).contains("kind: \"Schedule\"", "schedule: \"@every 2m\"", "type: \"PodChaos\"", "podChaos:", "action: \"pod-failure\"")
                .doesNotContain("scheduler");
        Path upgraded = dir.resolve("new.yaml");
        Files.writeString(upgraded, r.out());
        ChaosCommandTest.Result check = chaos("validate", upgraded.toString());
        assertThat(check.exit()).as(check.out()).isEqualTo(0);
    }

    @Test
    void severalFiles_needOut_andAreWrittenThereUnderTheirNames_aTwoXFileUnchanged() throws IOException {
        Path a = dir.resolve("in/a.yaml");
        Path b = dir.resolve("in/b.yaml");
        Files.createDirectories(a.getParent());
        Files.writeString(a, OLD);
        String current = OLD.replace("pingcap.com", "chaos-mesh.org").replace("  scheduler:\n    cron: \"@every 2m\"\n", "");
        Files.writeString(b, current);
        assertThat(chaos("upgrade", a.toString(), b.toString()).err()).contains("--out: required for more than one file");

        ChaosCommandTest.Result r = chaos("upgrade", a.toString(), b.toString(), "--out", dir.resolve("out").toString());

        assertThat(r.exit()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("out/a.yaml"))).contains("kind: \"Schedule\"");
        assertThat(Files.readString(dir.resolve("out/b.yaml"))).isEqualTo(current);
        assertThat(r.err()).contains(b + ": nothing to upgrade");
    }

    @Test
    void badYaml_isOneLineNamingTheFile_exit2_nothingWritten() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: PodChaos\nspec: [unclosed\n");
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, OLD);

        ChaosCommandTest.Result r = chaos("upgrade", good.toString(), bad.toString(), "--out", dir.resolve("out").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines().filter(l -> l.contains("bad.yaml"))).hasSize(1);
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
