package dev.homeostat.detectors;

import java.util.Locale;

/** Which side of normal counts as anomalous: a latency spike is {@code up}, a throughput drop {@code down}. */
public enum Direction {
    BOTH, UP, DOWN;

    /** The deviation {@code value - center} folded by direction: the opposite side scores 0. */
    double fold(double deviation) {
        return switch (this) {
            case BOTH -> Math.abs(deviation);
            case UP -> Math.max(0, deviation);
            case DOWN -> Math.max(0, -deviation);
        };
    }

    String paramValue() { return name().toLowerCase(Locale.ROOT); }
}
