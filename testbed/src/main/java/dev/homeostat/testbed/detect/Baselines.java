package dev.homeostat.testbed.detect;

import dev.homeostat.detectors.Verdict;
import java.util.List;
import java.util.SplittableRandom;

/** The two reference rows of every table: a coin that alarms on 1% of points, and a detector that always alarms. */
public final class Baselines {
    /** Chance that the {@code random} baseline alarms on a point. */
    public static final double RANDOM_P = 0.01;

    private Baselines() { }

    /** Alarms on each point with probability {@code p}, drawn from a SplittableRandom seeded per series. */
    public static Candidate random(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("random baseline: p must be in [0, 1], was " + p);
        return new Candidate(p == RANDOM_P ? "random" : "random:p=" + p, (series, seed) -> {
            var rng = new SplittableRandom(seed);
            return (time, values) -> {
                double u = rng.nextDouble();
                boolean alarm = u < p;
                return new Verdict(1 - u, 1 - p, alarm, alarm ? "random alarm (p=" + p + ")" : "");
            };
        });
    }

    /** Every point is an alarm: perfect recall, and the floor of precision. */
    public static Candidate always() {
        return new Candidate("always", (series, seed) -> (time, values) -> new Verdict(1, 0, true, "always alarms"));
    }

    /** {@code random} (p = 0.01) and {@code always}, in table order. */
    public static List<Candidate> all() { return List.of(random(RANDOM_P), always()); }
}
