package dev.homeostat.chaos;

import dev.homeostat.units.Quantity;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryStress;
import io.fabric8.chaosmesh.v1alpha1.CPUStressor;
import io.fabric8.chaosmesh.v1alpha1.MemoryStressor;
import io.fabric8.chaosmesh.v1alpha1.StressChaos;
import io.fabric8.chaosmesh.v1alpha1.StressChaosSpec;
import io.fabric8.chaosmesh.v1alpha1.Stressors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * StressChaos: {@code stressors.memory} → {@link MemoryStress}, {@code stressors.cpu} →
 * {@link CpuStress}, both for {@code spec.duration}; with both, two faults ({@code name#1} memory,
 * {@code name#2} cpu). Memory {@code size} is the total over all workers, as in Chaos Mesh (memStress
 * gives each worker size / workers), so {@code bytesPerWorker = size / workers}.
 */
final class StressChaosTranslator implements FaultTranslator<StressChaos> {
    private static final List<String> SPEC_FIELDS = List.of("mode", "value", "selector", "stressors", "duration");
    private static final List<String> STRESSORS = List.of("memory", "cpu");
    private static final List<String> MEMORY_FIELDS = List.of("workers", "size");
    private static final List<String> CPU_FIELDS = List.of("workers", "load");
    /** stress-ng's own default when Chaos Mesh passes no --cpu-load: full load. */
    private static final int DEFAULT_CPU_LOAD = 100;

    @Override public Class<StressChaos> modelType() { return StressChaos.class; }

    @Override public List<Fault> translate(StressChaos chaos, ManifestContext ctx) {
        StressChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: StressChaos needs spec.mode, spec.selector, spec.stressors and spec.duration");
        ctx.rejectUnknownFields("spec", spec.getAdditionalProperties(), SPEC_FIELDS);
        ctx.rejectNotModelled("spec.stressngStressors", spec.getStressngStressors() != null && !spec.getStressngStressors().isBlank(),
                "describe the stress with spec.stressors.memory / spec.stressors.cpu");
        ctx.rejectNotModelled("spec.containerNames", spec.getContainerNames() != null && !spec.getContainerNames().isEmpty(),
                "remove it: the stress applies to the selected pods' containers");
        Stressors stressors = spec.getStressors();
        if (stressors == null || stressors.getMemory() == null && stressors.getCpu() == null) {
            if (stressors != null) ctx.rejectUnknownFields("spec.stressors", stressors.getAdditionalProperties(), STRESSORS);
            throw ctx.fail("spec.stressors", "required: give stressors.memory (workers, size) and/or stressors.cpu (workers, load)");
        }
        ctx.rejectUnknownFields("spec.stressors", stressors.getAdditionalProperties(), STRESSORS);
        var target = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), ctx);
        Duration duration = ctx.requiredDuration("spec.duration", spec.getDuration(), "for StressChaos (how long the stress lasts)");

        // Faults are built once their names are known, and names depend on how many there are.
        var drafts = new ArrayList<java.util.function.Function<String, Fault>>();
        if (stressors.getMemory() != null) {
            MemoryStressor memory = stressors.getMemory();
            String path = "spec.stressors.memory";
            ctx.rejectUnknownFields(path, memory.getAdditionalProperties(), MEMORY_FIELDS);
            ctx.rejectNotModelled(path + ".options", memory.getOptions() != null && !memory.getOptions().isEmpty(),
                    "remove the stress-ng options");
            int workers = workers(path, memory.getWorkers(), ctx);
            if (memory.getSize() == null || memory.getSize().isBlank())
                throw ctx.fail(path + ".size", "required: the memory to hold in total, e.g. 256MB or 512MiB");
            long total;
            try {
                total = Quantity.parseBytes(memory.getSize());
            } catch (IllegalArgumentException e) {
                throw ctx.fail(path + ".size", e.getMessage());
            }
            long perWorker = total / workers;
            if (perWorker < 1)
                throw ctx.fail(path + ".size", "size " + memory.getSize() + " is less than one byte per worker; give a larger size");
            drafts.add(name -> new MemoryStress(name, ctx.appliedAt(), duration, target.selector(), target.mode(), workers, perWorker));
        }
        if (stressors.getCpu() != null) {
            CPUStressor cpu = stressors.getCpu();
            String path = "spec.stressors.cpu";
            ctx.rejectUnknownFields(path, cpu.getAdditionalProperties(), CPU_FIELDS);
            ctx.rejectNotModelled(path + ".options", cpu.getOptions() != null && !cpu.getOptions().isEmpty(),
                    "remove the stress-ng options");
            int workers = workers(path, cpu.getWorkers(), ctx);
            int load = cpu.getLoad() == null ? DEFAULT_CPU_LOAD : cpu.getLoad();
            if (load < 0 || load > 100)
                throw ctx.fail(path + ".load", "must be a percent of one core per worker in 0..100, was " + load);
            drafts.add(name -> new CpuStress(name, ctx.appliedAt(), duration, target.selector(), target.mode(), workers, load));
        }
        List<String> names = ctx.faultNames(drafts.size());
        var faults = new ArrayList<Fault>();
        for (int i = 0; i < drafts.size(); i++) faults.add(drafts.get(i).apply(names.get(i)));
        return List.copyOf(faults);
    }

    private static int workers(String path, Integer workers, ManifestContext ctx) {
        if (workers == null) throw ctx.fail(path + ".workers", "required: the number of stress workers, e.g. workers: 1");
        if (workers < 1) throw ctx.fail(path + ".workers", "must be >= 1, was " + workers);
        return workers;
    }
}
