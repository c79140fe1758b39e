package dev.homeostat.testbed.chaos;

import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.Horizon;
import dev.homeostat.chaos.ManifestCheck;
import dev.homeostat.chaos.ManifestNote;
import dev.homeostat.chaos.ManifestProblem;
import dev.homeostat.chaos.ManifestTranslator;
import dev.homeostat.chaos.SkippedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code homeostat chaos validate}: every manifest named (a file as it stands, a directory walked recursively for
 * {@code .yaml}/{@code .yml}) is checked by {@code chaos-experiments} against the Chaos Mesh CRDs — kinds, fields,
 * types, selectors, durations, crons, modes and values — without running it. One problem per bad file (its first),
 * every file checked; what the simulation approximates is reported as notes; documents that are not Chaos Mesh
 * objects are skipped and counted. A Schedule is not expanded over an assumed run length: only with a run length
 * ({@code --duration}) are all its firings checked.
 */
public final class ManifestValidation {
    /** What was checked: how many files, the first problem of each bad one, the notes and skipped objects of the good ones. */
    public record Report(int files, List<ManifestProblem> problems, List<ManifestNote> notes, List<SkippedObject> skipped) {
        public Report {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
            skipped = List.copyOf(skipped);
        }

        public boolean ok() { return problems.isEmpty(); }

        /** The closing line: {@code N files, M problems[, K notes][, S other objects skipped]}. */
        public String summary() {
            String s = files + (files == 1 ? " file, " : " files, ") + problems.size() + (problems.size() == 1 ? " problem" : " problems");
            if (!notes.isEmpty()) s += ", " + notes.size() + (notes.size() == 1 ? " note" : " notes");
            if (!skipped.isEmpty()) s += ", " + skipped.size() + (skipped.size() == 1 ? " other object skipped" : " other objects skipped");
            return s;
        }
    }

    private ManifestValidation() { }

    /** Checks {@code paths}; Schedules are checked at their first firing. */
    public static Report validate(List<Path> paths) {
        return validate(paths, null);
    }

    /** As {@link #validate(List)}; with a {@code runLength}, every firing of a Schedule up to then is checked too. */
    public static Report validate(List<Path> paths, Duration runLength) {
        if (paths == null || paths.isEmpty()) throw new IllegalArgumentException("validate: name at least one manifest file or directory");
        Horizon horizon = runLength == null ? Horizon.firstFiring() : Horizon.until(runLength);
        int files = 0;
        var problems = new ArrayList<ManifestProblem>();
        var notes = new ArrayList<ManifestNote>();
        var skipped = new ArrayList<SkippedObject>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                files++;
                problems.add(new ManifestProblem(path, 0, "", "no such file or directory; check the path"));
                continue;
            }
            for (Path file : manifests(path)) {
                ManifestCheck c = ChaosManifests.check(file, horizon);
                files += c.files();
                problems.addAll(c.problems());
                notes.addAll(c.notes());
                skipped.addAll(c.skipped());
            }
        }
        return new Report(files, problems, notes, skipped);
    }

    /** {@code path} itself when it is a file; else every {@code .yaml}/{@code .yml} below it, in path order. */
    public static List<Path> manifests(Path path) {
        try {
            return ManifestTranslator.manifests(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }
}
