package dev.homeostat.testbed.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.units.GoDuration;
import dev.homeostat.chaos.ManifestException;
import dev.homeostat.chaos.TargetCluster;
import dev.homeostat.chaos.YamlDocument;
import dev.homeostat.chaos.YamlDocuments;
import dev.homeostat.reports.score.Expectations;
import dev.homeostat.reports.score.ScoringConfig;
import dev.homeostat.simulator.change.Change;
import dev.homeostat.simulator.change.DeploymentChange;
import dev.homeostat.testbed.observe.Observation;
import dev.homeostat.simulator.fault.DependencySlowdown;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.simulator.spec.WorkloadSpec;
import dev.homeostat.units.YamlSyntax;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Reads scenario YAML into validated {@link Scenario}s. Everything is checked here, before any run
 * starts, and every problem is reported as a {@link ScenarioException} naming file, line and field.
 * Durations are Go style ({@code 30s}, {@code 1h30m}); memory and CPU accept Kubernetes quantities
 * ({@code 512Mi}, {@code 500m}).
 */
public final class ScenarioLoader {
    public static final String API_VERSION = "homeostat.dev/v1alpha1";
    public static final String KIND = "Scenario";
    static final List<String> WORKLOAD_TYPES = List.of("constant", "diurnal", "flash-crowd", "bursty", "ramp", "poisson", "replay");
    static final List<String> CHANGE_TYPES = List.of("rollout", "config-change", "scale", "drain");
    static final List<String> APP_FAULT_TYPES = List.of("memory-leak", "bad-rollout", "misconfiguration", "cpu-hog", "deadlock", "node-failure", "noisy-neighbour", "dependency-slowdown");

    private final ObjectMapper yaml = ScenarioMapper.create();
    private final List<String> skipped = new ArrayList<>();

    /** One line per file of the folders loaded that is another object than a Scenario (and was skipped). */
    public List<String> skipped() { return List.copyOf(skipped); }

