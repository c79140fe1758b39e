package dev.homeostat.testbed.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * One training example: the features of {@code pod}'s last {@code length} samples up to
 * {@code endMillis} in run ({@code scenario}, {@code seed}), and the fault kind that covered the
 * pod then ({@code normal} when none did).
 */
public record LabelledWindow(String scenario, long seed, String pod, long endMillis, int length, String label, double[] features) {
    public LabelledWindow {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(label, "label");
        features = features.clone();
    }

    @Override public double[] features() { return features.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof LabelledWindow w && seed == w.seed && endMillis == w.endMillis && length == w.length
                && scenario.equals(w.scenario) && pod.equals(w.pod) && label.equals(w.label) && Arrays.equals(features, w.features);
    }

    @Override public int hashCode() {
        return Objects.hash(scenario, seed, pod, endMillis, length, label) * 31 + Arrays.hashCode(features);
    }

    @Override public String toString() {
        return "LabelledWindow[" + scenario + ", seed " + seed + ", " + pod + " @" + endMillis + " (" + length + "): " + label + " "
                + Arrays.toString(features) + "]";
    }
}
