package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import java.util.List;

/**
 * What one manifest file holds once translated: its Chaos Mesh experiments (with their faults), the notes on what is
 * approximated, and the other objects it skipped.
 */
public record ManifestContents(List<ChaosExperiment> experiments, List<ManifestNote> notes, List<SkippedObject> skipped) {
    public ManifestContents {
        experiments = List.copyOf(experiments);
        notes = List.copyOf(notes);
        skipped = List.copyOf(skipped);
    }

    public List<Fault> faults() {
        return experiments.stream().flatMap(e -> e.faults().stream()).toList();
    }
}
