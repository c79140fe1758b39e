package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.IoStress;
import dev.homeostat.simulator.fault.MemoryStress;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.chaosmesh.v1alpha1.StressChaos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chaos Mesh semantics carried into the faults: selectors, modes, sizes, names, timing, documents. */
class TranslationTest {
    private static final Duration AT = Duration.ofMinutes(2);
    private final ManifestTranslator manifests = new ManifestTranslator();
    @TempDir Path dir;

    private static String podChaos(String name, String namespace, String specBody) {
        return """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata:
                  name: %s
                  namespace: %s
                spec:
                %s""".formatted(name, namespace, specBody.indent(2));
    }

    @Test
    void selectorWithoutNamespaces_selectsInTheExperimentsOwnNamespace() {
        List<Fault> faults = manifests.translate("inline.yaml", podChaos("k", "shop", """
                action: pod-kill
                mode: one
                selector:
                  labelSelectors:
                    app: cart
                    tier: backend
                """), AT);
        assertThat(faults).containsExactly(new PodKill("k", AT,
                new PodSelector(Set.of("shop"), Map.of("app", "cart", "tier", "backend"), Set.of()), SelectionMode.one()));
    }

    @Test
    void experimentWithoutNamespace_defaultsToDefault() {
        String yaml = podChaos("k", "x", "action: pod-kill\nmode: all\nselector:\n  labelSelectors:\n    app: cart\n")
                .replace("  namespace: x\n", "");
        var kill = (PodKill) manifests.translate("inline.yaml", yaml, AT).getFirst();
        assertThat(kill.selector().namespaces()).containsExactly("default");
    }

    @Test
    void podsSelector_isUsedAsItStands_otherSelectorsIgnoredAsInChaosMesh() {
        var kill = (PodKill) manifests.translate("inline.yaml", podChaos("k", "shop", """
                action: pod-kill
                mode: all
                selector:
                  namespaces: [shop]
                  labelSelectors:
                    app: cart
                  pods:
                    shop: [cart-0, cart-1]
                    other: [db-0]
                """), AT).getFirst();
        assertThat(kill.selector()).isEqualTo(new PodSelector(Set.of(), Map.of(), Set.of("shop/cart-0", "shop/cart-1", "other/db-0")));
    }

    @Test
    void modesWithValues_becomeSelectionModes() {
        record Case(String mode, String value, SelectionMode expected) { }
        for (var c : List.of(
                new Case("fixed", "3", new SelectionMode(SelectionMode.Kind.FIXED, 3)),
                new Case("fixed-percent", "50", new SelectionMode(SelectionMode.Kind.FIXED_PERCENT, 50)),
                new Case("random-max-percent", "100", new SelectionMode(SelectionMode.Kind.RANDOM_MAX_PERCENT, 100)))) {
            var f = (PodFailure) manifests.translate("inline.yaml", podChaos("f", "shop", """
                    action: pod-failure
                    mode: %s
                    value: "%s"
                    duration: 1h30m
                    selector:
                      namespaces: [shop]
                    """.formatted(c.mode(), c.value())), AT).getFirst();
            assertThat(f.mode()).as(c.mode()).isEqualTo(c.expected());
            assertThat(f.duration()).isEqualTo(Duration.ofMinutes(90));
        }
    }

    @Test
    void emptyValueWithModeOne_isAcceptedAsDashboardsExportIt() {
        var f = manifests.translate("inline.yaml", podChaos("k", "shop",
                "action: pod-kill\nmode: one\nvalue: ''\nselector:\n  namespaces: [shop]\n"), AT);
        assertThat(f).singleElement().extracting(Fault::kind).isEqualTo("PodChaos/pod-kill");
    }

