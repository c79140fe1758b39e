package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.testbed.cli.Homeostat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --policy}: one suite under another engine policy, so two policies can be compared on the same scenarios. */
class PolicyOverrideTest {
    private static final Path CI = Path.of("../scenarios/ci");
    private static final Path OBSERVE = Path.of("../scenarios/policies/observe-only.yaml");

    @Test
    void everyScenarioRunsTheGivenPolicy_insteadOfItsOwn() {
        var own = LoadedSuite.load(CI, 1);
        var other = LoadedSuite.load(CI, 1, OBSERVE);

        assertThat(own.policies().values()).extracting(p -> p.name()).doesNotContain("observe-only");
        assertThat(other.scenarios()).hasSameSizeAs(own.scenarios());
        assertThat(other.policies().values()).extracting(p -> p.name()).containsOnly("observe-only");
    }

    @Test
    void aBadPolicy_exitsTwo_namingTheFlagAndTheFile_beforeRunningAnything(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: homeostat.dev/v1alpha1\nkind: RemediationPolicy\nmetadata: {name: x}\nspec: {signals: 3}\n");
        var stderr = new StringWriter();
        int code = Homeostat.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(stderr, true),
                "run", CI.toString(), "--policy", bad.toString(), "--out", dir.resolve("out").toString());

        assertThat(code).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(stderr.toString()).startsWith("homeostat: --policy: ").contains("bad.yaml").contains("spec.signals");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
