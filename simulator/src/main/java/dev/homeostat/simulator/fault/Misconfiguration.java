package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * Application fault: a configuration change rolled out as a new revision. {@code WRONG_PORT}: the
 * container listens on another port than the Service's, so its (TCP) readiness passes on the probe
 * port but every request is refused (500). {@code READINESS_NEVER_PASSES}: the new pods never turn
 * Ready, so the rollout stalls at maxUnavailable and capacity shrinks. Reverted at the window's end.
 */
public record Misconfiguration(String name, Duration start, Duration duration, String namespace, String deployment,
                               Kind misconfiguration) implements DeploymentFault {
    public enum Kind { WRONG_PORT, READINESS_NEVER_PASSES }

    public Misconfiguration {
        namespace = AppFaults.check(name, start, duration, namespace, deployment, "misconfiguration");
        if (misconfiguration == null) throw new IllegalArgumentException("misconfiguration: give wrong-port or readiness-never-passes");
    }
    @Override public String kind() { return "app/misconfiguration"; }
}
