package dev.homeostat.testbed.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.GoDuration;
import dev.homeostat.chaos.ManifestException;
import dev.homeostat.chaos.Quantity;
import dev.homeostat.reports.score.Expectations;
import dev.homeostat.reports.score.ScoringConfig;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
    static final List<String> APP_FAULT_TYPES = List.of("memory-leak");

    private final ObjectMapper yaml = createMapper();

    /** A scenario file, or every {@code *.yaml}/{@code *.yml} file under a folder, sorted by path. */
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
        List<Scenario> scenarios = files.stream().map(this::load).toList();
        var names = new HashSet<String>();
        for (Scenario s : scenarios)
            if (!names.add(s.name()))
                throw new ScenarioException(s.source(), 0, "metadata.name", "'" + s.name() + "' is used by another scenario of this suite; names must be unique");
        return scenarios;
    }

    public Scenario load(Path file) {
        ScenarioDocument doc;
        try {
            doc = yaml.readValue(file.toFile(), ScenarioDocument.class);
        } catch (JsonMappingException e) {
            throw fromJackson(file, e);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ScenarioException(file, line, null, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException(file, 0, null, "cannot read: " + e.getMessage());
        }
        if (doc == null) throw new ScenarioException(file, 0, null, "empty file; a scenario starts with apiVersion: " + API_VERSION);
        return toScenario(file, doc);
    }

    private Scenario toScenario(Path file, ScenarioDocument doc) {
        if (!API_VERSION.equals(doc.apiVersion()))
            throw new ScenarioException(file, 0, "apiVersion", "must be " + API_VERSION + ", was " + doc.apiVersion());
        if (!KIND.equals(doc.kind())) throw new ScenarioException(file, 0, "kind", "must be " + KIND + ", was " + doc.kind());
        if (doc.metadata() == null || doc.metadata().name() == null || doc.metadata().name().isBlank())
            throw new ScenarioException(file, 0, "metadata.name", "required: a unique scenario name");
        var spec = doc.spec();
        if (spec == null) throw new ScenarioException(file, 0, "spec", "required");
        if (spec.duration() == null) throw new ScenarioException(file, 0, "spec.duration", "required, e.g. 2h");
        if (spec.cluster() == null) throw new ScenarioException(file, 0, "spec.cluster", "required: nodes, deployments and services");
        if (spec.engine() == null || spec.engine().policy() == null)
            throw new ScenarioException(file, 0, "spec.engine.policy", "required: path of a RemediationPolicy YAML, relative to this file");
        Path policy = file.toAbsolutePath().getParent().resolve(spec.engine().policy()).normalize();
        if (!Files.isRegularFile(policy))
            throw new ScenarioException(file, 0, "spec.engine.policy", "no such file: " + policy);

        ClusterSpec cluster = cluster(file, spec.cluster());
        List<Fault> faults = faults(file, spec, cluster);
        SimulationSpec simulation = field(file, "spec", () -> new SimulationSpec(cluster, spec.duration(), spec.scrapeInterval(), faults));

        long seed = spec.seed() == null ? 1 : spec.seed();
        int count = spec.seeds() == null ? 1 : spec.seeds();
        if (count < 1) throw new ScenarioException(file, 0, "spec.seeds", "must be >= 1 (how many seeds to run), was " + count);
        var scoring = spec.scoring();
        ScoringConfig scoringConfig = field(file, "spec.scoring", () -> new ScoringConfig(
                millis(scoring == null ? null : scoring.grace(), ScoringConfig.DEFAULT.graceMillis()),
                millis(scoring == null ? null : scoring.alertCooldown(), ScoringConfig.DEFAULT.alertCooldownMillis()),
                millis(scoring == null ? null : scoring.escalationThreshold(), ScoringConfig.DEFAULT.escalationThresholdMillis())));
        Expectations expectations = spec.expectations() == null ? Expectations.NONE : spec.expectations();
        return new Scenario(doc.metadata().name(), spec.description() == null ? "" : spec.description(), file, simulation,
                LongStream.range(seed, seed + count).boxed().toList(), policy, scoringConfig, expectations);
    }

    private static long millis(Duration d, long fallback) { return d == null ? fallback : d.toMillis(); }

    private static ClusterSpec cluster(Path file, ScenarioDocument.Cluster c) {
        var nodes = new ArrayList<NodeSpec>(c.nodes() == null ? List.of() : c.nodes());
        if (c.nodePool() != null) {
            var pool = c.nodePool();
            if (pool.count() < 1) throw new ScenarioException(file, 0, "spec.cluster.nodePool.count", "must be >= 1, was " + pool.count());
            String prefix = pool.prefix() == null ? "node" : pool.prefix();
            for (int i = 1; i <= pool.count(); i++) {
                String name = prefix + "-" + i;
                nodes.add(field(file, "spec.cluster.nodePool", () -> new NodeSpec(name, pool.cpu(), pool.memory(), Map.of())));
            }
        }
        var deployments = c.deployments() == null ? List.<DeploymentSpec>of() : c.deployments();
        var services = c.services() == null ? List.<ServiceSpec>of() : c.services();
        var deploymentKeys = deployments.stream().map(d -> d.namespace() + "/" + d.name()).collect(Collectors.toSet());
        for (int i = 0; i < services.size(); i++) {
            ServiceSpec s = services.get(i);
            if (!deploymentKeys.contains(s.namespace() + "/" + s.deployment()))
                throw new ScenarioException(file, 0, "spec.cluster.services[" + i + "].deployment",
                        "no deployment '" + s.namespace() + "/" + s.deployment() + "' in spec.cluster.deployments; known: " + deploymentKeys.stream().sorted().toList());
        }
        return field(file, "spec.cluster", () -> new ClusterSpec(nodes, deployments, services));
    }

    private static List<Fault> faults(Path file, ScenarioDocument.Spec spec, ClusterSpec cluster) {
        var entries = spec.faults() == null ? List.<ScenarioDocument.FaultEntry>of() : spec.faults();
        var faults = new ArrayList<Fault>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            String at = "spec.faults[" + i + "]";
            if (entry == null) throw new ScenarioException(file, 0, at, "empty entry; give manifest: or type:");
            Duration start = entry.at() == null ? Duration.ZERO : entry.at();
            if (start.isNegative()) throw new ScenarioException(file, 0, at + ".at", "must be >= 0, was " + start);
            if (start.compareTo(spec.duration()) >= 0)
                throw new ScenarioException(file, 0, at + ".at", start + " is not before the end of the run (" + spec.duration() + ")");
            if (entry.manifest() != null && entry.type() != null)
                throw new ScenarioException(file, 0, at, "give either manifest: (a Chaos Mesh experiment) or type: (an application fault), not both");
            if (entry.manifest() != null) {
                Path manifest = file.toAbsolutePath().getParent().resolve(entry.manifest()).normalize();
                if (!Files.isRegularFile(manifest))
                    throw new ScenarioException(file, 0, at + ".manifest", "no such file: " + manifest + " (paths are relative to the scenario file)");
                try {
                    faults.addAll(ChaosManifests.translate(manifest, start));
                } catch (ManifestException e) {
                    throw new ScenarioException(file, 0, at + ".manifest", e.getMessage());
                }
            } else if (entry.type() != null) {
                faults.add(appFault(file, at, entry, start));
            } else {
                throw new ScenarioException(file, 0, at, "give manifest: (path of a Chaos Mesh experiment) or type: (one of " + APP_FAULT_TYPES + ")");
            }
        }
        var names = new HashSet<String>();
        for (Fault f : faults)
            if (!names.add(f.name())) throw new ScenarioException(file, 0, "spec.faults", "two faults are named '" + f.name() + "'; names must be unique");
        for (Fault f : faults)
            if (f instanceof MemoryLeak leak && cluster.deployments().stream()
                    .noneMatch(d -> d.name().equals(leak.deployment()) && d.namespace().equals(leak.namespace())))
                throw new ScenarioException(file, 0, "spec.faults (" + f.name() + ").target.deployment",
                        "no deployment '" + leak.namespace() + "/" + leak.deployment() + "' in spec.cluster.deployments");
        return faults;
    }

    private static Fault appFault(Path file, String at, ScenarioDocument.FaultEntry e, Duration start) {
        return switch (e.type()) {
            case "memory-leak" -> {
                if (e.rate() == null) throw new ScenarioException(file, 0, at + ".rate", "required: bytes leaked per second, e.g. 512Ki");
                if (e.duration() == null) throw new ScenarioException(file, 0, at + ".duration", "required, e.g. 30m");
                var target = e.target();
                if (target == null) throw new ScenarioException(file, 0, at + ".target.deployment", "required: the deployment that leaks");
                String name = e.name() == null ? target.deployment() + "-memory-leak" : e.name();
                yield field(file, at, () -> new MemoryLeak(name, start, e.duration(), target.namespace(), target.deployment(), e.rate()));
            }
            default -> throw new ScenarioException(file, 0, at + ".type",
                    "unknown fault type '" + e.type() + "'; known: " + APP_FAULT_TYPES + " (Chaos Mesh experiments go under manifest:)");
        };
    }

    /** Runs a record constructor; its IllegalArgumentException ("field: problem") becomes a ScenarioException under {@code path}. */
    private static <T> T field(Path file, String path, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ScenarioException(file, 0, path, e.getMessage());
        }
    }

    private static ScenarioException fromJackson(Path file, JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String problem = switch (e) {
            case UnrecognizedPropertyException u -> "unknown field '" + u.getPropertyName() + "'; known: "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            case ValueInstantiationException v when v.getCause() != null -> v.getCause().getMessage();
            default -> e.getOriginalMessage();
        };
        return new ScenarioException(file, line, path, problem);
    }

    private static ObjectMapper createMapper() {
        var module = new SimpleModule("homeostat-scenario");
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING)
                    throw JsonMappingException.from(p, "a duration must be written with its unit, e.g. 30s, 5m, 1h30m");
                try {
                    return GoDuration.parse(p.getText());
                } catch (IllegalArgumentException ex) {
                    throw JsonMappingException.from(p, ex.getMessage());
                }
            }
        });
        JsonDeserializer<Long> bytes = new JsonDeserializer<>() {
            @Override public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken().isNumeric()) return p.getLongValue();
                try {
                    return Quantity.parseBytes(p.getText());
                } catch (IllegalArgumentException ex) {
                    throw JsonMappingException.from(p, ex.getMessage());
                }
            }
        };
        JsonDeserializer<Double> cpu = new JsonDeserializer<>() {
            @Override public Double deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken().isNumeric()) return p.getDoubleValue();
                try {
                    return Quantity.parseCpu(p.getText());
                } catch (IllegalArgumentException ex) {
                    throw JsonMappingException.from(p, ex.getMessage());
                }
            }
        };
        module.addDeserializer(Long.class, bytes);
        module.addDeserializer(long.class, bytes);
        module.addDeserializer(Double.class, cpu);
        module.addDeserializer(double.class, cpu);
        return new ObjectMapper(new YAMLFactory())
                .registerModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }
}
