package dev.homeostat.remediation.slo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The SLO burn-rate alerting rules as Prometheus loads them: per objective, a recording rule per window for the
 * share of bad requests, and an alert per {@link BurnRateAlert}. The same definitions the simulation evaluates for
 * the baseline's pages (testbed {@code observe/SloPager}), so a team's pages live are the ones simulation counted.
 *
 * <p>Inputs are the application metrics the shipped recording rules read: {@code http_requests_total{code}} and the
 * {@code http_request_duration_seconds} histogram, labelled {@code namespace} and {@code service}. A latency
 * objective is read off the histogram at its threshold ({@link LatencyCut}): exactly when the threshold is a bucket
 * bound; else by linear interpolation between the bounds around it — the assumption {@code histogram_quantile}
 * makes —, so a 400 ms objective is not silently judged at 500 ms.
 */
public final class SloAlertRules {
    /** The recording rule of the bad-request share over a window: {@code slo:sli_error:ratio_rate5m}. */
    public static final String RATIO_PREFIX = "slo:sli_error:ratio_rate";
    /**
     * The burn rate over a window (the bad-request share over the objective's budget), 1m and 5m: what the engine's
     * SLO signal reads ({@code slo:burn_rate:ratio_rate5m}).
     */
    public static final String BURN_PREFIX = "slo:burn_rate:";
    /** The lesser of the 5m and 1m burn rates: the objective burns over both windows when it exceeds a rate. */
    public static final String BURN_MULTIWINDOW = BURN_PREFIX + "min5m1m";
    /** The windows of the engine's burn-rate series. */
    public static final List<Duration> ENGINE_WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5));
    /**
     * Per objective and page alert (labels {@code long_window}, {@code short_window}): the lesser of its two windows'
     * bad-request shares over the share at its rate — 1 when the alert's condition holds. What an engine whose
     * {@code spec.paging} is {@code when: slo-page-alerts} reads to page only where the team's alerts would.
     */
    public static final String PAGE_BURN = "slo:page_burn:ratio";
    /** The alert's name; labels {@code slo}, {@code namespace}, {@code service}, {@code severity}, windows. */
    public static final String ALERT = "SLOErrorBudgetBurn";

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    private SloAlertRules() { }

    /**
     * Where a latency objective meets the histogram: the bucket bounds around its threshold ({@code lower} 0 below the
     * first bound; equal bounds when the threshold is one) and how far between them it lies, {@code weight} in (0, 1].
     * The requests at or below the threshold are then estimated as (1 − weight) × bucket(lower) + weight × bucket(upper):
     * requests spread evenly inside a bucket, as {@code histogram_quantile} assumes.
     */
    public record LatencyCut(double lower, double upper, double weight) {
        /** The requests at or below the threshold, from the cumulative counts at {@code lower} and {@code upper}. */
        public double atOrBelow(double countAtLower, double countAtUpper) {
            return weight == 1 ? countAtUpper : lowerWeight() * countAtLower + weight * countAtUpper;
        }

        /** 1 − weight, to the six decimals the rule prints. */
        double lowerWeight() { return sixDecimals(1 - weight); }
    }

    /** Weights printed into a rule, and used by the simulation as printed: six decimals. */
    private static double sixDecimals(double v) { return Math.round(v * 1e6) / 1e6; }

    /** The cut of a latency objective of {@code thresholdSeconds} on a histogram of {@code bounds} (ascending). */
    public static LatencyCut latencyCut(double thresholdSeconds, double[] bounds) {
        double lower = 0;
        for (double b : bounds) {
            if (Math.abs(b - thresholdSeconds) <= 1e-12) return new LatencyCut(b, b, 1);
            if (b > thresholdSeconds) return new LatencyCut(lower, b, sixDecimals((thresholdSeconds - lower) / (b - lower)));
            lower = b;
        }
        throw new IllegalArgumentException("latency objective " + thresholdSeconds + " s is above the histogram's largest bound "
                + bounds[bounds.length - 1] + " s; add a bucket at or above it");
    }

    /** The {@code groups:} document (a rule file, or the spec of a PrometheusRule) for {@code objectives}. */
    public static String render(List<SloObjective> objectives, List<BurnRateAlert> alerts, double[] latencyBounds, Duration interval) {
        Map<String, Object> recording = new LinkedHashMap<>();
        recording.put("name", "homeostat.slo.recording");
        recording.put("interval", BurnRateAlert.promDuration(interval));
        List<Object> records = new ArrayList<>();
        TreeSet<Duration> windows = new TreeSet<>(ENGINE_WINDOWS);
        for (BurnRateAlert a : alerts) {
            windows.add(a.longWindow());
            windows.add(a.shortWindow());
        }
        for (SloObjective o : objectives) {
            for (Duration w : windows) records.add(record(RATIO_PREFIX + BurnRateAlert.promDuration(w), ratio(o, w, latencyBounds), o));
            String labels = "{" + selector(o) + ", slo=\"" + o.label() + "\"}";
            for (Duration w : ENGINE_WINDOWS) {
                String window = BurnRateAlert.promDuration(w);
                records.add(record(BURN_PREFIX + "ratio_rate" + window, RATIO_PREFIX + window + labels + " / " + trim(o.budget()) + "\n", o));
            }
        }
        for (SloObjective o : objectives)
            for (BurnRateAlert a : alerts) if (a.pages()) records.add(pageBurn(o, a));
        // over both windows at once, for every objective: the lesser of the two burn rates
        records.add(record(BURN_MULTIWINDOW, "min by (namespace, service, slo) ({__name__=~\"" + BURN_PREFIX + "ratio_rate(1m|5m)\"})\n", null));
        recording.put("rules", records);

        Map<String, Object> alerting = new LinkedHashMap<>();
        alerting.put("name", "homeostat.slo.alerts");
        alerting.put("interval", BurnRateAlert.promDuration(interval));
        List<Object> rules = new ArrayList<>();
        for (SloObjective o : objectives) for (BurnRateAlert a : alerts) rules.add(alert(o, a));
        alerting.put("rules", rules);
        try {
            return YAML.writeValueAsString(Map.of("groups", List.of(recording, alerting)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the SLO rules", e);
        }
    }

    private static String selector(SloObjective o) {
        return "namespace=\"" + o.namespace() + "\", service=\"" + o.service() + "\"";
    }

    /** The bad-request share of {@code o} over {@code w}, by namespace and service. */
    static String ratio(SloObjective o, Duration w, double[] bounds) {
        String range = "[" + BurnRateAlert.promDuration(w) + "]";
        String by = "sum by (namespace, service) ";
        return switch (o.kind()) {
            case AVAILABILITY -> by + "(rate(http_requests_total{" + selector(o) + ", code=~\"5..\"}" + range + "))\n/\n"
                    + by + "(rate(http_requests_total{" + selector(o) + "}" + range + "))\n";
            case LATENCY -> "1 - (\n  " + atOrBelow(o, latencyCut(o.latencyThresholdSeconds(), bounds), by, range) + "\n  /\n  "
                    + by + "(rate(http_request_duration_seconds_count{" + selector(o) + "}" + range + "))\n)\n";
        };
    }

    /** The rate of requests at or below the objective's threshold: one bucket, or the cut between two. */
    private static String atOrBelow(SloObjective o, LatencyCut cut, String by, String range) {
        String upper = by + "(rate(http_request_duration_seconds_bucket{" + selector(o) + ", " + le(cut.upper()) + "}" + range + "))";
        if (cut.weight() == 1) return upper;
        String weighted = trim(cut.weight()) + " * " + upper;
        if (cut.lower() == 0) return "(" + weighted + ")";
        String lower = by + "(rate(http_request_duration_seconds_bucket{" + selector(o) + ", " + le(cut.lower()) + "}" + range + "))";
        return "(\n    " + trim(cut.lowerWeight()) + " * " + lower + "\n    + " + weighted + "\n  )";
    }

    /** {@link #PAGE_BURN} of one objective and page alert. */
    private static Map<String, Object> pageBurn(SloObjective o, BurnRateAlert a) {
        String windows = BurnRateAlert.promDuration(a.longWindow()) + "|" + BurnRateAlert.promDuration(a.shortWindow());
        String limit = String.format(Locale.ROOT, "(%s * %s)", trim(a.factor()), trim(o.budget()));
        Map<String, String> labels = objectiveLabels(o);
        labels.put("long_window", BurnRateAlert.promDuration(a.longWindow()));
        labels.put("short_window", BurnRateAlert.promDuration(a.shortWindow()));
        Map<String, Object> rule = record(PAGE_BURN, "min by (namespace, service, slo) ({__name__=~\"" + RATIO_PREFIX + "(" + windows
                + ")\", " + selector(o) + ", slo=\"" + o.label() + "\"})\n/ " + limit + "\n", null);
        rule.put("labels", labels);
        return rule;
    }

    /** The page alerts as a sentence: "14.4× over both 1h and 5m, or 6× over both 6h and 30m". */
    public static String pageAlertsDescribed(List<BurnRateAlert> alerts) {
        return String.join(", or ", alerts.stream().filter(BurnRateAlert::pages).map(a -> trim(a.factor()) + "× over both "
                + BurnRateAlert.promDuration(a.longWindow()) + " and " + BurnRateAlert.promDuration(a.shortWindow())).toList());
    }

    private static Map<String, Object> alert(SloObjective o, BurnRateAlert a) {
        String limit = String.format(Locale.ROOT, "%s * %s", trim(a.factor()), trim(o.budget()));
        String labels = "{" + selector(o) + ", slo=\"" + o.label() + "\"}";
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", ALERT);
        rule.put("expr", RATIO_PREFIX + BurnRateAlert.promDuration(a.longWindow()) + labels + " > (" + limit + ")\nand\n"
                + RATIO_PREFIX + BurnRateAlert.promDuration(a.shortWindow()) + labels + " > (" + limit + ")\n");
        if (!a.forDuration().isZero()) rule.put("for", BurnRateAlert.promDuration(a.forDuration()));
        Map<String, String> l = new LinkedHashMap<>();
        l.put("severity", a.severity());
        l.putAll(objectiveLabels(o));
        l.put("long_window", BurnRateAlert.promDuration(a.longWindow()));
        l.put("short_window", BurnRateAlert.promDuration(a.shortWindow()));
        rule.put("labels", l);
        rule.put("annotations", Collections.singletonMap("summary", o.service() + " burns its " + o.label() + " error budget " + trim(a.factor())
                + "x too fast over " + BurnRateAlert.promDuration(a.longWindow()) + " and " + BurnRateAlert.promDuration(a.shortWindow())));
        return rule;
    }

    /**
     * A recording rule, its keys in Prometheus' order; an objective's records carry its service's and its {@code slo}
     * labels, so the same record name over two objectives or two services is told apart by static labels (promtool's
     * duplicate-rule lint; the values are the ones the expression's {@code sum by (namespace, service)} keeps).
     */
    private static Map<String, Object> record(String name, String expr, SloObjective o) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("record", name);
        rule.put("expr", expr);
        if (o != null) rule.put("labels", objectiveLabels(o));
        return rule;
    }

    /** The static labels an objective's records and alerts carry: its service, and which objective. */
    private static Map<String, String> objectiveLabels(SloObjective o) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("namespace", o.namespace());
        l.put("service", o.service());
        l.put("slo", o.label());
        return l;
    }

    /**
     * The {@code le} matcher of a bucket bound. Client libraries print whole bounds differently (Go {@code "1"}, Java
     * {@code "1.0"}), so a whole bound matches both.
     */
    static String le(double bound) {
        String text = trim(bound);
        return bound == Math.rint(bound) ? "le=~\"" + text + "(\\\\.0)?\"" : "le=\"" + text + "\"";
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
