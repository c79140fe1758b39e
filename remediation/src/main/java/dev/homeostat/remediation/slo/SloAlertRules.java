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
 * objective is judged at a histogram bucket bound: its threshold when it is one, else the next bound above (bad
 * requests are then those slower than that bound, which the rule's comment says).
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
    /** The alert's name; labels {@code slo}, {@code namespace}, {@code service}, {@code severity}, windows. */
    public static final String ALERT = "SLOErrorBudgetBurn";

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    private SloAlertRules() { }

    /** The bucket bound a latency objective is judged at: its threshold if it is a bound, else the next one above. */
    public static double bucketBound(double thresholdSeconds, double[] bounds) {
        for (double b : bounds) if (b >= thresholdSeconds - 1e-12) return b;
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
            case LATENCY -> "1 - (\n  " + by + "(rate(http_request_duration_seconds_bucket{" + selector(o) + ", "
                    + le(bucketBound(o.latencyThresholdSeconds(), bounds)) + "}" + range + "))\n  /\n  "
                    + by + "(rate(http_request_duration_seconds_count{" + selector(o) + "}" + range + "))\n)\n";
        };
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
        l.put("slo", o.label());
        l.put("long_window", BurnRateAlert.promDuration(a.longWindow()));
        l.put("short_window", BurnRateAlert.promDuration(a.shortWindow()));
        rule.put("labels", l);
        rule.put("annotations", Collections.singletonMap("summary", o.service() + " burns its " + o.label() + " error budget " + trim(a.factor())
                + "x too fast over " + BurnRateAlert.promDuration(a.longWindow()) + " and " + BurnRateAlert.promDuration(a.shortWindow())));
        return rule;
    }

    /**
     * A recording rule, its keys in Prometheus' order; an objective's records carry its {@code slo} label, so the
     * same record name over two objectives is told apart by a static label (promtool's duplicate-rule lint).
     */
    private static Map<String, Object> record(String name, String expr, SloObjective o) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("record", name);
        rule.put("expr", expr);
        if (o != null) rule.put("labels", Collections.singletonMap("slo", o.label()));
        return rule;
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
