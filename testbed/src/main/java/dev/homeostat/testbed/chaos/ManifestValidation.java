package dev.homeostat.testbed.chaos;

import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.Horizon;
import dev.homeostat.chaos.ManifestCheck;
import dev.homeostat.chaos.ManifestProblem;
import dev.homeostat.chaos.ManifestTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private ManifestValidation() { }

    /** Checks {@code paths}; Schedules are checked at their first firing. */
    public static ManifestCheck validate(List<Path> paths) {
        return validate(paths, null);
    }

    /** As {@link #validate(List)}; with a {@code runLength}, every firing of a Schedule up to then is checked too. */
    public static ManifestCheck validate(List<Path> paths, Duration runLength) {
        if (paths == null || paths.isEmpty()) throw new IllegalArgumentException("validate: name at least one manifest file or directory");
        Horizon horizon = runLength == null ? Horizon.firstFiring() : Horizon.until(runLength);
        var all = new ManifestCheck(0, List.of(), List.of(), List.of());
        for (Path path : paths) {
            if (!Files.exists(path)) {
                all = all.plus(new ManifestCheck(1, List.of(new ManifestProblem(path, 0, "", "no such file or directory; check the path")), List.of(), List.of()));
                continue;
            }
            List<Path> files = manifests(path);
            if (files.isEmpty())
                throw new IllegalArgumentException(path + ": no *.yaml, *.yml or *.json manifests in this folder; give a manifest file or a folder of them");
            for (Path file : files) all = all.plus(ChaosManifests.check(file, horizon));
        }
        return all;
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
