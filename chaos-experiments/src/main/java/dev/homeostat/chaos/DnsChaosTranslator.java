package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.DnsFault;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.chaosmesh.v1alpha1.DNSChaos;
import io.fabric8.chaosmesh.v1alpha1.DNSChaosSpec;
import java.time.Duration;
import java.util.List;

/** DNSChaos: {@code error} / {@code random} for lookups matching {@code patterns} → {@link DnsFault}. */
final class DnsChaosTranslator implements FaultTranslator<DNSChaos> {
    static final List<String> ACTIONS = List.of("error", "random");
    private static final List<String> SPEC_FIELDS = List.of("action", "mode", "value", "selector", "duration", "patterns", "containerNames");

    @Override public Class<DNSChaos> modelType() { return DNSChaos.class; }

    @Override public List<Fault> translate(DNSChaos chaos, ManifestContext ctx) {
        DNSChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: DNSChaos needs spec.action, spec.mode, spec.selector and spec.duration");
        ctx.rejectUnknownFields("spec", spec.getAdditionalProperties(), SPEC_FIELDS);
        String action = spec.getAction();
        if (action == null || !ACTIONS.contains(action))
            throw ctx.fail("spec.action", (action == null ? "required" : "unknown DNSChaos action \"" + action + "\"") + "; one of " + String.join(", ", ACTIONS));
        List<String> patterns = spec.getPatterns() == null ? List.of() : spec.getPatterns();
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            // Chaos Mesh: a domain, with * allowed only as the last character (e.g. google.co*)
            if (p == null || p.isBlank() || p.indexOf('*') >= 0 && p.indexOf('*') != p.length() - 1 && !p.startsWith("*."))
                throw ctx.fail("spec.patterns[" + i + "]", "invalid pattern \"" + p + "\"; write a domain such as cart.default.svc, with * only as a prefix *. or at the end");
        }
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), spec.getContainerNames(), ctx);
        Duration duration = ctx.requiredDuration("spec.duration", spec.getDuration(), "for DNSChaos (how long lookups fail)");
        var dnsAction = action.equals("error") ? DnsFault.DnsAction.ERROR : DnsFault.DnsAction.RANDOM;
        return List.of(new DnsFault(ctx.faultNames(1).getFirst(), ctx.appliedAt(), duration, sel.selector(), sel.mode(), dnsAction, patterns));
    }
}
