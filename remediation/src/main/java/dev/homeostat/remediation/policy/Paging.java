package dev.homeostat.remediation.policy;

import java.util.Objects;

/**
 * When the engine's page goes out: only once the SLO burn rate that {@code signal} reads (a service signal, e.g. the
 * default policy's {@code slo-burn} on {@code slo:burn_rate:min5m1m}) has reached {@code minBurnRate} for the paged
 * service or a service that calls it, during the incident. The team's burn-rate pages need the budget to burn at
 * least that fast (the SRE workbook's slowest page alert: 6× over 6 h and 30 min), so a page below it would call a
 * human where the team's own SLO policy files a ticket; the engine holds such a page back (journaled, with the peak
 * burn) and sends it if the burn reaches the rate while the incident lasts. Written as
 * {@code paging: {signal: slo-burn, minBurnRate: 6}}; absent, every page goes out.
 */
public record Paging(String signal, double minBurnRate) {
    public Paging {
        Objects.requireNonNull(signal, "signal");
        if (!(minBurnRate > 0) || !Double.isFinite(minBurnRate)) {
            throw new IllegalArgumentException("spec.paging.minBurnRate: must be a number > 0, e.g. " + (long) Defaults.PAGE_BURN_RATE + "; was " + minBurnRate);
        }
    }
}
