package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * DNSChaos: lookups matching {@code patterns} from the selected pods fail ({@code error}) or return a
 * random address ({@code random}). No patterns (or {@code *}): every lookup, and each request is assumed to look one up:
 * {@code error} fails it at once (500), {@code random} makes it time out (504). With patterns
 * ({@link HostPattern#matchesPattern}): only the pods' calls to matching hosts — in-cluster callees as
 * {@code <service>.<namespace>.svc.cluster.local}, external hosts as the scenario names them — fail so.
 */
public record DnsFault(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        DnsAction action, java.util.List<String> patterns) implements PodFault {
    public enum DnsAction { ERROR, RANDOM }

    public DnsFault {
        Faults.check(name, start, duration, selector, mode);
        if (action == null) throw new IllegalArgumentException("action: required (error, random)");
        patterns = patterns == null ? java.util.List.of() : java.util.List.copyOf(patterns);
    }

    /** No patterns, or the pattern {@code *}: every lookup the pods make. */
    public boolean everyLookup() { return patterns.isEmpty() || patterns.contains("*"); }

    @Override public String kind() { return "DNSChaos/" + action.name().toLowerCase(java.util.Locale.ROOT); }
}
