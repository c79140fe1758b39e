package dev.homeostat.remediation.slo;

import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.policy.MetricSelector;
import dev.homeostat.remediation.policy.Paging;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.Signal;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether an engine page is worth a page by the team's own SLO policy ({@link Paging}): the burn rate of the paged
 * service, or of a service that calls it (the page stands for theirs too, see {@link Healing}), reached
 * {@code minBurnRate} since the incident opened. Asked only when the engine is about to page, so it reads the burn
 * series then, not every tick. With no burn series for any of those services it cannot judge, and the page goes out.
 */
public final class PageSeverity {
    private final MetricsSource metrics;
    private final List<MetricSelector> selectors;
    private final double minBurnRate;
    private final Function<Long, CallGraph> graph;

    public PageSeverity(MetricsSource metrics, Signal burn, double minBurnRate, Function<Long, CallGraph> graph) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.selectors = burn.metrics().stream().map(MetricSelector::parse).toList();
        this.minBurnRate = minBurnRate;
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** The policy's severity check, or null when its pages always go out ({@code spec.paging} absent). */
    public static PageSeverity of(Policy policy, MetricsSource metrics, Function<Long, CallGraph> graph) {
        Paging paging = policy.paging();
        if (paging == null) return null;
        Signal burn = policy.signals().stream().filter(s -> s.name().equals(paging.signal())).findFirst().orElseThrow();
        return new PageSeverity(metrics, burn, paging.minBurnRate(), graph);
    }

    /**
     * Null when a page about {@code service} ({@code service/<ns>/<name>}) is worth one at {@code now}; else why not:
     * the peak burn since {@code fromMillis} of the services it would stand for, below the rate a page needs.
     */
    public String belowPaging(String service, long fromMillis, long now) {
        Set<String> services = Healing.withCallers(graph, service, now);
        double peak = Double.NaN;
        String peakOf = null;
        for (MetricSelector selector : selectors) {
            for (MetricSeries s : metrics.range(selector.name(), fromMillis, now)) {
                if (!selector.matches(s.labels())) continue;
                String name = s.labels().get("service");
                if (name == null) continue;
                String ref = "service/" + s.labels().getOrDefault("namespace", "default") + "/" + name;
                if (!services.contains(ref)) continue;
                for (double v : s.values()) {
                    if (v >= minBurnRate) return null;
                    if (Double.isNaN(peak) || v > peak) {
                        peak = v;
                        peakOf = ref;
                    }
                }
            }
        }
        if (peakOf == null) return null; // no burn series to judge by: page
        return String.format(Locale.ROOT, "the SLO burn of %s stayed below the %s× a page needs (spec.paging.minBurnRate; peak %.2f× on %s"
                + " since the incident opened): the team's own burn-rate alerts would not page for it", String.join(", ", services),
                fmt(minBurnRate), peak, peakOf);
    }

    private static String fmt(double v) { return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v); }
}
