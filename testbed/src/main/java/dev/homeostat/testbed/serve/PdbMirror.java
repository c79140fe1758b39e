package dev.homeostat.testbed.serve;

import static dev.homeostat.testbed.serve.MirroredObjects.intOrString;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.PdbView;
import dev.homeostat.simulator.spec.PdbSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scenario's PodDisruptionBudgets in the API as policy/v1 PodDisruptionBudgets, their status written as the disruption
 * controller keeps it, from the simulation's own reckoning ({@link Simulation#pdbs}): the ready pods they cover, how many
 * must stay ready, the disruptions allowed now, the pods their workloads want. So the live engine's PDB guard, and a drain
 * that checks budgets before it deletes, hold back exactly where the simulation's eviction would. Sim → API only: nothing
 * the engine does writes a budget.
 */
final class PdbMirror {
    private final KubernetesClient client;
    private final SimulationSpec spec;
    /** Each budget's status as last written, by namespace/name. */
    private final Map<String, PdbView> inApi = new TreeMap<>();

    PdbMirror(KubernetesClient client, SimulationSpec spec) {
        this.client = client;
        this.spec = spec;
    }

    /** Writes each budget whose status changed since the last pass; after the pods, whose readiness it counts. */
    void sync(Simulation sim) {
        for (PdbView v : sim.pdbs()) {
            String key = v.namespace() + "/" + v.name();
            PdbView before = inApi.get(key);
            if (v.equals(before)) continue;
            PdbSpec s = spec.cluster().pdbs().stream().filter(p -> p.namespace().equals(v.namespace()) && p.name().equals(v.name()))
                    .findFirst().orElseThrow();
            PodDisruptionBudget pdb = budget(s, v);
            var op = client.policy().v1().podDisruptionBudget().inNamespace(v.namespace());
            if (before == null) op.resource(pdb).create();
            else op.resource(pdb).update();
            inApi.put(key, v);
        }
    }

    /**
     * The budget as its author wrote it (the scenario's selector, minAvailable or maxUnavailable) and as the disruption
     * controller reports on it. Its spec never changes, so the controller has seen generation 1.
     */
    static PodDisruptionBudget budget(PdbSpec s, PdbView v) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(s.name()).withNamespace(s.namespace()).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(s.selector()).endSelector()
                .withMinAvailable(intOrString(s.minAvailable())).withMaxUnavailable(intOrString(s.maxUnavailable())).endSpec()
                .withNewStatus().withCurrentHealthy(v.currentHealthy()).withDesiredHealthy(v.desiredHealthy())
                .withDisruptionsAllowed(v.disruptionsAllowed()).withExpectedPods(v.expectedPods()).withObservedGeneration(1L)
                .endStatus().build();
    }
}
