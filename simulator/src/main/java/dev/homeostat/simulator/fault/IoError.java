package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * IOChaos fault: {@code percent} of the file operations under {@code volumePath} fail with {@code errno};
 * one file operation per request is assumed, so that share of requests errors (500). {@code action} is the IOChaos
 * action that makes them fail: {@code fault} (an errno), {@code attrOverride} (attributes that deny the operation),
 * {@code mistake} (contents the application rejects).
 */
public record IoError(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        int errno, int percent, String volumePath, String action) implements PodFault {
    public IoError {
        Faults.check(name, start, duration, selector, mode);
        // errno 0: an attribute override no simulated request reads (times, size, owner ids …): no simulated effect
        if (errno < 0 || errno == 0 && !"attrOverride".equals(action))
            throw new IllegalArgumentException("errno: must be a positive error number, e.g. 5 (EIO), was " + errno);
        Faults.percent("percent", percent);
        if (!java.util.List.of("fault", "attrOverride", "mistake").contains(action))
            throw new IllegalArgumentException("action: one of fault, attrOverride, mistake, was " + action);
    }

    /** IOChaos action {@code fault}. */
    public IoError(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, int errno, int percent,
                   String volumePath) {
        this(name, start, duration, selector, mode, errno, percent, volumePath, "fault");
    }

    @Override public String kind() { return "IOChaos/" + action; }
}
