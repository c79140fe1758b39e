package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * A fault the simulator knows how to inject. Times are offsets from the start of the run.
 * {@code duration} is how long the fault lasts; instantaneous faults (pod-kill, container-kill)
 * have {@link Duration#ZERO}.
 *
 * <p>Faults come in families by what they target, so a target is selected one way per family:
 * {@link PodFault} (Chaos Mesh's selector and mode), {@link DeploymentFault} (an application's code),
 * {@link ServiceFault} (a Service's backend) and {@link NodeFault} (a machine). An {@link Orchestration} targets
 * nothing: it injects faults of those families as the cluster's state at run time decides (a Workflow's Task).
 */
public sealed interface Fault permits PodFault, DeploymentFault, ServiceFault, NodeFault, Orchestration {
    /** Unique within a run; names the incident in the journal. */
    String name();

    Duration start();

    Duration duration();

    /** Chaos Mesh style kind/action, e.g. {@code PodChaos/pod-kill} or {@code app/memory-leak}. */
    String kind();
}
