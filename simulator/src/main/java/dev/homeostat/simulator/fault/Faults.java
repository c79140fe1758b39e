package dev.homeostat.simulator.fault;

import java.time.Duration;

final class Faults {
    private Faults() { }

    static void check(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a fault needs a name");
        checkTimes(start, duration);
        if (selector == null) throw new IllegalArgumentException("selector: required");
        if (mode == null) throw new IllegalArgumentException("mode: required");
    }

    static void percent(String field, double percent) {
        if (!(percent >= 0 && percent <= 100)) throw new IllegalArgumentException(field + ": must be a percent in [0, 100], was " + percent);
    }

    static void checkTimes(Duration start, Duration duration) {
        if (start == null || start.isNegative()) throw new IllegalArgumentException("start: must be >= 0, was " + start);
        if (duration == null || duration.isNegative()) throw new IllegalArgumentException("duration: must be >= 0, was " + duration);
    }
}
