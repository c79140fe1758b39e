package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.HttpFault;
import io.fabric8.chaosmesh.v1alpha1.HTTPChaos;
import io.fabric8.chaosmesh.v1alpha1.HTTPChaosSpec;
import java.time.Duration;
import java.util.List;

/**
 * HTTPChaos on the selected pods' server: {@code abort: true} → abort, {@code delay} → delay,
 * {@code replace.code} → replace; exactly one of them. {@code target} (Request/Response), {@code port},
 * {@code path} and {@code method} are validated and kept, but every simulated request matches them.
 */
final class HttpChaosTranslator implements FaultTranslator<HTTPChaos> {
    private static final List<String> SPEC_FIELDS = List.of("mode", "value", "selector", "duration", "target", "port", "path", "method",
            "abort", "delay", "replace", "patch", "code", "requestHeaders", "responseHeaders");
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE");

    @Override public Class<HTTPChaos> modelType() { return HTTPChaos.class; }

    @Override public List<Fault> translate(HTTPChaos chaos, ManifestContext ctx) {
        HTTPChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: HTTPChaos needs spec.target, spec.port, spec.mode, spec.selector and one of abort, delay, replace");
        ctx.rejectUnknownFields("spec", spec.getAdditionalProperties(), SPEC_FIELDS);
        String narrow = "remove it: the simulator's requests carry no headers or status to match, so the rule could not be honoured";
        ctx.rejectNotModelled("spec.code", spec.getCode() != null, narrow);
        ctx.rejectNotModelled("spec.requestHeaders", spec.getRequestHeaders() != null && !spec.getRequestHeaders().isEmpty(), narrow);
        ctx.rejectNotModelled("spec.responseHeaders", spec.getResponseHeaders() != null && !spec.getResponseHeaders().isEmpty(), narrow);
        ctx.rejectNotModelled("spec.patch", spec.getPatch() != null, "use replace.code, abort or delay: patched bodies and headers change no metric");
        String target = spec.getTarget();
        if (target == null || !List.of("Request", "Response").contains(target))
            throw ctx.fail("spec.target", "required: Request or Response (the phase the rule acts on), was " + target);
        if (spec.getPort() == null || spec.getPort() < 1 || spec.getPort() > 65535)
            throw ctx.fail("spec.port", "required: the container port the server listens on, 1..65535, e.g. port: 8080");
        String method = spec.getMethod();
        if (method != null && !METHODS.contains(method)) throw ctx.fail("spec.method", "unknown HTTP method \"" + method + "\"; use one of " + METHODS);
        if (spec.getPath() != null && spec.getPath().isBlank()) throw ctx.fail("spec.path", "must not be empty; write e.g. /api/* or omit it for every path");
        boolean abort = Boolean.TRUE.equals(spec.getAbort());
        int actions = (abort ? 1 : 0) + (spec.getDelay() != null ? 1 : 0) + (spec.getReplace() != null ? 1 : 0);
        if (actions != 1)
            throw ctx.fail("spec", actions == 0 ? "give one action: abort: true, delay: 1s or replace: {code: 503}"
                    : "give only one of abort, delay and replace: use one experiment per action");
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), ctx);
        Duration duration = ctx.requiredDuration("spec.duration", spec.getDuration(), "for HTTPChaos (how long the rule stays)");
        String name = ctx.faultNames(1).getFirst();
        HttpFault.HttpAction action;
        Duration delay = null;
        int code = 0;
        if (abort) {
            action = HttpFault.HttpAction.ABORT;
        } else if (spec.getDelay() != null) {
            action = HttpFault.HttpAction.DELAY;
            delay = ctx.requiredDuration("spec.delay", spec.getDelay(), "for a delay");
        } else {
            action = HttpFault.HttpAction.REPLACE;
            var r = spec.getReplace();
            ctx.rejectUnknownFields("spec.replace", r.getAdditionalProperties(), List.of("code"));
            String only = "remove it: only replace.code changes what the simulator measures";
            ctx.rejectNotModelled("spec.replace.body", r.getBody() != null, only);
            ctx.rejectNotModelled("spec.replace.headers", r.getHeaders() != null && !r.getHeaders().isEmpty(), only);
            ctx.rejectNotModelled("spec.replace.method", r.getMethod() != null, only);
            ctx.rejectNotModelled("spec.replace.path", r.getPath() != null, only);
            ctx.rejectNotModelled("spec.replace.queries", r.getQueries() != null && !r.getQueries().isEmpty(), only);
            if (r.getCode() == null || r.getCode() < 100 || r.getCode() > 599)
                throw ctx.fail("spec.replace.code", "required: the HTTP status to answer with, 100..599, e.g. code: 503");
            code = r.getCode();
        }
        return List.of(new HttpFault(name, ctx.appliedAt(), duration, sel.selector(), sel.mode(), action, delay, code, target,
                spec.getPort(), spec.getPath(), method));
    }
}
