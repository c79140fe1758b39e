package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * A node fails (kubelet and containers gone) for the window: its pods stop answering at once (requests
 * time out), after the node-monitor grace period (40 s) the node turns NotReady and its pods lose
 * readiness, and after the default not-ready toleration (300 s) they are evicted and rescheduled on
 * the other nodes. At the window's end the node is Ready again; with {@code rebooted} (its machine was stopped or
 * restarted, as Chaos Mesh's cloud kinds do) the containers left on it start afresh, else they resume.
 * {@code kind} names what failed it ({@code app/node-failure}, {@code AWSChaos/ec2-stop}, …).
 */
public record NodeFailure(String name, Duration start, Duration duration, String node, String kind, boolean rebooted) implements NodeFault {
    public NodeFailure {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a fault needs a name");
        Faults.checkTimes(start, duration);
        if (node == null || node.isBlank()) throw new IllegalArgumentException("target.node: node-failure needs the node that fails");
        if (kind == null || !kind.contains("/")) throw new IllegalArgumentException("kind: Kind/action, e.g. app/node-failure, was " + kind);
    }

    /** A scenario's node-failure: the node comes back as it was. */
    public NodeFailure(String name, Duration start, Duration duration, String node) {
        this(name, start, duration, node, "app/node-failure", false);
    }
}
