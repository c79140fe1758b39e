package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stress-ng's other stressors: their workers are busy CPUs, their own options change nothing measured. */
class StressNgTest {
    private static final Duration AT = Duration.ofMinutes(2);
    private final ManifestTranslator manifests = new ManifestTranslator();
    @TempDir Path dir;

    private static String stress(String specBody) {
        return """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: StressChaos
                metadata: {name: s, namespace: shop}
                spec:
                  mode: all
                  selector: {labelSelectors: {app: cart}}
                  duration: 5m
                %s""".formatted(specBody.indent(2));
    }

    @Test
    void otherStressors_addBusyCpus_andTheirOwnOptionsAreHowOnly() {
        List<Fault> faults = manifests.translate("m.yaml", stress("stressngStressors: \"--matrix 2 --matrix-size 64 --sock 1 --sock-port 9000\"\n"), AT);
        assertThat(faults).singleElement().isInstanceOfSatisfying(CpuStress.class, c -> {
            assertThat(c.workers()).isEqualTo(3);
            assertThat(c.load()).isEqualTo(100);
        });
    }

    @Test
    void otherStressors_besideTheCpuStressor_areAFaultOfTheirOwn() {
        List<Fault> faults = manifests.translate("m.yaml", stress("stressors:\n  cpu: {workers: 1, load: 20, options: [\"--cache 1\"]}\n"), AT);
        assertThat(faults).extracting(f -> ((CpuStress) f).workers() * ((CpuStress) f).load()).containsExactlyInAnyOrder(20, 100);
    }

    @Test
    void aMemoryStressor_isNoted_asItsMemoryIsNotSimulated() throws Exception {
        Path m = dir.resolve("m.yaml");
        Files.writeString(m, stress("stressngStressors: \"--bigheap 1\"\n"));
        var check = ChaosManifests.check(m, Horizon.firstFiring());
        assertThat(check.problems()).isEmpty();
        assertThat(check.notes()).anySatisfy(n -> assertThat(n.message()).startsWith("planned: stress-ng --bigheap"));
    }

    @Test
    void cpuZero_isOneWorkerPerProcessorOfTheNode() {
        var cpu = (CpuStress) manifests.translate("m.yaml", stress("stressngStressors: \"--cpu 0 --cpu-load 60\"\n"), AT).getFirst();
        assertThat(cpu.perProcessor()).isTrue();
        assertThat(cpu.load()).isEqualTo(60);
    }

    @Test
    void vmZero_isOneWorkerPerProcessorOfTheNode() {
        var vm = (dev.homeostat.simulator.fault.MemoryStress) manifests.translate("m.yaml", stress("stressngStressors: \"--vm 0 --vm-bytes 64m\"\n"), AT).getFirst();
        assertThat(vm.workers()).isZero();
        assertThat(vm.bytesPerWorker()).isEqualTo(64L << 20);
    }

    @Test
    void zeroWorkers_dependOnTheNode_andAreRefusedByName() {
        var e = catchThrowableOfType(ManifestException.class,
                () -> manifests.translate("m.yaml", stress("stressngStressors: \"--matrix 0\"\n"), AT));
        assertThat(e.getMessage()).contains("spec.stressngStressors").contains("not modelled").contains("--matrix 0");
    }
}
