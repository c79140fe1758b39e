package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Entry point: Chaos Mesh manifests (YAML exactly as {@code kubectl apply} takes it) → simulator
 * faults, with the default translators (PodChaos, StressChaos). Each document of a file is read into
 * its fabric8 Chaos Mesh model, validated — anything not modelled is an error, never silently dropped —
 * and translated into faults starting when the manifest is applied. Errors are
 * {@link ManifestException}s naming file, line, field path and the fix. For other translators use a
 * {@link ManifestTranslator} with your own {@link TranslatorRegistry}.
 */
public final class ChaosManifests {
    private static final ManifestTranslator DEFAULT = new ManifestTranslator(TranslatorRegistry.defaults());

    private ChaosManifests() { }

    /**
     * The faults of every experiment in {@code manifest} (one or more documents separated by
     * {@code ---}), in document order, all starting at {@code appliedAt} (offset from the start of the run).
     * Several faults from one experiment are named {@code name#1}, {@code name#2}, ….
     */
    public static List<Fault> translate(Path manifest, Duration appliedAt) {
        return DEFAULT.translate(manifest, appliedAt);
    }

    /** As {@link #translate(Path, Duration)} for a run that lasts {@code horizon} (a Schedule fires up to then). */
    public static List<Fault> translate(Path manifest, Duration appliedAt, Duration horizon) {
        return DEFAULT.translate(manifest, appliedAt, horizon);
    }

    /** As {@link #translate(Path, Duration)} for YAML held in memory; {@code source} names it in errors. */
    public static List<Fault> translate(String source, String yaml, Duration appliedAt) {
        return DEFAULT.translate(source, yaml, appliedAt);
    }

    /** The experiments of {@code manifest}: kind, name, line, fabric8 model and faults. */
    public static List<ChaosExperiment> experiments(Path manifest, Duration appliedAt) {
        return DEFAULT.experiments(manifest, appliedAt);
    }

    /**
     * Checks {@code fileOrDir} (a file, or every {@code .yaml}/{@code .yml} file below a directory, in
     * path order) without stopping at the first bad file: one problem per bad file, none when all are good.
     */
    public static List<ManifestProblem> validate(Path fileOrDir) {
        return DEFAULT.validate(fileOrDir);
    }
}
