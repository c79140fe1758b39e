package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryStress;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.chaosmesh.v1alpha1.StressChaos;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The catalogue in manifests/: what each file turns into, and that it is clean Chaos Mesh YAML. */
class CatalogueTest {
    private static final Path CATALOGUE = Path.of("manifests");
    private static final Duration AT = Duration.ofSeconds(90);

    private static PodSelector inDefault(String app) {
        return new PodSelector(Set.of("default"), Map.of("app", app), Set.of());
    }

    @Test
    void podKill_killsAllFrontendPodsInDefault_instantly() {
        assertThat(ChaosManifests.translate(CATALOGUE.resolve("pod-kill.yaml"), AT)).containsExactly(
                new PodKill("frontend-pod-kill", AT, inDefault("frontend"), SelectionMode.all()));
    }

    @Test
    void memoryStress_holds256DecimalMegabytesInOneCartPod_forFiveMinutes() {
        assertThat(ChaosManifests.translate(CATALOGUE.resolve("memory-stress.yaml"), AT)).containsExactly(
                new MemoryStress("cart-memory-stress", AT, Duration.ofMinutes(5), inDefault("cart"), SelectionMode.one(), 1, 256_000_000L));
    }

    @Test
    void podFailure_failsOneCatalogPod_forTwoMinutes() {
        assertThat(ChaosManifests.translate(CATALOGUE.resolve("pod-failure.yaml"), AT)).containsExactly(
                new PodFailure("catalog-pod-failure", AT, Duration.ofMinutes(2), inDefault("catalog"), SelectionMode.one()));
    }

    @Test
    void containerKill_killsTheAppContainerOfOneCartPod() {
        assertThat(ChaosManifests.translate(CATALOGUE.resolve("container-kill.yaml"), AT)).containsExactly(
                new ContainerKill("cart-container-kill", AT, inDefault("cart"), SelectionMode.one(), List.of("app")));
    }

    @Test
    void cpuStress_runsTwoWorkersAt80PercentInAllCheckoutPods_forFiveMinutes() {
        assertThat(ChaosManifests.translate(CATALOGUE.resolve("cpu-stress.yaml"), AT)).containsExactly(
                new CpuStress("checkout-cpu-stress", AT, Duration.ofMinutes(5), inDefault("checkout"), SelectionMode.all(), 2, 80));
    }

    /**
     * Every file of the catalogue: one per supported kind/action, plus a Schedule and a Workflow, and the shapes that act
     * on the call graph (netem, a target with a direction, external targets, DNS patterns), and a Workflow whose Task asks
     * the cluster which branch to run, and a cloud kind's machine restart.
     */
    static final List<String> FILES = List.of("pod-kill.yaml", "memory-stress.yaml", "pod-failure.yaml", "container-kill.yaml", "cpu-stress.yaml",
            "network-delay.yaml", "network-loss.yaml", "network-duplicate.yaml", "network-corrupt.yaml", "network-partition.yaml",
            "network-bandwidth.yaml", "http-abort.yaml", "http-delay.yaml", "http-replace.yaml", "io-latency.yaml", "io-fault.yaml",
            "time-skew.yaml", "dns-error.yaml", "dns-random.yaml", "schedule-pod-kill.yaml", "workflow-serial.yaml",
            "network-netem.yaml", "network-delay-target.yaml", "network-partition-target.yaml", "network-loss-external.yaml",
            "dns-error-patterns.yaml", "workflow-task.yaml", "aws-ec2-restart.yaml");

    static List<String> files() { return FILES; }

