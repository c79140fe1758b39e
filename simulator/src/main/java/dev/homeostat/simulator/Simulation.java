package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.events.SimulationListener;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * One simulated run of a cluster in virtual time (API contract; implementation in progress).
 */
public final class Simulation {
    public Simulation(SimulationSpec spec, long seed, SimulationListener listener) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Virtual time, ms since the run started. */
    public long now() { throw new UnsupportedOperationException(); }

    /** When the run ends, ms. */
    public long endMillis() { throw new UnsupportedOperationException(); }

    /**
     * Calls {@code hook} with the virtual time at {@code firstMillis} and every {@code periodMillis}
     * after, until the run ends; at an instant it runs after the simulator's own events of that instant.
     */
    public void every(long firstMillis, long periodMillis, LongConsumer hook) { throw new UnsupportedOperationException(); }

    /** Runs to the end. */
    public void run() { throw new UnsupportedOperationException(); }

    public List<PodView> pods() { throw new UnsupportedOperationException(); }

    public List<DeploymentView> deployments() { throw new UnsupportedOperationException(); }

    public Optional<PodView> pod(String namespace, String name) { throw new UnsupportedOperationException(); }

    /** Deletes a pod as the API server would (graceful); its ReplicaSet replaces it. False if no such pod. */
    public boolean deletePod(String namespace, String name, String reason) { throw new UnsupportedOperationException(); }

    public MetricStore metrics() { throw new UnsupportedOperationException(); }
}
