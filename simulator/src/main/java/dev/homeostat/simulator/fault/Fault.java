package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * A fault the simulator knows how to inject. Times are offsets from the start of the run.
 * {@code duration} is how long the fault lasts; instantaneous faults (pod-kill, container-kill)
 * have {@link Duration#ZERO}.
 */
public sealed interface Fault permits PodKill, PodFailure, ContainerKill, MemoryStress, CpuStress, MemoryLeak,
        NetworkDelay, NetworkLoss, NetworkDuplicate, NetworkCorrupt, NetworkPartition, NetworkBandwidth,
        HttpFault, IoLatency, IoError, ClockSkew, DnsFault, DependencySlowdown,
        BadRollout, Misconfiguration, CpuHog, Deadlock, NodeFailure, NoisyNeighbour {
    /** Unique within a run; names the incident in the journal. */
    String name();

    Duration start();

    Duration duration();

    /** Chaos Mesh style kind/action, e.g. {@code PodChaos/pod-kill} or {@code app/memory-leak}. */
    String kind();
}
