package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * A workload outside the scenario shares the node and takes {@code cores} of its CPU: every pod on
 * the node at injection loses an equal share of them (service time grows as under CpuStress).
 */
public record NoisyNeighbour(String name, Duration start, Duration duration, String node, double cores) implements NodeFault {
    public NoisyNeighbour {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a fault needs a name");
        Faults.checkTimes(start, duration);
        if (node == null || node.isBlank()) throw new IllegalArgumentException("target.node: noisy-neighbour needs the node it shares");
        if (!(cores > 0)) throw new IllegalArgumentException("cores: must be positive, was " + cores);
    }
    @Override public String kind() { return "app/noisy-neighbour"; }
}