    @Test
    void memoryAndCpuStressors_yieldTwoFaults_namedWithSuffixes_sizeSplitOverWorkers() {
        String yaml = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: StressChaos
                metadata:
                  name: burn
                  namespace: shop
                spec:
                  mode: all
                  selector:
                    labelSelectors: {app: cart}
                  stressors:
                    memory:
                      workers: 4
                      size: 1GB
                    cpu:
                      workers: 3
                  duration: 90s
                """;
        PodSelector cart = new PodSelector(Set.of("shop"), Map.of("app", "cart"), Set.of());
        assertThat(manifests.translate("inline.yaml", yaml, AT)).containsExactly(
                new MemoryStress("burn#1", AT, Duration.ofSeconds(90), cart, SelectionMode.all(), 4, 250_000_000L),
                new CpuStress("burn#2", AT, Duration.ofSeconds(90), cart, SelectionMode.all(), 3, 100));
    }

    @Test
    void stressNgDiskWorkers_becomeAnIoStress_whoseDelayGrowsWithTheWorkers() {
        String yaml = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: StressChaos
                metadata: {name: disk, namespace: shop}
                spec:
                  mode: all
                  selector: {labelSelectors: {app: cart}}
                  stressngStressors: "-d 3 --hdd-write-size 4k --io=2 --timeout 60"
                  duration: 90s
                """;
        PodSelector cart = new PodSelector(Set.of("shop"), Map.of("app", "cart"), Set.of());
        var io = new IoStress("disk", AT, Duration.ofSeconds(60), cart, SelectionMode.all(), 3, 2);
        assertThat(manifests.translate("inline.yaml", yaml, AT)).containsExactly(io);
        assertThat(io.addedDelay()).isEqualTo(Duration.ofMillis(3 * 2 + 2));
        var check = manifests.contents("inline.yaml", yaml, AT, Horizon.firstFiring());
        assertThat(check.notes()).as("nothing planned: the disk workers are simulated").isEmpty();
        var zero = (IoStress) manifests.translate("inline.yaml", yaml.replace("-d 3", "-d 0"), AT).getFirst();
        assertThat(zero.hddPerProcessor()).as("--hdd 0: one worker per processor of the node").isTrue();
        assertThat(zero.addedDelay(4)).isEqualTo(Duration.ofMillis(4 * 2 + 2));
    }

