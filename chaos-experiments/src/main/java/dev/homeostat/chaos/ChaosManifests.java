package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Entry point: Chaos Mesh manifests (YAML exactly as {@code kubectl apply} takes it) → simulator
 * faults, with the default translators (every kind in {@link TranslatorRegistry#defaults()}). Each document of a
 * file is checked against its kind's CRD, read into its model, and translated into faults starting when the
 * manifest is applied; anything not modelled is refused by name, never silently dropped. Errors are
 * {@link ManifestException}s naming file, line, field path and the fix. For other translators use a
 * {@link ManifestTranslator} with your own {@link TranslatorRegistry}.
 */
public final class ChaosManifests {
    private static final ManifestTranslator DEFAULT = new ManifestTranslator(TranslatorRegistry.defaults());

    private ChaosManifests() { }

    /**
     * The default translators for manifests applied to {@code cluster} (a scenario's: {@link TargetCluster#scenario}); the
     * methods here check manifests alone ({@link TargetCluster.Unknown}).
     */
    public static ManifestTranslator forCluster(TargetCluster cluster) {
        return DEFAULT.forCluster(cluster);
    }

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

    /** As {@link #translate(String, String, Duration)} for a run that lasts {@code horizon} (a Schedule fires up to then). */
    public static List<Fault> translate(String source, String yaml, Duration appliedAt, Duration horizon) {
        return DEFAULT.translate(source, yaml, appliedAt, horizon);
    }

    /** The experiments of {@code manifest}: kind, name, line, model and faults; Schedules fire up to a day. */
    public static List<ChaosExperiment> experiments(Path manifest, Duration appliedAt) {
        return DEFAULT.experiments(manifest, appliedAt);
    }

    /** The experiments of {@code manifest}, Schedules expanded as {@code horizon} says (e.g. {@link Horizon#firstFiring()}). */
    public static List<ChaosExperiment> experiments(Path manifest, Duration appliedAt, Horizon horizon) {
        return DEFAULT.experiments(manifest, appliedAt, horizon);
    }

    /** Everything {@code manifest} holds: experiments, notes on approximations, skipped non-Chaos-Mesh objects. */
    public static ManifestContents contents(Path manifest, Duration appliedAt, Horizon horizon) {
        return DEFAULT.contents(manifest, appliedAt, horizon);
    }

    /** As {@link #validate(Path)} with the notes and skipped objects; {@link Horizon.Until} also checks every firing up to then. */
    public static ManifestCheck check(Path fileOrDir, Horizon horizon) {
        return DEFAULT.check(fileOrDir, horizon);
    }

    /**
     * Checks {@code fileOrDir} (a file, or every {@code .yaml}/{@code .yml}/{@code .json} file below a directory, in
     * path order) without stopping at the first bad file: one problem per bad file, none when all are good.
     */
    public static List<ManifestProblem> validate(Path fileOrDir) {
        return DEFAULT.validate(fileOrDir);
    }
}
