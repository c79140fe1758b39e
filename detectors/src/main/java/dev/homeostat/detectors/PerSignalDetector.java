package dev.homeostat.detectors;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Runs one {@link UnivariateScorer} per signal index (created when the index first appears).
 * The verdict's score and anomaly score are the highest of the signals'; when any signal is anomalous the explanation
 * is the most anomalous signal's, prefixed by its index when there is more than one signal.
 */
final class PerSignalDetector implements Detector {
    private final Supplier<UnivariateScorer> newScorer;
    private final double threshold;
    private UnivariateScorer[] scorers = new UnivariateScorer[0];

    PerSignalDetector(Supplier<UnivariateScorer> newScorer, double threshold) {
        this.newScorer = newScorer;
        this.threshold = threshold;
    }

    @Override
    public Verdict observe(long timeMillis, double[] values) {
        if (values == null || values.length == 0) return Verdict.normal(0, threshold);
        if (values.length > scorers.length) {
            int old = scorers.length;
            scorers = Arrays.copyOf(scorers, values.length);
            for (int i = old; i < scorers.length; i++) scorers[i] = newScorer.get();
        }
        double maxScore = 0;
        double maxAnomaly = 0;
        int worst = -1;
        Verdict worstVerdict = null;
        String reason = null;      // the first normal verdict's explanation (normally none)
        int reasonAt = -1;
        for (int i = 0; i < values.length; i++) {
            Verdict v = scorers[i].observe(values[i]);
            if (reason == null && !v.anomalous() && !v.explanation().isEmpty()) {
                reason = v.explanation();
                reasonAt = i;
            }
            maxScore = Math.max(maxScore, v.score());
            maxAnomaly = Math.max(maxAnomaly, v.anomalyScore());
            if (v.anomalous() && (worstVerdict == null || v.score() > worstVerdict.score())) {
                worst = i;
                worstVerdict = v;
            }
        }
        if (worstVerdict == null) {
            // a normal verdict may still say why (a model that could not be fitted judges normal): keep the first reason
            String why = reason == null ? "" : scorers.length > 1 ? "signal " + reasonAt + ": " + reason : reason;
            return new Verdict(maxScore, threshold, false, why, maxAnomaly);
        }
        String why = scorers.length > 1 ? "signal " + worst + ": " + worstVerdict.explanation() : worstVerdict.explanation();
        return new Verdict(maxScore, threshold, true, why, maxAnomaly);
    }

    /** One signal's scorer's band: a normal verdict of every scorer is a normal verdict with no explanation here. */
    @Override
    public QuietBand quietBand() {
        return scorers.length == 1 ? scorers[0].quietBand() : QuietBand.NONE;
    }
}
