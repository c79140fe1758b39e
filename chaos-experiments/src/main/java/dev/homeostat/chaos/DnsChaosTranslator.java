package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.DnsFault;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.chaosmesh.v1alpha1.DNSChaos;
import io.fabric8.chaosmesh.v1alpha1.DNSChaosSpec;
import java.time.Duration;
import java.util.List;

/**
 * DNSChaos: {@code error} / {@code random} for the lookups of the selected pods that match {@code patterns} (none: every
 * lookup) → {@link DnsFault}; the simulator matches the patterns against the hosts the pods call.
 */
final class DnsChaosTranslator implements FaultTranslator<DNSChaos> {
    static final List<String> ACTIONS = List.of("error", "random");
    /** Chaos Mesh's pattern syntax: letters, digits, dots, dashes, the placeholder ? and * as the last character. */
    private static final java.util.regex.Pattern PATTERN = java.util.regex.Pattern.compile("[A-Za-z0-9.?*-]+");

    @Override public Class<DNSChaos> modelType() { return DNSChaos.class; }

    @Override public List<Fault> translate(DNSChaos chaos, ManifestContext ctx) {
        DNSChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: DNSChaos needs spec.action, spec.mode, spec.selector and spec.duration");
        String action = spec.getAction();
        if (action == null || !ACTIONS.contains(action))
            throw ctx.fail("spec.action", (action == null ? "required" : "unknown DNSChaos action \"" + action + "\"") + "; one of " + String.join(", ", ACTIONS));
        List<String> patterns = spec.getPatterns() == null ? List.of() : spec.getPatterns();
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            if (p == null || p.isBlank() || !PATTERN.matcher(p).matches() || p.indexOf('*') >= 0 && p.indexOf('*') != p.length() - 1)
                throw ctx.fail("spec.patterns[" + i + "]", "invalid pattern \"" + p + "\": Chaos Mesh's DNS server takes * only as the last "
                        + "character and fails to start the experiment otherwise (kubectl does not check it); write a host name such as "
                        + "cart.default.svc, with ? for one character and a trailing * (chaos-mesh.*)");
        }
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), spec.getContainerNames(), ctx);
        Duration duration = ctx.duration("spec.duration", spec.getDuration(), "for DNSChaos (how long lookups fail)");
        var dnsAction = action.equals("error") ? DnsFault.DnsAction.ERROR : DnsFault.DnsAction.RANDOM;
        return List.of(new DnsFault(ctx.faultNames(1).getFirst(), ctx.appliedAt(), duration, sel.selector(), sel.mode(), dnsAction, patterns));
    }
}
