package dev.homeostat.simulator;

import dev.homeostat.simulator.fault.DeploymentFault;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.NodeFault;
import dev.homeostat.simulator.fault.Orchestration;
import dev.homeostat.simulator.fault.PodFault;
import dev.homeostat.simulator.fault.ServiceFault;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a spec's faults name, checked before the run, one rule per family. */
final class FaultTargets {
    private FaultTargets() { }

    /** Before the run: fault names are unique and every deployment, service and node a fault names exists. */
    static void check(List<Fault> faults, Cluster cluster) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            String where = "faults[" + i + "]";
            if (!names.add(f.name())) throw new IllegalArgumentException(where + ".name: duplicate fault '" + f.name() + "'; fault names must be unique in a run");
            switch (f) {
                case PodFault p -> { }
                case Orchestration o -> { }
                case DeploymentFault d -> {
                    if (cluster.deployment(d.namespace(), d.deployment()) == null)
                        throw new IllegalArgumentException(where + ".target.deployment: no deployment '" + d.deployment() + "' in namespace '"
                                + d.namespace() + "' for fault '" + f.name() + "'; name one of " + cluster.deploymentKeys());
                }
                case ServiceFault s -> {
                    if (cluster.service(s.namespace(), s.service()) == null)
                        throw new IllegalArgumentException(where + ".target.service: no service '" + s.service() + "' in namespace '"
                                + s.namespace() + "' for fault '" + f.name() + "'; name one of " + cluster.serviceKeys());
                }
                case NodeFault n -> {
                    if (cluster.node(n.node()) == null)
                        throw new IllegalArgumentException(where + ".target.node: no node '" + n.node() + "' for fault '" + f.name()
                                + "'; name one of " + cluster.nodeNames());
                }
            }
        }
    }
}
