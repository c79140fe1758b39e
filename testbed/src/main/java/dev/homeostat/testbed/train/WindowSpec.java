package dev.homeostat.testbed.train;

/**
 * How pod series are cut into windows: {@code length} consecutive scrape samples (8 = 2 min at the
 * default 15 s scrape), one window every {@code step} samples. The classifier detector keeps the
 * same number of observations, so length is stored in every window row and in the model.
 */
public record WindowSpec(int length, int step) {
    public static final WindowSpec DEFAULT = new WindowSpec(8, 2);

    public WindowSpec {
        if (length < 2) throw new IllegalArgumentException("--window: a window needs at least 2 samples, was " + length + " (e.g. --window 8)");
        if (step < 1) throw new IllegalArgumentException("--step: must be at least 1 sample, was " + step + " (e.g. --step 2)");
    }
}
