package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.HttpFault;
import io.fabric8.chaosmesh.v1alpha1.HTTPChaos;
import io.fabric8.chaosmesh.v1alpha1.HTTPChaosSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTPChaos on the selected pods' server, in Chaos Mesh's order abort → delay → replace → patch: {@code abort: true}
 * → one abort fault (it short-circuits the rest); otherwise {@code delay} and {@code replace.code} → one
 * {@link HttpFault} each ({@code name#1}, {@code name#2} when both). Matchers ({@code target}, {@code port},
 * {@code path}, {@code method}, {@code code}, headers) are checked and every simulated request matches them (an upper
 * bound); what a request or response carries (patch, the other replacements) is live only: alone, a rule of {@code CONTENT},
 * accepted with no simulated effect, which a note and the injection check say.
 */
final class HttpChaosTranslator implements FaultTranslator<HTTPChaos> {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE");

    @Override public Class<HTTPChaos> modelType() { return HTTPChaos.class; }

    @Override public List<Fault> translate(HTTPChaos chaos, ManifestContext ctx) {
        HTTPChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: HTTPChaos needs spec.target, spec.port, spec.mode, spec.selector and one of abort, delay, replace");
        String target = spec.getTarget();
        if (target == null) throw ctx.fail("spec.target", "required: Request or Response, the phase the rule acts on");
        if (spec.getPort() == null) throw ctx.fail("spec.port", "required: the container port the server listens on, e.g. port: 8080");
        String method = spec.getMethod();
        if (method != null && !METHODS.contains(method)) throw ctx.fail("spec.method", "unknown HTTP method \"" + method + "\"; use one of " + METHODS);
        if (spec.getPath() != null && spec.getPath().isBlank()) throw ctx.fail("spec.path", "must not be empty; write e.g. /api/* or omit it for every path");
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), ctx);
        Duration duration = ctx.duration("spec.duration", spec.getDuration(), "for HTTPChaos (how long the rule stays)");
        Integer code = spec.getReplace() == null ? null : spec.getReplace().getCode();
        var actions = new ArrayList<HttpFault.HttpAction>();
        Duration delay = null;
        if (Boolean.TRUE.equals(spec.getAbort())) {
            actions.add(HttpFault.HttpAction.ABORT);
        } else {
            if (spec.getDelay() != null) {
                delay = ctx.presentDuration("spec.delay", spec.getDelay(), "for a delay");
                if (!delay.isZero()) actions.add(HttpFault.HttpAction.DELAY);
            }
            if (code != null) actions.add(HttpFault.HttpAction.REPLACE);
        }
        if (actions.isEmpty() && spec.getReplace() == null && spec.getPatch() == null) {
            // Chaos Mesh's webhook asks for no action: the rule is applied and matches, and changes nothing
            if (delay == null) ctx.note("spec", "no action (abort: true, delay, replace or patch): Chaos Mesh applies the rule and it changes nothing"
                    + (spec.getCode() != null ? "; code: " + spec.getCode() + " only chooses the responses the rule acts on, to answer with it write "
                    + "replace: {code: " + spec.getCode() + "}" : "; to fail the requests write abort: true, to slow them delay: 1s"));
            actions.add(HttpFault.HttpAction.NONE);
        } else if (actions.isEmpty()) {
            // accepted, as live: its window opens and closes, and its injection check says why nothing moved
            ctx.note(spec.getReplace() != null ? "spec.replace" : "spec.patch", "no simulated effect: this rule only changes what a message "
                    + "carries, not whether or when it is answered, and simulated requests carry no body, headers or queries (the injection check says so)");
            actions.add(HttpFault.HttpAction.CONTENT);
        }
        List<String> names = ctx.faultNames(actions.size());
        var faults = new ArrayList<Fault>();
        for (int i = 0; i < actions.size(); i++) {
            HttpFault.HttpAction a = actions.get(i);
            faults.add(new HttpFault(names.get(i), ctx.appliedAt(), duration, sel.selector(), sel.mode(), a,
                    a == HttpFault.HttpAction.DELAY ? delay : null, a == HttpFault.HttpAction.REPLACE ? code : 0, target,
                    spec.getPort(), spec.getPath(), method));
        }
        return List.copyOf(faults);
    }
}
