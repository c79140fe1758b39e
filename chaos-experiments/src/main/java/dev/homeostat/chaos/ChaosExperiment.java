package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One experiment (YAML document) of a manifest file: its kind and name, the line it starts on, its
 * fabric8 model (what a live run applies to the cluster), and the simulator faults it became.
 */
public record ChaosExperiment(String kind, String name, int line, HasMetadata model, List<Fault> faults) {
    public ChaosExperiment {
        faults = List.copyOf(faults);
    }
}
