package dev.homeostat.simulator.fault;

/** An application fault in a Deployment's code or its rollout: it hits the Deployment's pods that are not being deleted. */
public sealed interface DeploymentFault extends Fault permits MemoryLeak, BadRollout, Misconfiguration, CpuHog, Deadlock {
    /** Defaulted to {@code default}. */
    String namespace();

    String deployment();
}
