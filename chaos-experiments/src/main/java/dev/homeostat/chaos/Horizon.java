package dev.homeostat.chaos;

import java.time.Duration;

/**
 * How far a Schedule's firings are expanded into faults. A Schedule fires until it is deleted, so only a caller that
 * knows how long the run lasts can expand all of them; a check without a run length, or a live run that watches the
 * first firing and deletes the Schedule, needs only the first.
 */
public sealed interface Horizon {
    /** Every firing up to {@code end}, an offset from the start of the run (the run's length). */
    record Until(Duration end) implements Horizon {
        public Until {
            if (end == null || end.isNegative()) throw new IllegalArgumentException("horizon: must be >= 0 (the run's length), was " + end);
        }
    }

    /** The first firing of each Schedule only: the embedded experiment is translated and checked once, nothing is capped. */
    record FirstFiring() implements Horizon { }

    static Horizon until(Duration end) { return new Until(end); }

    static Horizon firstFiring() { return new FirstFiring(); }
}
