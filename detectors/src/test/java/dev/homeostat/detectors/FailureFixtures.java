package dev.homeostat.detectors;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic pod observations of three behaviours, and a small model trained on them. */
final class FailureFixtures {
    private FailureFixtures() { }

    static final int WINDOW = 6;

    /** One raw observation at step {@code i} of a pod in {@code mode}. */
    static double[] observation(String mode, int i, SplittableRandom r) {
        double memory = 0.4 + 0.01 * r.nextGaussian() + (mode.equals("app/memory-leak") ? 0.02 * i : 0);
        double cpu = (mode.equals("StressChaos/cpu") ? 1.2 : 0.2) + 0.02 * r.nextGaussian();
        double latency = (mode.equals("StressChaos/cpu") ? 0.08 : 0.025) * (1 + 0.05 * r.nextGaussian());
        return new double[] {memory, cpu, 0.001 * r.nextDouble(), latency, 0, 1};
    }

    static final List<String> MODES = List.of("normal", "app/memory-leak", "StressChaos/cpu");

    static FailureModel model(long seed, int trees) {
        var r = new SplittableRandom(42);
        List<double[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            for (String mode : MODES) {
                double[][] rows = new double[WINDOW][];
                int offset = r.nextInt(20);
                for (int i = 0; i < WINDOW; i++) rows[i] = observation(mode, offset + i, r);
                x.add(FailureFeatures.of(rows));
                y.add(mode);
            }
        }
        return FailureModel.train(FailureFeatures.NAMES, x.toArray(double[][]::new), y, WINDOW, trees, seed, java.util.Map.of("source", "fixtures"));
    }
}
