package dev.homeostat.detectors;

/**
 * A detector's judgement of one observation: a finite {@code score} (higher = more anomalous), the
 * {@code threshold} it is compared with, whether it is {@code anomalous} (the alarm the engine acts
 * on), a human-readable {@code explanation} when it is, and an {@code anomalyScore} in [0, 1]: the
 * same judgement on a fixed scale, as NAB's per-row anomaly score, for threshold sweeps and for
 * combining detectors whose scores have different units. Within one detector a higher
 * {@code anomalyScore} never means less anomalous.
 */
public record Verdict(double score, double threshold, boolean anomalous, String explanation, double anomalyScore) {
    public Verdict {
        if (!(anomalyScore >= 0 && anomalyScore <= 1)) {
            throw new IllegalArgumentException("verdict: anomalyScore must be in [0, 1], got " + anomalyScore);
        }
    }

    /** A verdict whose anomaly score is {@link #scale(double, double, boolean) derived} from score and threshold. */
    public Verdict(double score, double threshold, boolean anomalous, String explanation) {
        this(score, threshold, anomalous, explanation, scale(score, threshold, anomalous));
    }

    public static Verdict normal(double score, double threshold) { return new Verdict(score, threshold, false, ""); }

    /**
     * score / (score + threshold) for a positive threshold, so 0.5 is the detector's own threshold and
     * the order of scores is kept (no saturation short of overflow); a detector without a positive
     * threshold (a static bound, whose score is the excess in the signal's units) maps its alarm to 1
     * and anything else to 0.
     */
    public static double scale(double score, double threshold, boolean anomalous) {
        if (!(threshold > 0) || !Double.isFinite(threshold)) return anomalous ? 1 : 0;
        if (!(score > 0)) return 0;
        return 1 / (1 + threshold / score); // = score / (score + threshold), without overflowing the sum
    }
}
