package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos partition. {@code peers} null: the selected pods are cut from every peer, clients
 * included; they then serve nothing but stay Ready (kubelet probes come from the node, which the
 * partition does not cut): a black hole. With peers: only the calls between the selected pods and the
 * target pods (either way along the call graph, whatever the direction: an exchange whose request or
 * answer is dropped times out) and the selected pods' calls to matching external hosts are cut.
 */
public record NetworkPartition(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        Peers peers) implements PodFault {
    public NetworkPartition {
        Faults.check(name, start, duration, selector, mode);
    }

    @Override public String kind() { return "NetworkChaos/partition"; }
}
