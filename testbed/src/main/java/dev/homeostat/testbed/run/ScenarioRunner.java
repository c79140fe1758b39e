package dev.homeostat.testbed.run;

import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.testbed.scenario.Scenario;

/** Runs one scenario for one seed, with the engine on or off, and returns its journal. */
public final class ScenarioRunner {
    private ScenarioRunner() { }

    /**
     * The baseline ({@code policy == null}) is the same simulation with the same seed and nothing
     * but Kubernetes itself reacting; with a policy the engine ticks every evaluation interval.
     */
    public static Journal run(Scenario scenario, long seed, Policy policy) {
        var recorder = new JournalRecorder(scenario.simulation().cluster());
        var simulation = new Simulation(scenario.simulation(), seed, recorder);
        if (policy != null) {
            var cluster = new SimulatedCluster(simulation);
            var engine = new Engine(policy, cluster, cluster, cluster, cluster, recorder, seed);
            long interval = policy.evaluationInterval().toMillis();
            simulation.every(interval, interval, now -> engine.tick());
        }
        simulation.run();
        recorder.end(simulation.endMillis());
        return new Journal(scenario.name(), seed, policy != null, recorder.events());
    }
}
