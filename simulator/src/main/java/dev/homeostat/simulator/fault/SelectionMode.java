package dev.homeostat.simulator.fault;

/**
 * How many of the matching pods a fault hits, as Chaos Mesh's {@code mode}/{@code value}:
 * one, all, fixed (value = count), fixed-percent (value = percent), random-max-percent
 * (a random percent in [0, value]). Choice among matching pods uses the run's random stream.
 */
public record SelectionMode(Kind kind, int value) {
    public enum Kind { ONE, ALL, FIXED, FIXED_PERCENT, RANDOM_MAX_PERCENT }

    public SelectionMode {
        if (kind == null) throw new IllegalArgumentException("mode: required (one, all, fixed, fixed-percent, random-max-percent)");
        switch (kind) {
            case ONE, ALL -> { }
            case FIXED -> { if (value < 1) throw new IllegalArgumentException("value: mode fixed needs a pod count >= 1, was " + value); }
            case FIXED_PERCENT, RANDOM_MAX_PERCENT -> {
                if (value < 0 || value > 100) throw new IllegalArgumentException("value: mode " + kind + " needs a percent in [0, 100], was " + value);
            }
        }
    }

    public static SelectionMode all() { return new SelectionMode(Kind.ALL, 0); }
    public static SelectionMode one() { return new SelectionMode(Kind.ONE, 0); }

    /** How many of {@code matching} pods to hit; {@code randomPercent} is a draw in [0, 100] used by RANDOM_MAX_PERCENT. */
    public int count(int matching, int randomPercent) {
        return switch (kind) {
            case ONE -> Math.min(1, matching);
            case ALL -> matching;
            case FIXED -> Math.min(value, matching);
            case FIXED_PERCENT -> (int) Math.floor(matching * value / 100.0);
            case RANDOM_MAX_PERCENT -> (int) Math.floor(matching * Math.min(randomPercent, value) / 100.0);
        };
    }
}
