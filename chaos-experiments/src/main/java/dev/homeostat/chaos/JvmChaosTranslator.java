package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.JvmFault;
import dev.homeostat.simulator.fault.JvmFault.JvmEffect;
import io.fabric8.chaosmesh.v1alpha1.JVMChaos;
import io.fabric8.chaosmesh.v1alpha1.JVMChaosSpec;
import java.time.Duration;
import java.util.List;

/**
 * JVMChaos → {@link JvmFault}s: latency (and mysql with latency) a slower method, exception (and mysql with an
 * exception) a throwing one, stress with cpuCount busy cores, stress with memType a full heap (HEAP) or thread stacks
 * filling the container (STACK), ruleData one fault per effect of each Byteman rule ({@link BytemanRules}); return and
 * gc are accepted with no simulated effect, which the injection check reports. The method is taken to be on every
 * request's path (an upper bound). In a JVMChaos {@code value} is the return value, never the mode's number: Go's JSON
 * decoding gives the shallower field.
 */
final class JvmChaosTranslator implements FaultTranslator<JVMChaos> {
    static final List<String> ACTIONS = List.of("latency", "return", "exception", "stress", "gc", "ruleData", "mysql");

    @Override public Class<JVMChaos> modelType() { return JVMChaos.class; }

    @Override public List<Fault> translate(JVMChaos chaos, ManifestContext ctx) {
        JVMChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: JVMChaos needs spec.action, spec.mode and spec.selector");
        String action = spec.getAction();
        if (action == null || action.isBlank()) throw ctx.fail("spec.action", "required; one of " + String.join(", ", ACTIONS));
        String mode = spec.getMode();
        if (mode != null && List.of("fixed", "fixed-percent", "random-max-percent").contains(mode))
            throw ctx.fail("spec.mode", "mode " + mode + " needs a number, but in a JVMChaos spec.value is the return value (Go's JSON decoding gives "
                    + "the shallower field), so Chaos Mesh never reads one; use mode one or all");
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), mode, null, spec.getContainerNames(), ctx);
        Duration duration = ctx.duration("spec.duration", spec.getDuration(), "for JVMChaos (how long the rule stays)");
        String method = classMethod(spec, action, ctx);
        int latencyMs = spec.getLatency() == null ? 0 : spec.getLatency();
        Duration latency = Duration.ofMillis(latencyMs);
        JvmEffect effect;
        int cpu = 0;
        String reason = null;
        switch (action) {
            case "latency" -> {
                if (latencyMs <= 0) throw ctx.fail("spec.latency", "required for action latency: the milliseconds to add, e.g. latency: 1000");
                effect = JvmEffect.LATENCY;
            }
            case "exception" -> {
                if (blank(spec.getException())) throw ctx.fail("spec.exception", "required for action exception, e.g. exception: java.io.IOException(\"BOOM\")");
                effect = JvmEffect.EXCEPTION;
            }
            case "stress" -> {
                boolean cores = spec.getCpuCount() != null && spec.getCpuCount() > 0, memory = !blank(spec.getMemType());
                if (cores && memory)
                    throw ctx.fail("spec.memType", "give cpuCount or memType, not both: Chaos Mesh's agent stresses one of them");
                if (!cores && !memory)
                    throw ctx.fail("spec.cpuCount", "action stress needs cpuCount (the cores to burn, e.g. cpuCount: 1) or memType (heap or stack)");
                effect = !memory ? JvmEffect.CPU : spec.getMemType().equals("heap") ? JvmEffect.HEAP : JvmEffect.STACK;
                cpu = cores ? spec.getCpuCount() : 0;
            }
            case "ruleData" -> {
                if (blank(spec.getRuleData()))
                    throw ctx.fail("spec.ruleData", "required for action ruleData: a Byteman rule (RULE, CLASS, METHOD, AT, IF, DO, ENDRULE)");
                return ruleData(BytemanRules.parse("spec.ruleData", spec.getRuleData(), ctx), sel, duration, ctx);
            }
            case "mysql" -> {
                if (ctx.at("spec.mysqlConnectorVersion").isMissingNode())
                    throw ctx.fail("spec.mysqlConnectorVersion", "required for action mysql: \"5\" or \"8\", the mysql-connector-java the application uses");
                boolean throwing = !blank(spec.getException());
                if (!throwing && latencyMs <= 0)
                    throw ctx.fail("spec", "action mysql needs latency (milliseconds) or exception (a message), e.g. latency: 500");
                effect = throwing ? JvmEffect.EXCEPTION : JvmEffect.LATENCY;
            }
            case "return" -> {
                if (ctx.at("spec.value").isMissingNode()) throw ctx.fail("spec.value", "required for action return: the value the method returns, e.g. value: \"0\"");
                effect = JvmEffect.NO_EFFECT;
                reason = "a changed return value changes what the application computes, not whether or when it answers";
            }
            case "gc" -> {
                effect = JvmEffect.NO_EFFECT;
                reason = "one garbage collection pauses the JVM for far less than a traffic step";
            }
            default -> throw ctx.fail("spec.action", "unknown value \"" + action + "\"; use one of " + String.join(", ", ACTIONS));
        }
        return List.of(new JvmFault(ctx.faultNames(1).getFirst(), ctx.appliedAt(), duration, sel.selector(), sel.mode(), action, effect,
                effect == JvmEffect.LATENCY ? latency : null, cpu, method, reason));
    }

    /** One fault per effect of each rule (a slower method, a throwing one, a hanging one), or one without effect when no rule acts. */
    private static List<Fault> ruleData(List<BytemanRules.Rule> rules, ChaosSelectors.Target sel, Duration duration, ManifestContext ctx) {
        record Draft(JvmEffect effect, Duration latency, String method, String reason) { }
        var drafts = new java.util.ArrayList<Draft>();
        for (BytemanRules.Rule r : rules) {
            if (r.latencyMs() > 0) drafts.add(new Draft(JvmEffect.LATENCY, Duration.ofMillis(r.latencyMs()), r.target(), null));
            if (r.thrown() != null) drafts.add(new Draft(JvmEffect.EXCEPTION, null, r.target() + " throws " + r.thrown(), null));
            if (r.hangs()) drafts.add(new Draft(JvmEffect.HANG, null, r.target() + " waits for a signal nothing sends", null));
        }
        if (drafts.isEmpty()) {
            String reasons = rules.stream().flatMap(r -> r.noEffect().stream()).distinct().reduce((a, b) -> a + "; " + b).orElse("no action");
            drafts.add(new Draft(JvmEffect.NO_EFFECT, null, rules.getFirst().target(), "no rule changes whether or when a request is answered: " + reasons));
        }
        List<String> names = ctx.faultNames(drafts.size());
        var faults = new java.util.ArrayList<Fault>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            faults.add(new JvmFault(names.get(i), ctx.appliedAt(), duration, sel.selector(), sel.mode(), "ruleData", d.effect(), d.latency(), 0,
                    d.method(), d.reason()));
        }
        return List.copyOf(faults);
    }

    /** The method the rule is on, for the journal: class and method, or the MySQL statements matched; checked where Chaos Mesh needs them. */
    private static String classMethod(JVMChaosSpec spec, String action, ManifestContext ctx) {
        if (action.equals("mysql")) {
            String db = ctx.at("spec.database").asText(""), table = ctx.at("spec.table").asText(""), type = ctx.at("spec.sqlType").asText("");
            return "mysql " + (type.isEmpty() ? "any statement" : type) + " on " + (db.isEmpty() ? "*" : db) + "." + (table.isEmpty() ? "*" : table);
        }
        if (!List.of("latency", "return", "exception").contains(action)) return "";
        if (blank(spec.getClassName())) throw ctx.fail("spec.class", "required for action " + action + ": the Java class, e.g. class: com.example.Cart");
        if (blank(spec.getMethod())) throw ctx.fail("spec.method", "required for action " + action + ": the method of the class, e.g. method: checkout");
        return spec.getClassName() + "#" + spec.getMethod();
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
