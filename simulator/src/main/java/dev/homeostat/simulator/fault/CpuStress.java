package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * StressChaos cpu stressor: {@code workers} workers each burn {@code load} percent of a core in the selected containers;
 * {@code workers} 0 is stress-ng's one worker per processor of the machine: of the pod's node.
 */
public record CpuStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
                        int workers, int load) implements PodFault {
    public CpuStress {
        Faults.check(name, start, duration, selector, mode);
        if (workers < 0) throw new IllegalArgumentException("workers: must be >= 0 (0: one per processor of the node), was " + workers);
        if (load < 0 || load > 100) throw new IllegalArgumentException("load: must be in [0, 100], was " + load);
    }
    /** One worker per processor of the pod's node. */
    public boolean perProcessor() { return workers == 0; }

    @Override public String kind() { return "StressChaos/cpu"; }
}
