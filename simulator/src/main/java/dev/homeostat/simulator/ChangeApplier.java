package dev.homeostat.simulator;

import dev.homeostat.simulator.change.Change;
import dev.homeostat.simulator.change.DeploymentChange;
import dev.homeostat.simulator.events.SimEvent;
import java.util.List;
import java.util.TreeSet;

/**
 * Applies the routine changes of a run ({@link Change}: rollouts, config changes, scales, drains)
 * through the controllers at their time, each announced first as {@link SimEvent.ChangeApplied}.
 */
final class ChangeApplier {
    private final Kernel kernel;
    private final Cluster cluster;
    private final ReplicaSetController replicaSets;
    private final NodeLifecycleController nodes;

    ChangeApplier(Kernel kernel, Cluster cluster, ReplicaSetController replicaSets, NodeLifecycleController nodes) {
        this.kernel = kernel;
        this.cluster = cluster;
        this.replicaSets = replicaSets;
        this.nodes = nodes;
    }

    /** Before the run: every deployment and node a change names exists. */
    static void checkTargets(List<Change> changes, Cluster cluster) {
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            String where = "changes[" + i + "]";
            switch (c) {
                case DeploymentChange d -> {
                    if (cluster.deployment(d.namespace(), d.deployment()) == null)
                        throw new IllegalArgumentException(where + ".target.deployment: no deployment '" + d.deployment() + "' in namespace '"
                                + d.namespace() + "' for change '" + c.name() + "'; name one of " + cluster.deploymentKeys());
                }
                case Change.Drain d -> {
                    if (cluster.node(d.node()) == null)
                        throw new IllegalArgumentException(where + ".target.node: no node '" + d.node() + "' for change '" + c.name()
                                + "'; name one of " + cluster.nodeNames());
                }
            }
        }
    }

    void apply(Change change) {
        long t = kernel.now();
        switch (change) {
            case DeploymentChange c -> {
                DeploymentState d = cluster.deployment(c.namespace(), c.deployment());
                List<String> services = d.service == null ? List.of() : List.of(d.service.key);
                kernel.emit(new SimEvent.ChangeApplied(t, c.name(), c.kind(), List.of("deployment/" + d.key), services));
                switch (c) {
                    // a new image or config that behaves as the current one: a new revision, so a rollback goes back to the previous
                    case DeploymentChange.Rollout r -> replicaSets.rollOut(d, d.current().behaviour(), "change " + c.name());
                    case DeploymentChange.ConfigChange r -> replicaSets.rollOut(d, d.current().behaviour(), "change " + c.name());
                    case DeploymentChange.Scale s -> replicaSets.scale(d, s.replicas());
                }
            }
            case Change.Drain c -> {
                NodeState n = cluster.node(c.node());
                var services = new TreeSet<String>();
                for (PodState p : cluster.podsOn(n)) if (p.deployment.service != null) services.add(p.deployment.service.key);
                kernel.emit(new SimEvent.ChangeApplied(t, c.name(), c.kind(), List.of("node/" + c.node()), List.copyOf(services)));
                nodes.drain(n);
                kernel.at(t + c.duration().toMillis(), () -> nodes.uncordon(n));
            }
        }
    }
}
