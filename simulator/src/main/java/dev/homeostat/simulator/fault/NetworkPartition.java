package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos partition: the selected pods are cut off from {@code target} pods in {@code direction}.
 * {@code target} null: from every peer, clients included; the pods then serve nothing but stay Ready
 * (kubelet probes come from the node, which the partition does not cut): a black hole. With a target, no
 * pod-to-pod traffic is modelled (no call graph), so the fault changes nothing the simulator measures.
 */
public record NetworkPartition(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        Direction direction, PodSelector target) implements PodFault {
    public enum Direction { TO, FROM, BOTH }

    public NetworkPartition {
        Faults.check(name, start, duration, selector, mode);
        if (direction == null) throw new IllegalArgumentException("direction: required (to, from, both)");
    }

    @Override public String kind() { return "NetworkChaos/partition"; }
}
