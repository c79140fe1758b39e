package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.JvmFault;
import dev.homeostat.simulator.fault.JvmFault.JvmEffect;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JVMChaos ruleData (a Byteman script) and memType, and metadata.generateName, as the simulation reads them. */
class JvmRulesTest {
    private static final Duration AT = Duration.ofMinutes(2);

    private static String jvm(String spec) {
        return "apiVersion: chaos-mesh.org/v1alpha1\nkind: JVMChaos\nmetadata: {name: j, namespace: shop}\nspec:\n  mode: all\n"
                + "  selector: {labelSelectors: {app: cart}}\n  duration: 1m\n" + spec;
    }

    private static String rule(String body) {
        return jvm("  action: ruleData\n  ruleData: |\n" + body.lines().map(l -> "    " + l + "\n").reduce("", String::concat));
    }

    private static List<JvmFault> translate(String yaml) {
        return ChaosManifests.translate("t.yaml", yaml, AT).stream().map(JvmFault.class::cast).toList();
    }

    private static ManifestException error(String yaml) {
        return catchThrowableOfType(ManifestException.class, () -> ChaosManifests.translate("t.yaml", yaml, AT));
    }

    @Test
    void ruleData_sleepDelayAndTimedWait_areLatency_summedPerRule() {
        var f = translate(rule("RULE slow\nCLASS com.example.Cart\nMETHOD add\nAT ENTRY\nIF true\nDO Thread.sleep(300); delay(200L);\n"
                + "   waitFor(\"x\", 100)\nENDRULE"));
        assertThat(f).singleElement().satisfies(j -> {
            assertThat(j.effect()).isEqualTo(JvmEffect.LATENCY);
            assertThat(j.latency()).isEqualTo(Duration.ofMillis(600));
            assertThat(j.kind()).isEqualTo("JVMChaos/ruleData");
            assertThat(j.method()).contains("com.example.Cart#add").contains("rule slow");
        });
    }

    @Test
    void ruleData_timedWait_readsItsArgumentsOutsideQuotes_aCommaInTheIdIsPartOfIt() {
        var f = translate(rule("RULE w\nCLASS C\nMETHOD m\nIF true\nDO waitFor(\"cart,checkout\", 450)\nENDRULE"));
        assertThat(f).singleElement().satisfies(j -> {
            assertThat(j.effect()).isEqualTo(JvmEffect.LATENCY);
            assertThat(j.latency()).isEqualTo(Duration.ofMillis(450));
        });
    }

    @Test
    void ruleData_throwAndHang_areTheirOwnFaults_acrossRules() {
        var f = translate(rule("# two rules\nRULE a\nCLASS C\nMETHOD m\nIF $1 != null\nDO traceln(\"x\"); throw new java.io.IOException(\"boom\")\nENDRULE\n"
                + "RULE b\nINTERFACE I\nMETHOD n\nAFTER INVOKE foo\nIF true\nDO waitFor(\"never\")\nENDRULE"));
        assertThat(f).extracting(JvmFault::name).containsExactly("j#1", "j#2");
        assertThat(f).extracting(JvmFault::effect).containsExactly(JvmEffect.EXCEPTION, JvmEffect.HANG);
        assertThat(f.getFirst().method()).contains("throws java.io.IOException");
    }

    @Test
    void ruleData_readsTheBodyAsATokenStream_ifAndDoOnOneLine_inEitherCase() {
        var f = translate(rule("RULE r\nCLASS C\nMETHOD m\nAFTER INVOKE java.io.File.exists\nbind x = 1; if x > 0 do\n  Thread.sleep(250)\nENDRULE"));
        assertThat(f).singleElement().satisfies(j -> {
            assertThat(j.latency()).isEqualTo(Duration.ofMillis(250));
            assertThat(j.method()).contains("AFTER INVOKE java.io.File.exists");
        });
        assertThat(translate(rule("RULE r\nCLASS C\nMETHOD m\nIF true DO throw new IllegalStateException()\nENDRULE")).getFirst().effect())
                .isEqualTo(JvmEffect.EXCEPTION);
    }

