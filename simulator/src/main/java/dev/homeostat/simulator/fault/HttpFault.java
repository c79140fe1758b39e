package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * HTTPChaos on the selected pods' server: {@code abort} fails the matching requests, {@code delay} adds
 * {@code delay}, {@code replace} answers with {@code code} (an error when {@code code >= 500}). The
 * simulator's requests carry no path, method or port, so every request matches {@code path},
 * {@code method} and {@code port} (an upper bound); they are kept for the journal. {@code CONTENT} is a rule that only
 * changes what a message carries (a patch, or a replacement of the body, headers, path, method or queries): it changes
 * not whether or when a request is answered, so it has no simulated effect, which its injection check says; {@code NONE}
 * is a rule with no action at all, which Chaos Mesh applies and which changes nothing.
 */
public record HttpFault(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        HttpAction action, Duration delay, int code, String target, int port, String path, String method) implements PodFault {
    public enum HttpAction { ABORT, DELAY, REPLACE, CONTENT, NONE }

    public HttpFault {
        Faults.check(name, start, duration, selector, mode);
        if (action == null) throw new IllegalArgumentException("action: required (abort, delay, replace)");
        delay = delay == null ? Duration.ZERO : delay;
        if (action == HttpAction.DELAY && (delay.isZero() || delay.isNegative())) throw new IllegalArgumentException("delay: must be positive for a delay, was " + delay);
        if (action == HttpAction.REPLACE && (code < 100 || code > 599)) throw new IllegalArgumentException("replace.code: must be an HTTP status 100..599, was " + code);
        target = target == null ? "Request" : target;
        path = path == null ? "*" : path;
    }

    @Override public String kind() { return "HTTPChaos/" + action.name().toLowerCase(java.util.Locale.ROOT); }
}
