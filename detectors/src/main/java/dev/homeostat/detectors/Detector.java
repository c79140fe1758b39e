package dev.homeostat.detectors;

/**
 * Scores a stream of observations of one target, one at a time, in time order. A detector keeps
 * its own state (windows, models) per target: make one per series with {@link DetectorRegistry}.
 * {@code values} holds one value per signal (length 1 for a univariate detector); NaN marks a
 * missing value and must never raise an exception or a non-finite score.
 */
@FunctionalInterface
public interface Detector {
    Verdict observe(long timeMillis, double[] values);

    /**
     * The values {@code v} for which {@code observe(t, new double[] {v})} now would return a normal verdict with no
     * explanation and leave this detector as it was, whatever {@code t}: a caller may skip such observations. Asked
     * again after each observation it makes; {@link QuietBand#NONE} (the default) when no value is sure to.
     */
    default QuietBand quietBand() { return QuietBand.NONE; }
}