    @Test
    void catalogue_validatesWithoutProblems_andHoldsOneExperimentPerSupportedKindAndAction() throws IOException {
        assertThat(ChaosManifests.validate(CATALOGUE)).isEmpty();
        try (Stream<Path> files = Files.list(CATALOGUE)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(FILES);
        }
        var kinds = new java.util.TreeSet<String>();
        for (String f : FILES) ChaosManifests.translate(CATALOGUE.resolve(f), AT).forEach(x -> kinds.add(x.kind()));
        assertThat(kinds).containsExactly("AWSChaos/ec2-restart", "DNSChaos/error", "DNSChaos/random", "HTTPChaos/abort", "HTTPChaos/delay", "HTTPChaos/replace",
                "IOChaos/fault", "IOChaos/latency", "NetworkChaos/bandwidth", "NetworkChaos/corrupt", "NetworkChaos/delay",
                "NetworkChaos/duplicate", "NetworkChaos/loss", "NetworkChaos/partition", "PodChaos/container-kill", "PodChaos/pod-failure",
                "PodChaos/pod-kill", "StressChaos/cpu", "StressChaos/memory", "TimeChaos/clock-skew", "Workflow/runtime");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("files")
    void catalogueManifest_deserialisesAsFabric8Model_withNothingLeftInAdditionalProperties(String file) throws Exception {
        String yaml = Files.readString(CATALOGUE.resolve(file));
        var mapper = new ObjectMapper(new YAMLFactory());
        String kind = mapper.readTree(yaml).path("kind").asText();
        Class<? extends HasMetadata> type = switch (kind) {
            case "PodChaos" -> PodChaos.class;
            case "StressChaos" -> StressChaos.class;
            case "NetworkChaos" -> io.fabric8.chaosmesh.v1alpha1.NetworkChaos.class;
            case "HTTPChaos" -> io.fabric8.chaosmesh.v1alpha1.HTTPChaos.class;
            case "IOChaos" -> io.fabric8.chaosmesh.v1alpha1.IOChaos.class;
            case "TimeChaos" -> io.fabric8.chaosmesh.v1alpha1.TimeChaos.class;
            case "DNSChaos" -> io.fabric8.chaosmesh.v1alpha1.DNSChaos.class;
            case "AWSChaos" -> io.fabric8.chaosmesh.v1alpha1.AWSChaos.class;
            // fabric8's chaosmesh-model has no Schedule/Workflow: this module's models, built the same way
            case "Schedule" -> dev.homeostat.chaos.model.Schedule.class;
            case "Workflow" -> dev.homeostat.chaos.model.Workflow.class;
            default -> throw new AssertionError(file + " has unexpected kind " + kind);
        };
        HasMetadata model = mapper.readValue(yaml, type);

        assertThat(model.getApiVersion()).isEqualTo("chaos-mesh.org/v1alpha1");
        assertThat(model.getMetadata().getName()).isNotBlank();
        assertThat(model.getMetadata().getNamespace()).isEqualTo("default");
        var leftovers = new ArrayList<String>();
        collectLeftovers(model, kind, leftovers);
        assertThat(leftovers).as("fields fabric8 did not recognise").isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("files")
    void catalogueManifest_startsWithAHeaderNamingWhatItDoesAndItsScenario(String file) throws IOException {
        List<String> lines = Files.readAllLines(CATALOGUE.resolve(file));
        String header = String.join("\n", lines.stream().takeWhile(l -> l.startsWith("#")).toList());
        assertThat(header).startsWith("# " + file.replace(".yaml", "") + ":").contains("Scenario:");
    }

    /** Walks fabric8 model getters and records every non-empty additionalProperties map by path. */
    private static void collectLeftovers(Object o, String path, List<String> out) throws InvocationTargetException, IllegalAccessException {
        switch (o) {
            case null -> { }
            case Collection<?> c -> {
                int i = 0;
                for (Object e : c) collectLeftovers(e, path + "[" + i++ + "]", out);
            }
            case Map<?, ?> m -> {
                for (var e : m.entrySet()) collectLeftovers(e.getValue(), path + "." + e.getKey(), out);
            }
            default -> {
                String pkg = o.getClass().getPackageName();
                if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("dev.homeostat.chaos.model")) return;
                for (Method m : o.getClass().getMethods()) {
                    if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || Modifier.isStatic(m.getModifiers())
                            || m.getDeclaringClass() == Object.class) continue;
                    Object value = m.invoke(o);
                    if (m.getName().equals("getAdditionalProperties")) {
                        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) out.add(path + " " + extra.keySet());
                    } else {
                        collectLeftovers(value, path + "." + m.getName().substring(3), out);
                    }
                }
            }
        }
    }

    @Test
    void catalogueFaults_allStartWhenApplied() {
        List<Fault> all = new ArrayList<>();
        for (String f : FILES)
            if (!f.startsWith("schedule") && !f.startsWith("workflow")) all.addAll(ChaosManifests.translate(CATALOGUE.resolve(f), Duration.ofMinutes(3)));
        assertThat(all).as("one fault per manifest, four for netem (delay, loss, duplicate, corrupt)").hasSize(28).allSatisfy(f -> assertThat(f.start()).isEqualTo(Duration.ofMinutes(3)));
    }
}
