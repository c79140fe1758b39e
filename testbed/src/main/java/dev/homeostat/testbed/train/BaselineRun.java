package dev.homeostat.testbed.train;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.testbed.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a scenario's simulation with the engine off and keeps what the window exporter needs: the
 * metric store and a journal of the fault windows. Only faults are journalled; the full run journal
 * is the run package's business ({@code ScenarioRunner}).
 */
public final class BaselineRun {
    private BaselineRun() { }

    /** What one baseline run leaves behind. */
    public record Result(Journal journal, MetricStore metrics) { }

    public static Result run(Scenario scenario, long seed) {
        return run(scenario.name(), scenario.simulation(), seed);
    }

    public static Result run(String name, SimulationSpec spec, long seed) {
        var events = new ArrayList<JournalEvent>();
        // Only the fault windows label windows; every other simulator event is left to the run journal.
        var simulation = new Simulation(spec, seed, event -> {
            if (event instanceof SimEvent.FaultStarted f) {
                var targets = new ArrayList<String>();
                f.pods().forEach(p -> targets.add("pod/" + p));
                f.deployments().forEach(d -> targets.add("deployment/" + d));
                List<String> services = f.services().stream().map(s -> "service/" + s).toList();
                events.add(new JournalEvent.FaultStarted(f.timeMillis(), f.fault(), f.kind(), f.endMillis(), JournalEvent.Scope.PODS, targets,
                        services, f.tookEffect(), List.of()));
            } else if (event instanceof SimEvent.FaultEnded f) {
                events.add(new JournalEvent.FaultEnded(f.timeMillis(), f.fault()));
            }
        });
        simulation.run();
        events.add(new JournalEvent.RunEnded(simulation.endMillis()));
        return new Result(new Journal(name, seed, false, events), simulation.metrics());
    }
}