    @Test
    void binaryMemorySize_isPowersOf1024() {
        String yaml = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: StressChaos
                metadata: {name: m, namespace: shop}
                spec:
                  mode: one
                  selector: {labelSelectors: {app: cart}}
                  stressors: {memory: {workers: 2, size: 512MiB}}
                  duration: 1m
                """;
        var m = (MemoryStress) manifests.translate("inline.yaml", yaml, AT).getFirst();
        assertThat(m.bytesPerWorker()).isEqualTo(256L << 20);
    }

    @Test
    void multiDocumentFile_yieldsFaultsInDocumentOrder_skippingEmptyDocuments() throws IOException {
        Path file = dir.resolve("combo.yaml");
        Files.writeString(file, """
                # two experiments applied together
                ---
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: first, namespace: shop}
                spec:
                  action: pod-kill
                  mode: one
                  selector: {labelSelectors: {app: cart}}
                ---
                # an empty document, as editors leave them
                ---
                apiVersion: chaos-mesh.org/v1alpha1
                kind: StressChaos
                metadata: {name: second, namespace: shop}
                spec:
                  mode: one
                  selector: {labelSelectors: {app: cart}}
                  stressors:
                    memory: {workers: 1, size: 64Mi}
                    cpu: {workers: 1, load: 50}
                  duration: 30s
                ---
                """);
        var experiments = manifests.experiments(file, AT);
        assertThat(experiments).extracting(ChaosExperiment::kind).containsExactly("PodChaos", "StressChaos");
        assertThat(experiments).extracting(ChaosExperiment::line).containsExactly(3, 13);
        assertThat(experiments.get(0).model()).isInstanceOf(PodChaos.class);
        assertThat(experiments.get(1).model()).isInstanceOf(StressChaos.class);
        assertThat(manifests.translate(file, AT)).extracting(Fault::name).containsExactly("first", "second#1", "second#2");
        assertThat(manifests.translate(file, AT)).extracting(Fault::kind)
                .containsExactly("PodChaos/pod-kill", "StressChaos/memory", "StressChaos/cpu");
    }

    @Test
    void errorInSecondDocument_pointsAtItsLineInTheFile() throws IOException {
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, podChaos("a", "shop", "action: pod-kill\nmode: all\nselector: {namespaces: [shop]}\n")
                + "---\n" + podChaos("b", "shop", "action: pod-kill\nmode: sometimes\nselector: {namespaces: [shop]}\n"));
        var problems = manifests.validate(file);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("spec.mode");
            assertThat(p.line()).isEqualTo(18);
            assertThat(p.toString()).startsWith(file + ":18: spec.mode: ");
        });
    }

    @Test
    void podKillWithDuration_isAcceptedAndStaysInstantaneous() {
        var kill = manifests.translate("inline.yaml", podChaos("k", "shop",
                "action: pod-kill\nmode: all\nduration: 30s\nselector: {namespaces: [shop]}\n"), AT).getFirst();
        assertThat(kill.duration()).isZero();
    }

    @Test
    void customRegistry_canLeaveKindsOut() {
        var onlyStress = new ManifestTranslator(new TranslatorRegistry(List.of(
                new TranslatorRegistry.Entry("StressChaos", new StressChaosTranslator()))));
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(ManifestException.class, () -> onlyStress.translate("x.yaml",
                podChaos("k", "shop", "action: pod-kill\nmode: all\nselector: {namespaces: [shop]}\n"), AT));
        assertThat(e.getMessage()).isEqualTo("x.yaml:2: kind: not translated here: PodChaos has no translator in this registry; use TranslatorRegistry.defaults()");
    }

    @Test
    void aBandwidthQueueShorterThanOnePacket_isSaidToDropWhatFindsTheBucketEmpty_aDeepOneIsNot() {
        String yaml = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: throttle, namespace: shop}
                spec:
                  action: bandwidth
                  mode: all
                  selector: {labelSelectors: {app: cart}}
                  bandwidth: {rate: 10mbps, limit: 100, buffer: 10000}
                  duration: 10m
                """;
        var notes = manifests.contents("inline.yaml", yaml, AT, Horizon.firstFiring()).notes();
        assertThat(notes).singleElement().satisfies(n -> {
            assertThat(n.field()).isEqualTo("spec.bandwidth.limit");
            assertThat(n.line()).isEqualTo(8);
            assertThat(n.message()).contains("100 bytes, less than one 1500-byte packet", "limit: 150000");
        });
        assertThat(manifests.contents("inline.yaml", yaml.replace("limit: 100,", "limit: 20971520,"), AT, Horizon.firstFiring()).notes())
                .isEmpty();
    }

    @Test
    void aZeroDelay_isAcceptedAsChaosMeshAcceptsIt_andSaidToDelayNothing() {
        // the "remove the delay" step users write in a Workflow: Chaos Mesh's webhook only parses the duration
        String network = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: undo, namespace: shop}
                spec:
                  action: delay
                  mode: all
                  selector: {labelSelectors: {app: cart}}
                  delay: {latency: "0ms"}
                  duration: 1m
                """;
        var delay = (dev.homeostat.simulator.fault.NetworkDelay) manifests.translate("inline.yaml", network, AT).getFirst();
        assertThat(delay.latency()).isZero();
        assertThat(manifests.contents("inline.yaml", network, AT, Horizon.firstFiring()).notes()).singleElement().satisfies(n -> {
            assertThat(n.field()).isEqualTo("spec.delay.latency");
            assertThat(n.message()).contains("delays nothing");
        });
        String http = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: HTTPChaos
                metadata: {name: undo, namespace: shop}
                spec:
                  mode: all
                  selector: {labelSelectors: {app: cart}}
                  target: Request
                  port: 8080
                  delay: 0s
                  duration: 1m
                """;
        var rule = (dev.homeostat.simulator.fault.HttpFault) manifests.translate("inline.yaml", http, AT).getFirst();
        assertThat(rule.action()).isEqualTo(dev.homeostat.simulator.fault.HttpFault.HttpAction.NONE);
        assertThat(manifests.contents("inline.yaml", http, AT, Horizon.firstFiring()).notes()).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("delays nothing"));
        var e = catchThrowableOfType(ManifestException.class, () -> manifests.translate("inline.yaml", network.replace("\"0ms\"", "\"soon\""), AT));
        assertThat(e.getMessage()).contains("spec.delay.latency");
    }
}
