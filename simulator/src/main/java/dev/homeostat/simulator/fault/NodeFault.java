package dev.homeostat.simulator.fault;

/** A fault of a machine: it hits the node and the pods on it at injection. */
public sealed interface NodeFault extends Fault permits NodeFailure, NoisyNeighbour {
    String node();
}
