package dev.homeostat.testbed.chaos;

import dev.homeostat.simulator.fault.Fault;
import java.util.List;

/** One step of a Workflow: the simulation's fault for it (name, kind, start offset, duration) and its own selectors. */
public record WorkflowStep(Fault fault, List<PodSelection> selections) {
    public WorkflowStep {
        selections = List.copyOf(selections);
    }
}
