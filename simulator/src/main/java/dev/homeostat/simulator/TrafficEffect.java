package dev.homeostat.simulator;

import java.util.SplittableRandom;

/**
 * What a network, HTTP, IO, time or DNS fault does to the requests a pod serves, folded into the
 * fluid model each traffic step (see README "Traffic effects"). A pod holds the effects of its
 * active faults; the end of a fault removes its effects.
 */
sealed interface TrafficEffect {
    /**
     * Every answered request takes {@code seconds} longer, plus {@code jitterSeconds}·N(0,1) drawn per step (clamped at 0).
     * {@code network}: a delay of every packet the pod sends (NetworkChaos), which its answers to its peers take too
     * ({@link PeerRound}); an HTTP or application delay holds only the requests it serves.
     */
    record Delay(double seconds, double jitterSeconds, SplittableRandom jitter, boolean network) implements TrafficEffect {
        double draw() {
            return jitterSeconds <= 0 ? seconds : Math.max(0, seconds + jitterSeconds * jitter.nextGaussian());
        }
    }

    /**
     * {@code share} of the requests fail before reaching the server: as timeouts (504) or at once (500). {@code network}:
     * packets lost or corrupted on the pod's interface (NetworkChaos), its answers to its peers too ({@link PeerRound}).
     */
    record Errors(double share, boolean timeout, boolean network) implements TrafficEffect {
        /** Failures of what the pod serves only (HTTP, IO, DNS, the application). */
        Errors(double share, boolean timeout) { this(share, timeout, false); }
    }

    /** {@code share} of the requests arrive twice: the server does the work twice, the client sees one answer. */
    record Duplicate(double share) implements TrafficEffect { }

    /** Nothing reaches the pod, nothing comes back: every request times out (504). */
    record BlackHole() implements TrafficEffect { }

    /** A token bucket: {@code bytesPerSecond}, a queue of {@code limitBytes}, {@code bytesPerRequest} per request. */
    record Bandwidth(double bytesPerSecond, double limitBytes, double bytesPerRequest) implements TrafficEffect { }

    /**
     * A slow file operation in {@code share} of the requests: they wait {@code seconds} more (the tail: a
     * latency component shifted by it) and the mean service time grows by seconds × share (workers held).
     */
    record SlowIo(double seconds, double share) implements TrafficEffect { }
}
