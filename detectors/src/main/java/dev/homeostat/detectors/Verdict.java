package dev.homeostat.detectors;

/**
 * A detector's judgement of one observation: a finite {@code score} (higher = more anomalous),
 * the {@code threshold} it is compared with, and a human-readable {@code explanation}
 * (which signal, how far from normal) when {@code anomalous}.
 */
public record Verdict(double score, double threshold, boolean anomalous, String explanation) {
    public static Verdict normal(double score, double threshold) { return new Verdict(score, threshold, false, ""); }
}
