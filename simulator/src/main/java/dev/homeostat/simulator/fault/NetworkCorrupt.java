package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos corrupt: {@code percent} of the selected pods' requests are corrupted and answered with an error (500).
 */
public record NetworkCorrupt(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        double percent) implements PodFault {
    public NetworkCorrupt {
        Faults.check(name, start, duration, selector, mode);
        Faults.percent("corrupt", percent);
    }

    @Override public String kind() { return "NetworkChaos/corrupt"; }
}
