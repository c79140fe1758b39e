package dev.homeostat.testbed.compare;

/**
 * How much worse each metric may get before {@code homeostat compare} calls it a regression. Ratios
 * in absolute points (0.05 = five percentage points), durations in seconds, counts as means over seeds.
 * A change exactly at the threshold passes.
 *
 * @param alpha               significance level: p-values below it are marked {@code *}
 * @param requireSignificance when true, a change beyond its threshold is a regression only if
 *                            p &lt; alpha (or p is unknown); by default significance is not required
 */
public record Thresholds(double maxF1Drop, double maxPrecisionDrop, double maxRecallDrop, double maxMttdIncreaseSeconds,
                         double maxMttrIncreaseSeconds, double maxDowntimeReductionDrop, double maxNeedlessIncrease,
                         double maxPagesIncrease, double alpha, boolean requireSignificance) {
    /** The defaults of the command line. */
    public static final Thresholds DEFAULTS = new Thresholds(0.05, 0.05, 0.05, 30, 60, 0.05, 0, 0, 0.05, false);

    public Thresholds {
        check("--max-f1-drop", maxF1Drop);
        check("--max-precision-drop", maxPrecisionDrop);
        check("--max-recall-drop", maxRecallDrop);
        check("--max-mttd-increase", maxMttdIncreaseSeconds);
        check("--max-mttr-increase", maxMttrIncreaseSeconds);
        check("--max-downtime-reduction-drop", maxDowntimeReductionDrop);
        check("--max-needless-increase", maxNeedlessIncrease);
        check("--max-pages-increase", maxPagesIncrease);
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("--alpha: must be in (0, 1), e.g. 0.05; was " + alpha);
    }

    private static void check(String flag, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(flag + ": must be a finite number >= 0; was " + value);
        }
    }

    /** The threshold of {@code metric}, in its unit. */
    public double limit(Metric metric) {
        return switch (metric) {
            case F1 -> maxF1Drop;
            case PRECISION -> maxPrecisionDrop;
            case RECALL -> maxRecallDrop;
            case MTTD -> maxMttdIncreaseSeconds;
            case MTTR -> maxMttrIncreaseSeconds;
            case DOWNTIME_REDUCTION -> maxDowntimeReductionDrop;
            case NEEDLESS_ACTIONS -> maxNeedlessIncrease;
            case PAGES -> maxPagesIncrease;
        };
    }

    /** The command-line flag that sets the threshold of {@code metric} (named in regression messages). */
    public static String flag(Metric metric) {
        return switch (metric) {
            case F1 -> "--max-f1-drop";
            case PRECISION -> "--max-precision-drop";
            case RECALL -> "--max-recall-drop";
            case MTTD -> "--max-mttd-increase";
            case MTTR -> "--max-mttr-increase";
            case DOWNTIME_REDUCTION -> "--max-downtime-reduction-drop";
            case NEEDLESS_ACTIONS -> "--max-needless-increase";
            case PAGES -> "--max-pages-increase";
        };
    }
}
