package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chaos Mesh manifests (YAML exactly as {@code kubectl apply} takes it) → simulator faults, with a chosen
 * {@link TranslatorRegistry}. {@link ChaosManifests} is the static entry point over the defaults.
 *
 * <p>Each document of a file is checked against the Chaos Mesh CRD of its kind, read into its model, and translated
 * into faults that start when the manifest is applied ({@link DocumentTranslator}). Anything the simulation does not
 * model is refused by name, never silently dropped; what it approximates leaves a {@link ManifestNote}; documents
 * that are not Chaos Mesh objects are skipped ({@link SkippedObject}). Errors are {@link ManifestException}s naming
 * file, line, field path and the fix.
 */
public final class ManifestTranslator {
    /** The only apiVersion Chaos Mesh serves its experiments under. */
    public static final String API_VERSION = DocumentTranslator.API_VERSION;

    /** How far Schedules fire for the callers that give no horizon ({@link #translate(Path, Duration)}). */
    public static final Duration DEFAULT_HORIZON = Duration.ofHours(24);
    private static final Pattern MANIFEST_FILE = Pattern.compile("\\.(ya?ml|json)$");

    private final TranslatorRegistry registry;
    private final TargetCluster cluster;
    private final DocumentTranslator documents;

    /** With the default translators ({@link TranslatorRegistry#defaults()}). */
    public ManifestTranslator() {
        this(TranslatorRegistry.defaults());
    }

    /** For manifests checked alone ({@link TargetCluster.Unknown}: a {@code remoteCluster} is accepted with a note). */
    public ManifestTranslator(TranslatorRegistry registry) {
        this(registry, TargetCluster.unknown());
    }

    /** For manifests applied to {@code cluster}: an experiment whose {@code remoteCluster} names another cluster is refused. */
    public ManifestTranslator(TranslatorRegistry registry, TargetCluster cluster) {
        if (registry == null) throw new IllegalArgumentException("registry: required; use TranslatorRegistry.defaults()");
        if (cluster == null) throw new IllegalArgumentException("cluster: required; use TargetCluster.unknown() when no cluster is simulated");
        this.registry = registry;
        this.cluster = cluster;
        this.documents = new DocumentTranslator(registry, cluster);
    }

    /** The same translators for manifests applied to {@code other} (a scenario's cluster). */
    public ManifestTranslator forCluster(TargetCluster other) {
        return new ManifestTranslator(registry, other);
    }

    /** The cluster the manifests are applied to. */
    public TargetCluster cluster() { return cluster; }

    /** The faults of every experiment in {@code manifest}, all starting at {@code appliedAt}; Schedules fire up to {@link #DEFAULT_HORIZON}. */
    public List<Fault> translate(Path manifest, Duration appliedAt) {
        return translate(manifest, appliedAt, DEFAULT_HORIZON);
    }

    /** As {@link #translate(Path, Duration)} for a run that lasts {@code horizon}: a Schedule fires up to then. */
    public List<Fault> translate(Path manifest, Duration appliedAt, Duration horizon) {
        return contents(manifest, appliedAt, Horizon.until(horizon)).faults();
    }

    /** As {@link #translate(Path, Duration)} for YAML held in memory; {@code source} names it in errors. */
    public List<Fault> translate(String source, String yaml, Duration appliedAt) {
        return contents(source, yaml, appliedAt, Horizon.until(DEFAULT_HORIZON)).faults();
    }

    /** As {@link #translate(String, String, Duration)} for a run that lasts {@code horizon}: a Schedule fires up to then. */
    public List<Fault> translate(String source, String yaml, Duration appliedAt, Duration horizon) {
        return contents(source, yaml, appliedAt, Horizon.until(horizon)).faults();
    }

    /** The experiments of {@code manifest} with their models and faults; Schedules fire up to {@link #DEFAULT_HORIZON}. */
    public List<ChaosExperiment> experiments(Path manifest, Duration appliedAt) {
        return experiments(manifest, appliedAt, DEFAULT_HORIZON);
    }

    /** The experiments of {@code manifest}, Schedules expanded up to {@code horizon}. */
    public List<ChaosExperiment> experiments(Path manifest, Duration appliedAt, Duration horizon) {
        return contents(manifest, appliedAt, Horizon.until(horizon)).experiments();
    }

    /** The experiments of {@code manifest}, Schedules expanded as {@code horizon} says. */
    public List<ChaosExperiment> experiments(Path manifest, Duration appliedAt, Horizon horizon) {
        return contents(manifest, appliedAt, horizon).experiments();
    }

    /** The experiments of {@code yaml} with their models and faults; {@code source} names it in errors. */
    public List<ChaosExperiment> experiments(String source, String yaml, Duration appliedAt) {
        return experiments(source, yaml, appliedAt, DEFAULT_HORIZON);
    }

    /** As {@link #experiments(String, String, Duration)}, Schedules expanded up to {@code horizon}. */
    public List<ChaosExperiment> experiments(String source, String yaml, Duration appliedAt, Duration horizon) {
        return contents(source, yaml, appliedAt, Horizon.until(horizon)).experiments();
    }

    /** As {@link #experiments(String, String, Duration)}, Schedules expanded as {@code horizon} says. */
    public List<ChaosExperiment> experiments(String source, String yaml, Duration appliedAt, Horizon horizon) {
        return contents(source, yaml, appliedAt, horizon).experiments();
    }

    /**
     * Everything {@code manifest} holds: experiments, notes, skipped objects. A file with no Chaos Mesh experiment
     * at all is an error (a scenario or a live run would have nothing to inject).
     */
    public ManifestContents contents(Path manifest, Duration appliedAt, Horizon horizon) {
        return requireExperiments(read(manifest, appliedAt, horizon));
    }

