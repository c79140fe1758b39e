package dev.homeostat.remediation.policy;

import java.util.Objects;

/**
 * When the engine's page goes out ({@code spec.paging}; absent, every page goes out). The engine's page stands for the
 * team's burn-rate pages of the paged service and its callers ({@code slo.Healing}), so it should call a human only for
 * what the team's own SLO policy pages for; below that, the policy files a ticket. A held page is journaled, with why,
 * and goes out if the burn gets there while the incident lasts.
 */
public sealed interface Paging {
    /**
     * {@code paging: {when: slo-page-alerts}}: once one of the team's SLO page alerts would fire for a service the page
     * stands for — the SRE workbook's, as {@code homeostat rules --slo} ships them: the budget burning 14.4× over both
     * 1 h and 5 min, or 6× over both 6 h and 30 min — read from {@code slo:page_burn:ratio} (each page alert's lesser
     * window burn over its rate: 1 when it would fire).
     */
    record SloPageAlerts() implements Paging {
        public static final String WHEN = "slo-page-alerts";
    }

    /**
     * {@code paging: {signal: slo-burn, minBurnRate: 6}}: once the SLO burn rate that {@code signal} reads (a service
     * signal, e.g. {@code slo:burn_rate:min5m1m}) reached {@code minBurnRate}. A necessary condition of the team's page,
     * not the same: a short sharp burn reaches the rate over 5 min and 1 min where the page alerts' long windows stay
     * quiet.
     */
    record BurnRate(String signal, double minBurnRate) implements Paging {
        public BurnRate {
            Objects.requireNonNull(signal, "signal");
            if (!(minBurnRate > 0) || !Double.isFinite(minBurnRate)) {
                throw new IllegalArgumentException("spec.paging.minBurnRate: must be a number > 0, e.g. " + (long) Defaults.PAGE_BURN_RATE + "; was " + minBurnRate);
            }
        }
    }
}
