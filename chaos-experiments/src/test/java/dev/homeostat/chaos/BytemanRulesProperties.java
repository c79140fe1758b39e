package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.homeostat.simulator.fault.JvmFault;
import dev.homeostat.simulator.fault.JvmFault.JvmEffect;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** JVMChaos ruleData on any script: the effects add up as the actions say, and no text gives anything but faults or one ManifestException. */
class BytemanRulesProperties {
    private static final Duration AT = Duration.ofMinutes(1);

    /** One action and the milliseconds it adds (-1: it throws, -2: it has no effect). */
    record Action(String text, long millis) { }

    private static String manifest(String script) {
        return "apiVersion: chaos-mesh.org/v1alpha1\nkind: JVMChaos\nmetadata: {name: j}\nspec:\n  action: ruleData\n  mode: all\n"
                + "  selector: {labelSelectors: {app: a}}\n  duration: 1m\n  ruleData: |\n"
                + script.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
    }

    @Provide
    Arbitrary<Action> action() {
        var ms = Arbitraries.longs().between(1, 100_000);
        return Arbitraries.oneOf(
                ms.map(n -> new Action("Thread.sleep(" + n + ")", n)),
                ms.map(n -> new Action("delay(" + n + "L)", n)),
                ms.map(n -> new Action("waitFor(\"w\", " + n + ")", n)),
                Arbitraries.of("java.io.IOException", "IllegalStateException").map(e -> new Action("throw new " + e + "(\"x\")", -1)),
                Arbitraries.of("traceln(\"a; b\")", "flag(\"f\")", "incrementCounter(\"c\")", "return 0").map(t -> new Action(t, -2)));
    }

    @Property(tries = 200)
    void aRulesEffects_areItsActions_added(@ForAll("actions") List<Action> actions) {
        String dos = String.join(";\n   ", actions.stream().map(Action::text).toList());
        var faults = ChaosManifests.translate("t.yaml", manifest("RULE r\nCLASS C\nMETHOD m\nAT ENTRY\nIF true\nDO " + dos + "\nENDRULE"), AT)
                .stream().map(JvmFault.class::cast).toList();
        long latency = actions.stream().mapToLong(Action::millis).filter(m -> m > 0).sum();
        boolean throwing = actions.stream().anyMatch(a -> a.millis() == -1);
        assertThat(faults.stream().filter(f -> f.effect() == JvmEffect.LATENCY).map(JvmFault::latency).toList())
                .isEqualTo(latency > 0 ? List.of(Duration.ofMillis(latency)) : List.of());
        assertThat(faults.stream().anyMatch(f -> f.effect() == JvmEffect.EXCEPTION)).isEqualTo(throwing);
        if (latency == 0 && !throwing) assertThat(faults).singleElement().extracting(JvmFault::effect).isEqualTo(JvmEffect.NO_EFFECT);
    }

    @Provide
    Arbitrary<List<Action>> actions() { return action().list().ofMinSize(1).ofMaxSize(6); }

    @Property(tries = 300)
    void anyScript_givesFaultsOrOneManifestException(@ForAll("scripts") String script) {
        Throwable t = catchThrowable(() -> ChaosManifests.translate("t.yaml", manifest(script), AT));
        if (t != null) assertThat(t).isInstanceOf(ManifestException.class).hasMessageContaining("t.yaml:");
    }

    @Provide
    Arbitrary<String> scripts() {
        var words = Arbitraries.of("RULE r", "CLASS C", "INTERFACE I", "METHOD m", "AT ENTRY", "AFTER INVOKE x", "BIND a = 1", "IF true", "IF",
                "DO", "DO Thread.sleep(5)", "throw new E()", "waitFor(\"w\")", "signalWake(\"w\")", "ENDRULE", "HELPER h", "# c", "x.y(", ")",
                "\"", ";", "delay(", "Thread.sleep(-1)", "do", "if false");
        return words.list().ofMinSize(1).ofMaxSize(14).map(l -> String.join("\n", l));
    }
}