    /** As {@link #contents(Path, Duration, Horizon)} for YAML held in memory. */
    public ManifestContents contents(String source, String yaml, Duration appliedAt, Horizon horizon) {
        return requireExperiments(read(source, yaml, appliedAt, horizon));
    }

    /**
     * Checks {@code fileOrDir} (a file, or every {@code .yaml}/{@code .yml}/{@code .json} file below a directory, in path order)
     * without stopping at the first bad file: one problem per bad file, none when all are good.
     */
    public List<ManifestProblem> validate(Path fileOrDir) {
        return check(fileOrDir, Horizon.firstFiring()).problems();
    }

    /**
     * As {@link #validate(Path)}, with the notes and skipped objects of the good files. With {@link Horizon.Until} every
     * firing of a Schedule is checked up to then (e.g. how many experiments a cron creates in the run).
     */
    public ManifestCheck check(Path fileOrDir, Horizon horizon) {
        if (fileOrDir == null) throw new IllegalArgumentException("fileOrDir: required, a manifest file or a directory of them");
        if (!Files.exists(fileOrDir))
            return new ManifestCheck(1, List.of(new ManifestProblem(fileOrDir, 0, "", "no such file or directory; check the path")), List.of(), List.of());
        List<Path> files;
        try {
            files = manifests(fileOrDir);
        } catch (IOException | java.io.UncheckedIOException e) {
            return new ManifestCheck(1, List.of(new ManifestProblem(fileOrDir, 0, "", "cannot list the directory: " + e.getMessage())), List.of(), List.of());
        }
        var problems = new ArrayList<ManifestProblem>();
        var notes = new ArrayList<ManifestNote>();
        var skipped = new ArrayList<SkippedObject>();
        for (Path file : files) {
            try {
                ManifestContents c = read(file, Duration.ZERO, horizon);
                notes.addAll(c.notes());
                skipped.addAll(c.skipped());
            } catch (ManifestException e) {
                problems.add(ManifestProblem.of(file, e));
            }
        }
        return new ManifestCheck(files.size(), problems, notes, skipped);
    }

    /** {@code path} itself when it is a file; else every {@code .yaml}/{@code .yml}/{@code .json} below it (the files
     * {@code kubectl apply -f} reads), in path order. */
    public static List<Path> manifests(Path path) throws IOException {
        if (!Files.isDirectory(path)) return List.of(path);
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> MANIFEST_FILE.matcher(p.getFileName().toString()).find())
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    private ManifestContents read(Path manifest, Duration appliedAt, Horizon horizon) {
        if (manifest == null) throw new IllegalArgumentException("manifest: required, the path of a Chaos Mesh YAML file");
        String source = manifest.toString();
        String yaml;
        try {
            yaml = Files.readString(manifest);
        } catch (NoSuchFileException e) {
            throw new ManifestException(source, 0, "", "no such file; check the path (relative paths resolve against the working directory)");
        } catch (MalformedInputException e) {
            throw new ManifestException(source, 0, "", "not UTF-8 text; save the manifest as UTF-8");
        } catch (IOException e) {
            throw new ManifestException(source, 0, "", "cannot read: " + e);
        }
        return read(source, yaml, appliedAt, horizon);
    }

    private ManifestContents read(String source, String yaml, Duration appliedAt, Horizon horizon) {
        if (horizon == null) throw new IllegalArgumentException("horizon: required, e.g. Horizon.until(runLength)");
        if (appliedAt == null || appliedAt.isNegative())
            throw new IllegalArgumentException("appliedAt: must be >= 0 (an offset from the start of the run), was " + appliedAt);
        if (yaml == null) throw new IllegalArgumentException("yaml: required");
        List<YamlDocument> docs = YamlDocuments.parse(source, yaml);
        if (docs.isEmpty())
            throw new ManifestException(source, 0, "", "no Chaos Mesh experiment in this file; expected a document with apiVersion: "
                    + API_VERSION + ", kind, metadata and spec");
        var experiments = new ArrayList<ChaosExperiment>();
        var notes = new ArrayList<ManifestNote>();
        var skipped = new ArrayList<SkippedObject>();
        var firstLineOfName = new HashMap<String, Integer>();
        for (YamlDocument doc : docs) {
            switch (documents.translate(source, doc, appliedAt, horizon)) {
                case DocumentTranslator.Outcome.Skipped s -> skipped.add(s.object());
                case DocumentTranslator.Outcome.Translated t -> {
                    ChaosExperiment e = t.experiment();
                    Integer earlier = firstLineOfName.putIfAbsent(e.name(), doc.lineOf("metadata.name"));
                    if (earlier != null)
                        throw new ManifestException(source, doc.lineOf("metadata.name"), "metadata.name",
                                "\"" + e.name() + "\" is already the name of the experiment on line " + earlier
                                        + "; give each experiment its own name (fault names must be unique in a run)");
                    experiments.add(e);
                    notes.addAll(t.notes());
                }
            }
        }
        return new ManifestContents(experiments, notes, skipped);
    }

    private static ManifestContents requireExperiments(ManifestContents c) {
        if (c.experiments().isEmpty() && !c.skipped().isEmpty()) {
            SkippedObject first = c.skipped().getFirst();
            throw new ManifestException(first.source(), first.line(), "", "no Chaos Mesh experiment in this file, only other objects ("
                    + first.message() + (c.skipped().size() > 1 ? " and " + (c.skipped().size() - 1) + " more" : "") + ")");
        }
        return c;
    }
}
