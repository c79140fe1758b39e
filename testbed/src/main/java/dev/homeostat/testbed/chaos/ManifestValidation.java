package dev.homeostat.testbed.chaos;

import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.ManifestProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code homeostat chaos validate}: every manifest named (a file as it stands, a directory walked recursively for
 * {@code .yaml}/{@code .yml}) is checked by {@code chaos-experiments} — parsed through the fabric8 models, kind and
 * action known, selector not empty, durations and crons parsed, mode and value consistent — without running it.
 * One problem per bad file (its first), every file checked.
 */
public final class ManifestValidation {
    /** What was checked: how many files, and the first problem of each bad one, in path order. */
    public record Report(int files, List<ManifestProblem> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean ok() { return problems.isEmpty(); }

        /** The closing line: {@code N files, M problems}. */
        public String summary() {
            return files + (files == 1 ? " file, " : " files, ") + problems.size() + (problems.size() == 1 ? " problem" : " problems");
        }
    }

    private ManifestValidation() { }

    public static Report validate(List<Path> paths) {
        if (paths == null || paths.isEmpty()) throw new IllegalArgumentException("validate: name at least one manifest file or directory");
        int files = 0;
        var problems = new ArrayList<ManifestProblem>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                files++;
                problems.add(new ManifestProblem(path, 0, "", "no such file or directory; check the path"));
                continue;
            }
            for (Path file : manifests(path)) {
                files++;
                problems.addAll(ChaosManifests.validate(file));
            }
        }
        return new Report(files, problems);
    }

    /** {@code path} itself when it is a file; else every {@code .yaml}/{@code .yml} below it, in path order. */
    public static List<Path> manifests(Path path) {
        if (!Files.isDirectory(path)) return List.of(path);
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }
}
