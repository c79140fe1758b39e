package dev.homeostat.simulator.fault;

import java.time.Duration;

/** StressChaos cpu stressor: {@code workers} workers each burn {@code load} percent of a core in the selected containers. */
public record CpuStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
                        int workers, int load) implements PodFault {
    public CpuStress {
        Faults.check(name, start, duration, selector, mode);
        if (workers < 1) throw new IllegalArgumentException("workers: must be >= 1, was " + workers);
        if (load < 0 || load > 100) throw new IllegalArgumentException("load: must be in [0, 100], was " + load);
    }
    @Override public String kind() { return "StressChaos/cpu"; }
}
