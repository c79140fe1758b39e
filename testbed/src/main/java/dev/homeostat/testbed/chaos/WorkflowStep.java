package dev.homeostat.testbed.chaos;

import dev.homeostat.simulator.fault.Fault;
import java.util.List;

/**
 * One step of a Workflow: the simulation's fault for it (name, kind, start offset, duration), its own selectors, and
 * the template it runs ({@code template}, null when the fault names none; {@code run}: 1, or n for the template's n-th
 * run; a Schedule step's firings share its one run), so its WorkflowNode — and the experiment (or Schedule) Chaos Mesh
 * made for it — can be found.
 */
public record WorkflowStep(Fault fault, List<PodSelection> selections, String template, int run) {
    public WorkflowStep {
        selections = List.copyOf(selections);
    }
}
