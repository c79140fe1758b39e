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

    /** The closing line of {@code chaos validate}: {@code N files, M problems[, K notes][, S other objects skipped]}. */
    public String summary() {
        String s = files + (files == 1 ? " file, " : " files, ") + problems.size() + (problems.size() == 1 ? " problem" : " problems");
        if (!notes.isEmpty()) s += ", " + notes.size() + (notes.size() == 1 ? " note" : " notes");
        if (!skipped.isEmpty()) s += ", " + skipped.size() + (skipped.size() == 1 ? " other object skipped" : " other objects skipped");
        return s;
    }

    /** This check and {@code other} together (several paths on one command line). */
    public ManifestCheck plus(ManifestCheck other) {
        var p = new java.util.ArrayList<>(problems);
        p.addAll(other.problems);
        var n = new java.util.ArrayList<>(notes);
        n.addAll(other.notes);
        var s = new java.util.ArrayList<>(skipped);
        s.addAll(other.skipped);
        return new ManifestCheck(files + other.files, p, n, s);
    }
}
