package dev.homeostat.testbed.compare;

import dev.homeostat.reports.ScenarioReport;
import java.util.Locale;
import java.util.function.Function;

/**
 * The metrics {@code homeostat compare} judges, each with its report.json field (also its key in
 * {@code confidence95}), which direction is better, and how it prints.
 */
public enum Metric {
    F1("f1", true, Unit.RATIO, ScenarioReport::f1),
    PRECISION("precision", true, Unit.RATIO, ScenarioReport::precision),
    RECALL("recall", true, Unit.RATIO, ScenarioReport::recall),
    MTTD("mttdSeconds", false, Unit.SECONDS, ScenarioReport::mttdSeconds),
    MTTR("mttrSeconds", false, Unit.SECONDS, ScenarioReport::mttrSeconds),
    DOWNTIME_REDUCTION("downtimeReduction", true, Unit.RATIO, ScenarioReport::downtimeReduction),
    NEEDLESS_ACTIONS("needlessActions", false, Unit.COUNT, ScenarioReport::needlessActions),
    /** Pages with the engine on (sent by it, plus the SLO alerts' that still fired): on-call load. */
    PAGES("pagesEngine", false, Unit.COUNT, ScenarioReport::pagesEngine);

    /** How a value prints: ratios with 3 decimals, durations in seconds, counts with 2 decimals (means over seeds). */
    public enum Unit { RATIO, SECONDS, COUNT }

    private final String field;
    private final boolean higherIsBetter;
    private final Unit unit;
    private final Function<ScenarioReport, Double> value;

    Metric(String field, boolean higherIsBetter, Unit unit, Function<ScenarioReport, Double> value) {
        this.field = field;
        this.higherIsBetter = higherIsBetter;
        this.unit = unit;
        this.value = value;
    }

    /** The report.json field, e.g. {@code downtimeReduction}. */
    public String field() { return field; }

    public boolean higherIsBetter() { return higherIsBetter; }

    public Unit unit() { return unit; }

    /** The mean over seeds in {@code report}; null when undefined on every seed. */
    public Double valueIn(ScenarioReport report) { return value.apply(report); }

    /** How much worse {@code next} is than {@code base}: positive = worse, negative = better. */
    public double badness(double base, double next) {
        return higherIsBetter ? base - next : next - base;
    }

    /** A value as the tables print it; {@code n/a} for null. */
    public String format(Double v) {
        if (v == null) return "n/a";
        return switch (unit) {
            case RATIO -> String.format(Locale.ROOT, "%.3f", v);
            case SECONDS -> String.format(Locale.ROOT, "%.1fs", v);
            case COUNT -> String.format(Locale.ROOT, "%.2f", v);
        };
    }

    /** A signed difference as the tables print it. */
    public String formatDelta(Double d) {
        if (d == null) return "n/a";
        return switch (unit) {
            case RATIO -> String.format(Locale.ROOT, "%+.3f", d);
            case SECONDS -> String.format(Locale.ROOT, "%+.1fs", d);
            case COUNT -> String.format(Locale.ROOT, "%+.2f", d);
        };
    }
}
