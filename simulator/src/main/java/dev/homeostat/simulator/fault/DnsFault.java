package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * DNSChaos: lookups matching {@code patterns} (empty: all) from the selected pods fail ({@code error}) or
 * return a random address ({@code random}). With no dependencies modelled, each request is assumed to
 * look one up: {@code error} fails it at once (500), {@code random} makes it time out (504).
 */
public record DnsFault(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        DnsAction action, java.util.List<String> patterns) implements PodFault {
    public enum DnsAction { ERROR, RANDOM }

    public DnsFault {
        Faults.check(name, start, duration, selector, mode);
        if (action == null) throw new IllegalArgumentException("action: required (error, random)");
        patterns = patterns == null ? java.util.List.of() : java.util.List.copyOf(patterns);
    }

    @Override public String kind() { return "DNSChaos/" + action.name().toLowerCase(java.util.Locale.ROOT); }
}
