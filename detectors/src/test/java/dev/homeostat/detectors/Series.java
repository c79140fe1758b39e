package dev.homeostat.detectors;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test series and a driver that feeds them to a detector. */
final class Series {
    private Series() { }

    /** Gaussian noise around {@code level} with standard deviation {@code sd}, from a seeded stream. */
    static double[] noise(long seed, int n, double level, double sd) {
        var r = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = level + sd * gaussian(r);
        return out;
    }

    static double gaussian(SplittableRandom r) {
        // Box–Muller; 1 - nextDouble() is in (0, 1], so the log is finite
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static List<Verdict> run(Detector d, double[] xs) {
        List<Verdict> out = new ArrayList<>(xs.length);
        for (int i = 0; i < xs.length; i++) out.add(d.observe(i * 15_000L, new double[] {xs[i]}));
        return out;
    }

    static List<Verdict> runRows(Detector d, double[][] rows) {
        List<Verdict> out = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) out.add(d.observe(i * 15_000L, rows[i]));
        return out;
    }

    static Detector create(String spec, long seed) { return DetectorRegistry.create(DetectorSpec.parse(spec), seed); }
}