    /**
     * A scenario file, or every {@code *.yaml}/{@code *.yml} file under a folder that is not another kind of object
     * (those are listed by {@link #skipped}), sorted by path.
     */
    public List<Scenario> loadAll(Path fileOrDir) {
        if (!Files.exists(fileOrDir))
            throw new ScenarioException(fileOrDir, 0, null, "no such file or folder; give a scenario file or a folder of them");
        if (!Files.isDirectory(fileOrDir)) return List.of(load(fileOrDir));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fileOrDir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ScenarioException(fileOrDir, 0, null, "cannot list folder: " + e.getMessage());
        }
        if (files.isEmpty()) throw new ScenarioException(fileOrDir, 0, null, "no *.yaml scenario files in this folder");
        List<Scenario> scenarios = new ArrayList<>();
        for (Path f : files) {
            Optional<String> other = SuiteFiles.otherKind(f);
            if (other.isPresent()) skipped.add(SuiteFiles.skipped(f, other.get()));
            else scenarios.add(load(f));
        }
        if (scenarios.isEmpty())
            throw new ScenarioException(fileOrDir, 0, null, "no scenario among its " + files.size() + " YAML files (" + skipped.size() + " other objects skipped)");
        var names = new HashSet<String>();
        for (Scenario s : scenarios)
            if (!names.add(s.name()))
                throw new ScenarioException(s.source(), 0, "metadata.name", "'" + s.name() + "' is used by another scenario of this suite; names must be unique");
        return List.copyOf(scenarios);
    }

    public Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file, 0, null, "not UTF-8 text; a scenario is a UTF-8 YAML file");
        } catch (IOException e) {
            throw new ScenarioException(file, 0, null, "cannot read: " + (Files.isDirectory(file) ? "a folder" : e.getMessage()));
        }
        var syntax = YamlSyntax.check(text);
        if (syntax != null) throw new ScenarioException(file, syntax.line(), syntax.column(), null, syntax.reason());
        List<YamlDocument> documents;
        try {
            documents = YamlDocuments.parse(file.toString(), text);
        } catch (ManifestException e) {
            throw new ScenarioException(file, e.line(), e.field(), e.problem());
        }
        if (documents.isEmpty()) throw new ScenarioException(file, 0, null, "empty file; a scenario starts with apiVersion: " + API_VERSION);
        if (documents.size() > 1)
            throw new ScenarioException(file, documents.get(1).line(), null, "one scenario per file; move the second document (---) to a file of its own");
        var src = new ScenarioSource(file, documents.getFirst());
        ScenarioDocument doc;
        try {
            doc = yaml.treeToValue(src.yaml().root(), ScenarioDocument.class);
        } catch (JsonMappingException e) {
            throw ScenarioMapper.error(src, e);
        } catch (JsonProcessingException e) {
            throw src.error(null, "cannot read: " + ScenarioMapper.oneLine(e.getOriginalMessage()));
        }
        return toScenario(src, doc);
    }

    private Scenario toScenario(ScenarioSource src, ScenarioDocument doc) {
        Path file = src.file();
        if (!API_VERSION.equals(doc.apiVersion()))
            throw src.error("apiVersion", doc.apiVersion() == null ? "required: apiVersion: " + API_VERSION : "must be " + API_VERSION + ", was " + doc.apiVersion());
        if (!KIND.equals(doc.kind())) throw src.error("kind", doc.kind() == null ? "required: kind: " + KIND : "must be " + KIND + ", was " + doc.kind());
        if (doc.metadata() == null || doc.metadata().name() == null || doc.metadata().name().isBlank())
            throw src.error("metadata.name", "required: a unique scenario name");
        ScenarioNames.check(src, "metadata.name", KubernetesNames.SUBDOMAIN, "a scenario name", doc.metadata().name());
        var spec = doc.spec();
        if (spec == null) throw src.error("spec", "required");
        if (spec.duration() == null) throw src.error("spec.duration", "required, e.g. 2h");
        if (spec.duration().compareTo(ScenarioLimits.MAX_DURATION) > 0)
            throw src.error("spec.duration", GoDuration.formatCompact(spec.duration()) + " is above the limit of " + GoDuration.formatCompact(ScenarioLimits.MAX_DURATION)
                    + " (30 days, the longest SLO window scored); split a longer period into scenarios");
        if (spec.cluster() == null) throw src.error("spec.cluster", "required: nodes, deployments and services");
        if (spec.engine() == null || spec.engine().policy() == null)
            throw src.error("spec.engine.policy", "required: path of a RemediationPolicy YAML, relative to this file");
        Path policy = file.toAbsolutePath().getParent().resolve(spec.engine().policy()).normalize();
        if (!Files.isRegularFile(policy))
            throw src.error("spec.engine.policy", "no such file: " + policy);

        ClusterSpec cluster = cluster(src, spec.cluster());
        List<Fault> faults = faults(src, spec, cluster);
        List<Change> changes = changes(src, spec, cluster);
        SimulationSpec simulation = field(src, "spec", () -> new SimulationSpec(cluster, spec.duration(), spec.scrapeInterval(), faults, spec.metricsRetention(),
                spec.trafficStep(), changes));

        long seed = spec.seed() == null ? 1 : spec.seed();
        int count = spec.seeds() == null ? 1 : spec.seeds();
        if (count < 1) throw src.error("spec.seeds", "must be >= 1 (how many seeds to run), was " + count);
        if (count > ScenarioLimits.MAX_SEEDS)
            throw src.error("spec.seeds", ScenarioLimits.tooMany("seeds", count, ScenarioLimits.MAX_SEEDS, "each seed is two full simulations; the scored figures settle long before"));
        if (seed > Long.MAX_VALUE - count)
            throw src.error("spec.seed", seed + " + " + count + " seeds overflows a 64-bit seed; start lower, e.g. seed: 1");
        var scoring = spec.scoring();
        ScoringConfig scoringConfig = field(src, "spec.scoring", () -> new ScoringConfig(
                millis(scoring == null ? null : scoring.grace(), ScoringConfig.DEFAULT.graceMillis()),
                millis(scoring == null ? null : scoring.alertCooldown(), ScoringConfig.DEFAULT.alertCooldownMillis()),
                millis(scoring == null ? null : scoring.escalationThreshold(), ScoringConfig.DEFAULT.escalationThresholdMillis())));
        Expectations expectations = spec.expectations() == null ? Expectations.NONE : spec.expectations();
        var observation = spec.observation() == null ? Observation.DEFAULT : spec.observation();
        return new Scenario(doc.metadata().name(), spec.description() == null ? "" : spec.description(), file, simulation,
                LongStream.range(seed, seed + count).boxed().toList(), policy, scoringConfig, expectations, observation, spec.cluster().name());
    }

    private static long millis(Duration d, long fallback) { return d == null ? fallback : d.toMillis(); }

    private static ClusterSpec cluster(ScenarioSource src, ScenarioDocument.Cluster c) {
        ScenarioNames.cluster(src, c);
        var nodes = new ArrayList<NodeSpec>(c.nodes() == null ? List.of() : c.nodes());
        if (c.nodePool() != null) {
            var pool = c.nodePool();
            String prefix = pool.prefix() == null ? "node" : pool.prefix();
            for (int i = 1; i <= pool.count(); i++) {
                String name = prefix + "-" + i;
                nodes.add(field(src, "spec.cluster.nodePool", () -> new NodeSpec(name, pool.cpu(), pool.memory(), pool.labels())));
            }
        }
        var deployments = c.deployments() == null ? List.<DeploymentSpec>of() : c.deployments();
        var services = services(src, c.services() == null ? List.of() : c.services());
        ClusterReferences.calls(src, services);
        field(src, "spec.cluster.services", () -> { CallSpec.checkGraph(services); return services; });
        ClusterReferences.servicesDeployments(src, services, deployments);
        return field(src, "spec.cluster", () -> new ClusterSpec(nodes, deployments, services, c.pdbs()));
    }

    private static List<ServiceSpec> services(ScenarioSource src, List<ScenarioDocument.ServiceEntry> entries) {
        var out = new ArrayList<ServiceSpec>();
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            String at = "spec.cluster.services[" + i + "]";
            if (e == null) throw src.error(at, "empty entry; give at least name:");
            WorkloadSpec workload = e.workload() == null ? null : workload(src, at + ".workload", e.workload());
            out.add(field(src, at, () -> new ServiceSpec(e.name(), e.namespace(), e.deployment(),
                    e.requestsPerSecond() == null ? 0 : e.requestsPerSecond(), e.slo(), workload, e.serviceCalls(), e.externalCalls(), e.peerSpec())));
        }
        return out;
    }

    /** A service's workload; a replay reads its CSV now, relative to the scenario file, so a bad trace fails before any run. */
    private static WorkloadSpec workload(ScenarioSource src, String at, ScenarioDocument.Workload w) {
        String type = w.type() == null ? "constant" : w.type();
        return switch (type) {
            case "constant" -> new WorkloadSpec.Constant();
            case "poisson" -> new WorkloadSpec.Poisson();
            case "diurnal" -> {
                if (w.amplitude() == null) throw src.error(at + ".amplitude", "required: share of the base rate the wave adds and takes, in [0, 1], e.g. 0.5");
                yield field(src, at, () -> new WorkloadSpec.Diurnal(w.amplitude(), w.period(), w.phase()));
            }
            case "flash-crowd", "bursty" -> {
                if (w.multiplier() == null) throw src.error(at + ".multiplier", "required: how many times the base rate the crowd brings, e.g. 5");
                yield field(src, at, () -> new WorkloadSpec.FlashCrowd(w.at(), w.duration(), w.multiplier()));
            }
            case "ramp" -> {
                if (w.multiplier() == null) throw src.error(at + ".multiplier", "required: the rate at the top of the ramp, in times the base, e.g. 3");
                yield field(src, at, () -> new WorkloadSpec.Ramp(w.at(), w.duration(), w.multiplier(), w.hold()));
            }
            case "replay" -> {
                if (w.file() == null) throw src.error(at + ".file", "required: a CSV of 'seconds,requestsPerSecond' rows, relative to the scenario file");
                Path csv = src.file().toAbsolutePath().getParent().resolve(w.file()).normalize();
                if (!Files.isRegularFile(csv)) throw src.error(at + ".file", "no such file: " + csv + " (paths are relative to the scenario file)");
                try {
                    var lines = Files.readAllLines(csv);
                    yield field(src, at + ".file", () -> WorkloadSpec.Replay.parse(csv.toString(), lines));
                } catch (CharacterCodingException ex) {
                    throw src.error(at + ".file", csv + " is not UTF-8 text; save it as UTF-8");
                } catch (IOException ex) {
                    throw src.error(at + ".file", "cannot read " + csv + ": " + ex.getMessage());
                }
            }
            default -> throw src.error(at + ".type", "unknown workload '" + type + "'; known: " + WORKLOAD_TYPES);
        };
    }

    private static List<Fault> faults(ScenarioSource src, ScenarioDocument.Spec spec, ClusterSpec cluster) {
        Path file = src.file();
        var entries = spec.faults() == null ? List.<ScenarioDocument.FaultEntry>of() : spec.faults();
        var faults = new ArrayList<Fault>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            String at = "spec.faults[" + i + "]";
            if (entry == null) throw src.error(at, "empty entry; give manifest: or type:");
            Duration start = entry.at() == null ? Duration.ZERO : entry.at();
            if (start.isNegative()) throw src.error(at + ".at", "must be >= 0, was " + start);
            if (start.compareTo(spec.duration()) >= 0)
                throw src.error(at + ".at", start + " is not before the end of the run (" + spec.duration() + ")");
            if (entry.manifest() != null && entry.type() != null)
                throw src.error(at, "give either manifest: (a Chaos Mesh experiment) or type: (an application fault), not both");
            if (entry.manifest() != null) {
                faults.addAll(ManifestFaults.of(src, at + ".manifest", entry.manifest(), start, spec.duration(),
                        TargetCluster.scenario(spec.cluster().name(), cluster.machines())));
            } else if (entry.type() != null) {
                faults.add(appFault(src, at, entry, start, cluster));
                ScenarioNames.check(src, at + ".name", KubernetesNames.SUBDOMAIN, "a fault name", faults.getLast().name());
            } else {
                throw src.error(at, "give manifest: (path of a Chaos Mesh experiment) or type: (one of " + APP_FAULT_TYPES + ")");
            }
        }
        var names = new HashSet<String>();
        for (Fault f : faults)
            if (!names.add(f.name())) throw src.error("spec.faults", "two faults are named '" + f.name() + "'; names must be unique");
        return faults;
    }

    /** {@code spec.changes}: routine rollouts, config changes, scales and drains (targets checked against the cluster when it is built). */
    private static List<Change> changes(ScenarioSource src, ScenarioDocument.Spec spec, ClusterSpec cluster) {
        var entries = spec.changes() == null ? List.<ScenarioDocument.ChangeEntry>of() : spec.changes();
        var changes = new ArrayList<Change>();
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            String at = "spec.changes[" + i + "]";
            if (e == null || e.type() == null) throw src.error(at + ".type", "required: one of " + CHANGE_TYPES);
            if (e.at() != null && e.at().compareTo(spec.duration()) >= 0)
                throw src.error(at + ".at", e.at() + " is not before the end of the run (" + spec.duration() + ")");
            ScenarioNames.check(src, at + ".name", KubernetesNames.SUBDOMAIN, "a change name", e.name());
            if (e.replicas() != null && e.replicas() > ScenarioLimits.MAX_PODS)
                throw src.error(at + ".replicas", ScenarioLimits.tooMany("replicas", e.replicas(), ScenarioLimits.MAX_PODS, "Kubernetes' limit of pods per cluster"));
            var t = e.target() == null ? new ScenarioDocument.FaultTarget(null, null, null, null) : e.target();
            changes.add(field(src, at, () -> switch (e.type()) {
                case "rollout" -> new DeploymentChange.Rollout(e.name(), e.at(), t.namespace(), t.deployment());
                case "config-change" -> new DeploymentChange.ConfigChange(e.name(), e.at(), t.namespace(), t.deployment());
                case "scale" -> {
                    if (e.replicas() == null) throw new IllegalArgumentException("replicas: required, the replicas to scale to, e.g. 6");
                    yield new DeploymentChange.Scale(e.name(), e.at(), t.namespace(), t.deployment(), e.replicas());
                }
                case "drain" -> new Change.Drain(e.name(), e.at(), t.node(), e.duration());
                default -> throw new IllegalArgumentException("type: unknown change '" + e.type() + "'; known: " + CHANGE_TYPES);
            }));
            switch (changes.getLast()) {
                case DeploymentChange d -> ClusterReferences.deployment(src, at + ".target.deployment", "target.namespace", d.namespace(), d.deployment(), cluster);
                case Change.Drain d when cluster.nodes().stream().noneMatch(n -> n.name().equals(d.node())) ->
                        throw src.error(at + ".target.node", "no node '" + d.node() + "' in spec.cluster; known: "
                                + cluster.nodes().stream().map(NodeSpec::name).sorted().toList());
                default -> { }
            }
        }
        return changes;
    }

    private static Fault appFault(ScenarioSource src, String at, ScenarioDocument.FaultEntry e, Duration start, ClusterSpec cluster) {
        return switch (e.type()) {
            case "memory-leak" -> {
                if (e.rate() == null) throw src.error(at + ".rate", "required: bytes leaked per second, e.g. 512Ki");
                if (e.duration() == null) throw src.error(at + ".duration", "required, e.g. 30m");
                var target = e.target();
                if (target == null || target.deployment() == null) throw src.error(at + ".target.deployment", "required: the deployment that leaks");
                ClusterReferences.deployment(src, at + ".target.deployment", "target.namespace", target.namespace(), target.deployment(), cluster);
                String name = e.name() == null ? target.deployment() + "-memory-leak" : e.name();
                yield field(src, at, () -> new MemoryLeak(name, start, e.duration(), target.namespace(), target.deployment(), e.rate()));
            }
            case "dependency-slowdown" -> {
                if (e.addedLatency() == null) throw src.error(at + ".addedLatency", "required: how much later the service answers, e.g. 200ms");
                if (e.duration() == null) throw src.error(at + ".duration", "required, e.g. 30m");
                var target = e.target();
                if (target == null || target.service() == null) throw src.error(at + ".target.service", "required: the service whose dependency slows down");
                String namespace = ClusterReferences.service(src, at + ".target.service", "target.namespace", target.namespace(), target.service(), cluster);
                String name = e.name() == null ? target.service() + "-dependency-slowdown" : e.name();
                yield field(src, at, () -> new DependencySlowdown(name, start, e.duration(), namespace, target.service(), e.addedLatency()));
            }
            case "bad-rollout", "misconfiguration", "cpu-hog", "deadlock" -> {
                if (e.duration() == null) throw src.error(at + ".duration", "required, e.g. 30m (for a rollout: when its authors roll it back)");
                var target = e.target();
                if (target == null || target.deployment() == null) throw src.error(at + ".target.deployment", "required: the deployment the fault hits");
                String namespace = ClusterReferences.deployment(src, at + ".target.deployment", "target.namespace", target.namespace(), target.deployment(), cluster);
                String name = e.name() == null ? target.deployment() + "-" + e.type() : e.name();
                yield field(src, at, () -> switch (e.type()) {
                    case "bad-rollout" -> new dev.homeostat.simulator.fault.BadRollout(name, start, e.duration(), namespace, target.deployment(),
                            e.latency(), e.errorPercent() == null ? 0 : e.errorPercent(), Boolean.TRUE.equals(e.crashOnStart()));
                    case "misconfiguration" -> new dev.homeostat.simulator.fault.Misconfiguration(name, start, e.duration(), namespace, target.deployment(),
                            misconfiguration(src, at, e.misconfiguration()));
                    case "cpu-hog" -> {
                        if (e.cores() == null) throw new IllegalArgumentException("cores: required, the CPU the busy loop burns, e.g. 0.5");
                        yield new dev.homeostat.simulator.fault.CpuHog(name, start, e.duration(), namespace, target.deployment(), e.cores());
                    }
                    default -> new dev.homeostat.simulator.fault.Deadlock(name, start, e.duration(), namespace, target.deployment(),
                            e.pods() == null ? 1 : e.pods());
                });
            }
            case "node-failure", "noisy-neighbour" -> {
                if (e.duration() == null) throw src.error(at + ".duration", "required, e.g. 10m");
                var target = e.target();
                if (target == null || target.node() == null) throw src.error(at + ".target.node", "required: the node the fault hits");
                if (cluster.nodes().stream().noneMatch(n -> n.name().equals(target.node())))
                    throw src.error(at + ".target.node", "no node '" + target.node() + "' in spec.cluster; known: "
                            + cluster.nodes().stream().map(n -> n.name()).sorted().toList());
                String name = e.name() == null ? target.node() + "-" + e.type() : e.name();
                yield field(src, at, () -> {
                    if (e.type().equals("node-failure")) return new dev.homeostat.simulator.fault.NodeFailure(name, start, e.duration(), target.node());
                    if (e.cores() == null) throw new IllegalArgumentException("cores: required, the CPU the neighbour takes, e.g. 2");
                    return new dev.homeostat.simulator.fault.NoisyNeighbour(name, start, e.duration(), target.node(), e.cores());
                });
            }
            default -> throw src.error(at + ".type",
                    "unknown fault type '" + e.type() + "'; known: " + APP_FAULT_TYPES + " (Chaos Mesh experiments go under manifest:)");
        };
    }

    private static dev.homeostat.simulator.fault.Misconfiguration.Kind misconfiguration(ScenarioSource src, String at, String value) {
        if ("wrong-port".equals(value)) return dev.homeostat.simulator.fault.Misconfiguration.Kind.WRONG_PORT;
        if ("readiness-never-passes".equals(value)) return dev.homeostat.simulator.fault.Misconfiguration.Kind.READINESS_NEVER_PASSES;
        throw src.error(at + ".misconfiguration", "give wrong-port or readiness-never-passes, was " + value);
    }

    /** Runs a record constructor; its IllegalArgumentException ("field: problem") becomes a ScenarioException under {@code path}. */
    private static <T> T field(ScenarioSource src, String path, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw src.error(path, e.getMessage());
        }
    }
}
