package dev.homeostat.chaos;

import java.util.List;

/**
 * What {@code chaos validate} found in a file or folder: how many files, the first problem of each bad file, the notes
 * on what the simulation approximates, and the objects skipped because they are not Chaos Mesh objects.
 */
public record ManifestCheck(int files, List<ManifestProblem> problems, List<ManifestNote> notes, List<SkippedObject> skipped) {
    public ManifestCheck {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        skipped = List.copyOf(skipped);
    }

    public boolean ok() { return problems.isEmpty(); }
}
