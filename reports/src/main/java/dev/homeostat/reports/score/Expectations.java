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
                           Double minDowntimeReduction, Integer maxNeedlessActions, Integer maxEscalations) {
    public static final Expectations NONE = new Expectations(null, null, null, null, null, null, null, null);

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
        requireNonNegative("maxEscalations", maxEscalations);
    }

    /** One line per failed expectation, e.g. {@code f1 0.62 < minF1 0.80}; empty when all hold. */
    public List<String> check(ScenarioResult result) {
        Objects.requireNonNull(result, "result");
        List<String> failed = new ArrayList<>();
        atLeast(failed, "f1", result.f1().mean(), "minF1", minF1, "no scored incident");
        atLeast(failed, "precision", result.precision().mean(), "minPrecision", minPrecision, "no alert event");
        atLeast(failed, "recall", result.recall().mean(), "minRecall", minRecall, "no scored incident");
        if (maxMttd != null) {
            Double mttd = result.mttdSeconds().mean();
            double bound = seconds(maxMttd);
            if (mttd == null) {
                failed.add("mttd undefined (no incident detected), expected maxMttd " + formatSeconds(bound));
            } else if (mttd > bound) {
                failed.add("mttd " + formatSeconds(mttd) + " > maxMttd " + formatSeconds(bound));
            }
        }
        if (maxMttr != null) {
            Double mttr = result.mttrSeconds().mean();
            double bound = seconds(maxMttr);
            if (mttr != null && mttr > bound) {
                failed.add("mttr " + formatSeconds(mttr) + " > maxMttr " + formatSeconds(bound));
            }
        }
        atLeast(failed, "downtimeReduction", result.downtimeReduction().mean(), "minDowntimeReduction",
                minDowntimeReduction, "baseline had no downtime but the engine run had some");
        atMost(failed, "needlessActions", result.needlessActions().mean(), "maxNeedlessActions", maxNeedlessActions);
        atMost(failed, "escalations", result.escalationsEngine().mean(), "maxEscalations", maxEscalations);
        return List.copyOf(failed);
    }

    private static void atLeast(List<String> failed, String metric, Double value, String bound, Double min,
                                String whyUndefined) {
        if (min == null) {
            return;
        }
        if (value == null) {
            failed.add(metric + " undefined (" + whyUndefined + "), expected " + bound + " " + ratio(min, min));
        } else if (value < min) {
            failed.add(metric + " " + ratio(value, min) + " < " + bound + " " + ratio(min, value));
        }
    }

    private static void atMost(List<String> failed, String metric, Double value, String bound, Integer max) {
        if (max != null && value != null && value > max) {
            failed.add(metric + " " + count(value) + " > " + bound + " " + max);
        }
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
