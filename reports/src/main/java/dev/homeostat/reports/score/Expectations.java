package dev.homeostat.reports.score;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Thresholds a scenario must meet, each optional (null = not checked). {@link #check} compares the mean
 * over seeds. A bound on a metric that is undefined fails (e.g. minPrecision when the engine raised no alert,
 * maxMttd when nothing was detected), except maxMttr: no incident with impact means nothing to restore.
 */
public record Expectations(Double minF1, Double minPrecision, Double minRecall, Duration maxMttd, Duration maxMttr,
                           Double minDowntimeReduction, Integer maxNeedlessActions, Integer maxPages,
                           Double minPageReduction, Double maxFalseAlarmsPerDay) {
    public static final Expectations NONE = new Expectations(null, null, null, null, null, null, null, null, null, null);

    public Expectations {
        requireRatio("minF1", minF1);
        requireRatio("minPrecision", minPrecision);
        requireRatio("minRecall", minRecall);
        requireNonNegative("maxMttd", maxMttd);
        requireNonNegative("maxMttr", maxMttr);
        if (minDowntimeReduction != null && !(minDowntimeReduction <= 1)) {
            throw new IllegalArgumentException("minDowntimeReduction must be <= 1 (got " + minDowntimeReduction
                    + "); 0.5 means the engine halves the baseline's downtime");
        }
        requireNonNegative("maxNeedlessActions", maxNeedlessActions);
        requireNonNegative("maxPages", maxPages);
        if (minPageReduction != null && !(minPageReduction <= 1)) {
            throw new IllegalArgumentException("minPageReduction must be <= 1 (got " + minPageReduction
                    + "); 0.7 means 70 % fewer pages than the baseline's SLO alerts send");
        }
        if (maxFalseAlarmsPerDay != null && !(maxFalseAlarmsPerDay >= 0)) {
            throw new IllegalArgumentException("maxFalseAlarmsPerDay must be >= 0 (got " + maxFalseAlarmsPerDay + ")");
        }
    }

    /** No bound is set: the scenario is reported as "no expectations", never as a pass. */
    public boolean isEmpty() {
        return this.equals(NONE);
    }

    /** One line per failed expectation, e.g. {@code f1 0.62 < minF1 0.80}; empty when all hold. */
    public List<String> check(ScenarioResult result) {
        return evaluate(result).stream().filter(c -> !c.passed()).map(ExpectationCheck::failure).toList();
    }

    /**
     * Every bound that is set, in declaration order, with its verdict: {@code name} is the bound as configured
     * ({@code minF1 0.5}), {@code failure} the line {@link #check} would report, null when it held.
     */
    public List<ExpectationCheck> evaluate(ScenarioResult result) {
        Objects.requireNonNull(result, "result");
        List<ExpectationCheck> checks = new ArrayList<>();
        atLeast(checks, "f1", result.f1().mean(), "minF1", minF1, "no scored incident");
        atLeast(checks, "precision", result.precision().mean(), "minPrecision", minPrecision, "no scored incident or no alert event");
        atLeast(checks, "recall", result.recall().mean(), "minRecall", minRecall, "no scored incident");
        if (maxMttd != null) {
            Double mttd = result.mttdSeconds().mean();
            double bound = seconds(maxMttd);
            String failure = null;
            if (mttd == null) {
                failure = "mttd undefined (no incident detected), expected maxMttd " + formatSeconds(bound);
            } else if (mttd > bound) {
                failure = "mttd " + formatSeconds(mttd) + " > maxMttd " + formatSeconds(bound);
            }
            checks.add(new ExpectationCheck("maxMttd " + formatSeconds(bound), failure));
        }
        if (maxMttr != null) {
            Double mttr = result.mttrSeconds().mean();
            double bound = seconds(maxMttr);
            String failure = mttr != null && mttr > bound
                    ? "mttr " + formatSeconds(mttr) + " > maxMttr " + formatSeconds(bound) : null;
            checks.add(new ExpectationCheck("maxMttr " + formatSeconds(bound), failure));
        }
        atLeast(checks, "downtimeReduction", result.downtimeReduction().mean(), "minDowntimeReduction",
                minDowntimeReduction, "the baseline had no downtime");
        atMost(checks, "needlessActions", result.needlessActions().mean(), "maxNeedlessActions", maxNeedlessActions);
        atMost(checks, "pages", result.pagesEngine().mean(), "maxPages", maxPages);
        atLeast(checks, "pageReduction", result.pageReduction().mean(), "minPageReduction", minPageReduction,
                "the baseline's SLO alerts paged nobody");
        if (maxFalseAlarmsPerDay != null) {
            Double value = result.falseAlarmsPerDay().mean();
            String failure = value != null && value > maxFalseAlarmsPerDay
                    ? "falseAlarmsPerDay " + String.format(Locale.ROOT, "%.2f", value) + " > maxFalseAlarmsPerDay " + plain(maxFalseAlarmsPerDay) : null;
            checks.add(new ExpectationCheck("maxFalseAlarmsPerDay " + plain(maxFalseAlarmsPerDay), failure));
        }
        return List.copyOf(checks);
    }

    private static void atLeast(List<ExpectationCheck> checks, String metric, Double value, String bound, Double min,
                                String whyUndefined) {
        if (min == null) {
            return;
        }
        String failure = null;
        if (value == null) {
            failure = metric + " undefined (" + whyUndefined + "), expected " + bound + " " + ratio(min, min);
        } else if (value < min) {
            failure = metric + " " + ratio(value, min) + " < " + bound + " " + ratio(min, value);
        }
        checks.add(new ExpectationCheck(bound + " " + plain(min), failure));
    }

    private static void atMost(List<ExpectationCheck> checks, String metric, Double value, String bound, Integer max) {
        if (max == null) {
            return;
        }
        String failure = value != null && value > max ? metric + " " + count(value) + " > " + bound + " " + max : null;
        checks.add(new ExpectationCheck(bound + " " + max, failure));
    }

    /** A configured bound as written in the scenario: 0.5, 1, 0.75 (no trailing zeros, no exponent). */
    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Two decimals, or four when two would print the value and the bound alike (0.795 vs 0.80). */
    private static String ratio(double value, double other) {
        String two = String.format(Locale.ROOT, "%.2f", value);
        return two.equals(String.format(Locale.ROOT, "%.2f", other)) && value != other
                ? String.format(Locale.ROOT, "%.4f", value) : two;
    }

    private static String count(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static String formatSeconds(double seconds) {
        String s = String.format(Locale.ROOT, "%.1f", seconds);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "s";
    }

    private static void requireRatio(String field, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1] (got " + value + "); e.g. 0.8");
        }
    }

    private static void requireNonNegative(String field, Duration value) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative (got " + value + "); e.g. PT2M");
        }
    }

    private static void requireNonNegative(String field, Integer value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0 (got " + value + ")");
        }
    }
}
