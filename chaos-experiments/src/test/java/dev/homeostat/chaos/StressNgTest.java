package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.IoStress;
import dev.homeostat.simulator.fault.MemoryStress;
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
    void aMemoryStressor_burnsACpu_andHoldsMemory_withNothingNoted() throws Exception {
        Path m = dir.resolve("m.yaml");
        Files.writeString(m, stress("stressngStressors: \"--bigheap 1\"\n"));
        var check = ChaosManifests.check(m, Horizon.firstFiring());
        assertThat(check.problems()).isEmpty();
        assertThat(check.notes()).isEmpty();
        List<Fault> faults = manifests.translate("m.yaml", stress("stressngStressors: \"--bigheap 1\"\n"), AT);
        assertThat(faults).hasSize(2);
        assertThat(((CpuStress) faults.get(0)).workers()).isEqualTo(1);
        assertThat(((MemoryStress) faults.get(1)).untilAllocationFails()).as("bigheap grows until an allocation fails").isTrue();
    }

    @Test
    void aSizedMemoryStressor_holdsItsBytesOption_orItsDefault() {
        var sized = (MemoryStress) manifests.translate("m.yaml", stress("stressngStressors: \"--mmap-bytes 300m --mmap 2\"\n"), AT).get(1);
        assertThat(sized.workers()).isEqualTo(2);
        assertThat(sized.bytesPerWorker()).isEqualTo(300L << 20);
        assertThat(sized.untilAllocationFails()).isFalse();
        var share = (MemoryStress) manifests.translate("m.yaml", stress("stressngStressors: \"--mremap 1 --mremap-bytes 10%\"\n"), AT).get(1);
        assertThat(share.shareOfNode()).isEqualTo(0.10);
        var stack = (MemoryStress) manifests.translate("m.yaml", stress("stressngStressors: \"--stack 3\"\n"), AT).get(1);
        assertThat(stack.bytesPerWorker()).as("the default stack limit").isEqualTo(8L << 20);
        var e = catchThrowableOfType(ManifestException.class,
                () -> manifests.translate("m.yaml", stress("stressngStressors: \"--mmap 1 --mmap-bytes lots\"\n"), AT));
        assertThat(e.getMessage()).contains("--mmap-bytes lots");
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
    void zeroWorkers_ofAnyStressor_areOnePerProcessorOfTheNode() {
        List<Fault> faults = manifests.translate("m.yaml", stress("stressngStressors: \"--matrix 0 --sock 2 --hdd 0 --io 1\"\n"), AT);
        assertThat(faults).filteredOn(CpuStress.class::isInstance).extracting(f -> ((CpuStress) f).workers()).containsExactlyInAnyOrder(2, 0);
        var io = (IoStress) faults.stream().filter(IoStress.class::isInstance).findFirst().orElseThrow();
        assertThat(io.hddPerProcessor()).isTrue();
        assertThat(io.ioPerProcessor()).isFalse();
        assertThat(io.addedDelay(8)).as("8 hdd workers on an 8-processor node, and one io worker").isEqualTo(java.time.Duration.ofMillis(8 * 2 + 1));
    }

    @Test
    void aCommandLineNamingNoStressor_isAnError_asStressNgStartsNothing() {
        var e = catchThrowableOfType(ManifestException.class,
                () -> manifests.translate("m.yaml", stress("stressngStressors: \"--timeout 60 --metrics-brief\"\n"), AT));
        assertThat(e.field()).isEqualTo("spec.stressngStressors");
        assertThat(e.problem()).startsWith("names no stressor");
    }

    @Test
    void memoryOptions_areMemStressFlags_thatWinOverTheFields() {
        var m = (MemoryStress) manifests.translate("m.yaml", stress("stressors:\n  memory:\n    workers: 1\n    size: 64MB\n"
                + "    options: [\"-workers 2\", \"--size=400MB\", \"-time 30s\", \"-client\"]\n"), AT).getFirst();
        assertThat(m.workers()).isEqualTo(2);
        assertThat(m.bytesPerWorker()).isEqualTo(200_000_000L);
        assertThat(m.rampUp()).isEqualTo(java.time.Duration.ofSeconds(30));
        var e = catchThrowableOfType(ManifestException.class, () -> manifests.translate("m.yaml",
                stress("stressors:\n  memory:\n    workers: 1\n    options: [\"-workers\", \"many\"]\n"), AT));
        assertThat(e.getMessage()).contains("spec.stressors.memory.options").contains("-workers many");
    }
}
