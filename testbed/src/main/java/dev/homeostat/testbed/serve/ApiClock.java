package dev.homeostat.testbed.serve;

import java.time.Instant;

/**
 * Where the simulation's time line lies on the clock of whoever reads the mirrored API. {@code sim serve} paces virtual
 * millisecond t to {@code epochMillisAtZero + t / speed} of wall time, and a live engine reading a pod's times subtracts
 * them from its own wall clock (as it does the API server's creationTimestamps): so the mirror writes them there.
 */
record ApiClock(long epochMillisAtZero, double speed) {
    /**
     * The simulation's own time line, virtual millisecond t at t ms after the epoch (as {@link WorkflowNodeMirror} writes
     * its times): a reader sees the simulation's times unchanged.
     */
    static final ApiClock SIMULATION = new ApiClock(0, 1);

    ApiClock {
        if (!(speed > 0)) throw new IllegalArgumentException("speed: must be positive, was " + speed);
    }

    /** Virtual millisecond {@code simMillis} as an RFC 3339 timestamp (milliseconds kept: the engine compares them to its ticks). */
    String timestamp(long simMillis) {
        return Instant.ofEpochMilli(epochMillisAtZero + Math.round(simMillis / speed)).toString();
    }
}
