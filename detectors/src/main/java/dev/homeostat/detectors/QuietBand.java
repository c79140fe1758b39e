package dev.homeostat.detectors;

/**
 * The values a detector would judge normal, with no explanation, while staying exactly as it is: observing any of
 * them changes nothing, so a caller may skip those observations. A quiet series then costs its caller a comparison
 * per sample instead of a detector call. {@link #NONE} (NaN bounds) holds no value.
 */
public record QuietBand(double low, double high) {
    public static final QuietBand NONE = new QuietBand(Double.NaN, Double.NaN);

    /** Whether observing {@code value} alone would change nothing (false for NaN, and for every value of {@link #NONE}). */
    public boolean holds(double value) { return value >= low && value <= high; }
}
