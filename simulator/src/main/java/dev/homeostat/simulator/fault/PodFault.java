package dev.homeostat.simulator.fault;

/**
 * A fault on pods chosen as Chaos Mesh chooses them: the live, scheduled pods {@link #selector()}
 * matches, of which {@link #mode()} picks how many (and the run's fault stream which).
 */
public sealed interface PodFault extends Fault permits PodKill, ContainerKill, PodFailure, MemoryStress, CpuStress,
        NetworkDelay, NetworkLoss, NetworkDuplicate, NetworkCorrupt, NetworkPartition, NetworkBandwidth,
        HttpFault, IoLatency, IoError, IoStress, ClockSkew, DnsFault, JvmFault, BlockFault {
    PodSelector selector();

    SelectionMode mode();

    /** Whether a pod whose container is named {@code container} can be hit at all (every pod, unless the fault names containers). */
    default boolean hitsContainer(String container) { return true; }
}