    @Test
    void ruleData_withoutAnActingAction_isAcceptedWithoutEffect_sayingWhy() {
        var f = translate(rule("RULE r\nCLASS C\nMETHOD m\nIF true\nDO flag(\"seen\"); return 0\nENDRULE"));
        assertThat(f).singleElement().satisfies(j -> {
            assertThat(j.effect()).isEqualTo(JvmEffect.NO_EFFECT);
            assertThat(j.noEffectReason()).contains("rule state").contains("return value");
        });
        var never = translate(rule("RULE r\nCLASS C\nMETHOD m\nIF false\nDO throw new RuntimeException()\nENDRULE"));
        assertThat(never.getFirst().noEffectReason()).contains("condition is false");
    }

    @Test
    void ruleData_refusesWhatItCannotShow_byTheAction_andBadScriptsByTheClause() {
        var call = error(rule("RULE r\nCLASS C\nMETHOD m\nIF true\nDO killJVM()\nENDRULE"));
        assertThat(call.field()).isEqualTo("spec.ruleData");
        assertThat(call.problem()).startsWith("not modelled: ").contains("DO killJVM()").doesNotContain(". ");
        assertThat(error(rule("RULE r\nCLASS C\nMETHOD m\nIF true\nDO Thread.sleep($1)\nENDRULE")).problem())
                .contains("computed at run time");
        assertThat(error(rule("RULE r\nCLASS C\nMETHOD m\nIF true\nDO waitFor(\"w\")\nENDRULE\nRULE s\nCLASS C\nMETHOD n\nIF true\n"
                + "DO signalWake(\"w\")\nENDRULE")).problem()).contains("signal another rule sends");
        assertThat(error(rule("RULE r\nCLASS C\nIF true\nDO throw new E()\nENDRULE")).problem()).contains("needs METHOD");
        assertThat(error(rule("RULE r\nCLASS C\nMETHOD m\nIF true\nDO throw new E()")).problem()).contains("no ENDRULE");
        assertThat(error(rule("CLASS C\nMETHOD m")).problem()).contains("expects RULE");
        assertThat(error(jvm("  action: ruleData\n")).field()).isEqualTo("spec.ruleData");
    }

    @Test
    void memType_heapFillsTheHeap_stackFillsTheContainer_notBothWithCpuCount() {
        assertThat(translate(jvm("  action: stress\n  memType: heap\n")).getFirst().effect()).isEqualTo(JvmEffect.HEAP);
        assertThat(translate(jvm("  action: stress\n  memType: stack\n")).getFirst().effect()).isEqualTo(JvmEffect.STACK);
        assertThat(error(jvm("  action: stress\n  memType: heap\n  cpuCount: 1\n")).field()).isEqualTo("spec.memType");
        assertThat(error(jvm("  action: stress\n")).field()).isEqualTo("spec.cpuCount");
    }

    @Test
    void generateName_namesTheObjectAsTheApiServerWould_theSameEveryRun_andSaysApplyRefusesIt() {
        String yaml = "apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nmetadata: {generateName: kill-, namespace: shop}\n"
                + "spec:\n  action: pod-kill\n  mode: one\n  selector: {labelSelectors: {app: cart}}\n";
        var contents = new ManifestTranslator().contents("dir/t.yaml", yaml, AT, Horizon.firstFiring());
        List<Fault> faults = contents.faults();
        String name = faults.getFirst().name();
        assertThat(name).matches("kill-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(new ManifestTranslator().contents("other/t.yaml", yaml, AT, Horizon.firstFiring()).faults().getFirst().name())
                .as("the file's name, not its folder").isEqualTo(name);
        assertThat(new ManifestTranslator().contents("u.yaml", yaml, AT, Horizon.firstFiring()).faults().getFirst().name()).isNotEqualTo(name);
        assertThat(contents.notes()).anySatisfy(n -> assertThat(n.message()).contains("kubectl apply refuses").contains("kubectl create").contains(name));
        assertThat(contents.experiments().getFirst().model().getMetadata().getName()).isEqualTo(name);
        String named = yaml.replace("{generateName: kill-,", "{name: fixed, generateName: kill-,");
        assertThat(new ManifestTranslator().contents("t.yaml", named, AT, Horizon.firstFiring()).faults().getFirst().name()).isEqualTo("fixed");
    }
}
