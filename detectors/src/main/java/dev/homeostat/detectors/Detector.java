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
}
