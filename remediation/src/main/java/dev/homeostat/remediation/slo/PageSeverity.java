package dev.homeostat.remediation.slo;

import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.policy.MetricSelector;
import dev.homeostat.remediation.policy.Paging;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.Signal;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether an engine page is worth a page by the team's own SLO policy ({@link Paging}): the burn rate of the paged
 * service, or of a service that calls it (the page stands for theirs too, see {@link Healing}), reached
 * {@code minBurnRate} since the incident opened. With no burn series for any of those services it cannot judge, and
 * the page goes out.
 *
 * <p>A held page is asked again every evaluation while its incident lasts, so the burn series are read once, as they
 * grow: each service's last sample at or above the rate is kept, and a question reads only the samples since the
 * last one (or before the first, for an older incident). Why a page is held, with the peak burn, is read in full only
 * when it is journaled.
 */
public final class PageSeverity {
    private final MetricsSource metrics;
    private final List<MetricSelector> selectors;
    /** The value from which a series is page-worthy: a burn rate, or 1 for the page alerts' {@code slo:page_burn:ratio}. */
    private final double minBurnRate;
    /** Whether the series are the page alerts' ({@link Paging.SloPageAlerts}), rather than a burn rate's. */
    private final boolean pageAlerts;
    private final Function<Long, CallGraph> graph;
    /** The newest sample at or above the rate, by service ({@code service/<ns>/<name>}); services with a burn series. */
    private final Map<String, Long> lastAbove = new HashMap<>();
    private final Set<String> withSeries = new HashSet<>();
    private long readFrom = Long.MAX_VALUE;
    private long readTo = Long.MIN_VALUE;

    private PageSeverity(MetricsSource metrics, List<String> series, double minBurnRate, boolean pageAlerts, Function<Long, CallGraph> graph) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.selectors = series.stream().map(MetricSelector::parse).toList();
        this.minBurnRate = minBurnRate;
        this.pageAlerts = pageAlerts;
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** The policy's severity check, or null when its pages always go out ({@code spec.paging} absent). */
    public static PageSeverity of(Policy policy, MetricsSource metrics, Function<Long, CallGraph> graph) {
        return switch (policy.paging()) {
            case null -> null;
            case Paging.SloPageAlerts _ -> new PageSeverity(metrics, List.of(SloAlertRules.PAGE_BURN), 1, true, graph);
            case Paging.BurnRate rate -> {
                Signal burn = policy.signals().stream().filter(s -> s.name().equals(rate.signal())).findFirst().orElseThrow();
                yield new PageSeverity(metrics, burn.metrics(), rate.minBurnRate(), false, graph);
            }
        };
    }

    /** The services a page about {@code service} ({@code service/<ns>/<name>}) stands for at {@code now}: it and its callers. */
    public Set<String> standsFor(String service, long now) {
        return Healing.withCallers(graph, service, now);
    }

    /** Whether a page standing for {@code services} ({@link #standsFor}) is worth one at {@code now}, judged since {@code fromMillis}. */
    public boolean pageWorthy(Set<String> services, long fromMillis, long now) {
        catchUp(fromMillis, now);
        boolean judged = false;
        for (String s : services) {
            if (lastAbove.getOrDefault(s, Long.MIN_VALUE) >= fromMillis) return true;
            judged |= withSeries.contains(s);
        }
        return !judged; // no burn series to judge by: page
    }

    /** Why a page standing for {@code services} is held at {@code now}: their peak burn since {@code fromMillis}. */
    public String whyHeld(Set<String> services, long fromMillis, long now) {
        double peak = Double.NaN;
        String peakOf = "";
        for (MetricSelector selector : selectors) {
            for (MetricSeries s : metrics.range(selector.name(), fromMillis, now)) {
                String ref = refOf(selector, s);
                if (ref == null || !services.contains(ref)) continue;
                for (double v : s.values()) {
                    if (Double.isNaN(peak) || v > peak) {
                        peak = v;
                        peakOf = ref;
                    }
                }
            }
        }
        if (pageAlerts) return String.format(Locale.ROOT, "no SLO page alert of %s would fire (%s peaked at %.2f on %s since the incident"
                + " opened; an alert fires at 1: its budget burning %s): the team's own alerts would not page for it", String.join(", ", services),
                SloAlertRules.PAGE_BURN, peak, peakOf, SloAlertRules.pageAlertsDescribed(BurnRateAlert.WORKBOOK));
        return String.format(Locale.ROOT, "the SLO burn of %s stayed below the %s× a page needs (spec.paging.minBurnRate; peak %.2f× on %s"
                + " since the incident opened): the team's own burn-rate alerts would not page for it", String.join(", ", services),
                fmt(minBurnRate), peak, peakOf);
    }

    /** Reads the burn samples of [fromMillis, now] not read yet. */
    private void catchUp(long fromMillis, long now) {
        if (readTo == Long.MIN_VALUE) {
            read(fromMillis, now);
            readFrom = fromMillis;
            readTo = now;
            return;
        }
        if (fromMillis < readFrom) {
            read(fromMillis, readFrom);
            readFrom = fromMillis;
        }
        if (now > readTo) {
            read(readTo, now);
            readTo = now;
        }
    }

    private void read(long from, long to) {
        for (MetricSelector selector : selectors) {
            for (MetricSeries s : metrics.range(selector.name(), from, to)) {
                String ref = refOf(selector, s);
                if (ref == null) continue;
                withSeries.add(ref);
                long[] times = s.times();
                double[] values = s.values();
                for (int i = 0; i < values.length; i++) {
                    if (values[i] >= minBurnRate && times[i] > lastAbove.getOrDefault(ref, Long.MIN_VALUE)) lastAbove.put(ref, times[i]);
                }
            }
        }
    }

    /** The service a burn series is of, or null when the selector does not take it or it names none. */
    private static String refOf(MetricSelector selector, MetricSeries s) {
        if (!selector.matches(s.labels())) return null;
        String name = s.labels().get("service");
        return name == null ? null : "service/" + s.labels().getOrDefault("namespace", "default") + "/" + name;
    }

    private static String fmt(double v) { return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v); }
}
