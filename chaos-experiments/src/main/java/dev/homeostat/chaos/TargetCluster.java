package dev.homeostat.chaos;

import java.util.Map;

/**
 * The cluster the manifests are applied to, for Chaos Mesh's {@code spec.remoteCluster}: Chaos Mesh creates such an
 * experiment in the cluster that the RemoteCluster object of that name connects to, not in the one it was applied to.
 * A scenario simulates one cluster and may name it ({@code spec.cluster.name}); an experiment naming that cluster is
 * simulated as usual, one naming another cluster (or any, when the scenario's cluster has no name) is refused, since
 * Chaos Mesh would inject it elsewhere. A check of manifests alone, or a live run, has no simulated cluster to compare
 * with: the field is accepted with a note (a live run hands it to Chaos Mesh unchanged).
 *
 * <p>A scenario's cluster also says which machines its nodes run on ({@code machines}: each node's
 * {@code spec.providerID} → its name), so that an AWSChaos, GCPChaos or AzureChaos naming an instance hits the node
 * that instance backs.
 */
public sealed interface TargetCluster {
    /** No simulated cluster: a check of manifests alone, or a live run. */
    record Unknown() implements TargetCluster {
        @Override public Map<String, String> machines() { return Map.of(); }
    }

    /** A scenario's cluster, named {@code name} ({@code spec.cluster.name}). */
    record Named(String name, Map<String, String> machines) implements TargetCluster {
        public Named {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("name: required, the name of the simulated cluster");
            machines = machines == null ? Map.of() : Map.copyOf(machines);
        }

        public Named(String name) { this(name, Map.of()); }
    }

    /** A scenario's cluster without a name: no RemoteCluster can stand for it. */
    record Unnamed(Map<String, String> machines) implements TargetCluster {
        public Unnamed {
            machines = machines == null ? Map.of() : Map.copyOf(machines);
        }

        public Unnamed() { this(Map.of()); }
    }

    /** The simulated nodes by the provider ID of their machine; empty for {@link Unknown}. */
    Map<String, String> machines();

    static TargetCluster unknown() { return new Unknown(); }

    /** A scenario's cluster: {@link Named} when {@code name} is given, else {@link Unnamed}. */
    static TargetCluster scenario(String name) {
        return scenario(name, Map.of());
    }

    /** A scenario's cluster with its nodes' machines (provider ID → node name). */
    static TargetCluster scenario(String name, Map<String, String> machines) {
        return name == null || name.isBlank() ? new Unnamed(machines) : new Named(name, machines);
    }

    /** The field a scenario names its cluster with, as messages cite it. */
    String SCENARIO_FIELD = "spec.cluster.name";
}
