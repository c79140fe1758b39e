package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * IOChaos fault: {@code percent} of the file operations under {@code volumePath} fail with {@code errno};
 * one file operation per request is assumed, so that share of requests errors (500).
 */
public record IoError(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        int errno, int percent, String volumePath) implements PodFault {
    public IoError {
        Faults.check(name, start, duration, selector, mode);
        if (errno <= 0) throw new IllegalArgumentException("errno: must be a positive error number, e.g. 5 (EIO), was " + errno);
        Faults.percent("percent", percent);
    }

    @Override public String kind() { return "IOChaos/fault"; }
}
