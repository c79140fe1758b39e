package dev.homeostat.chaos;

import dev.homeostat.units.Quantity;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.IoStress;
import dev.homeostat.simulator.fault.MemoryStress;
import io.fabric8.chaosmesh.v1alpha1.CPUStressor;
import io.fabric8.chaosmesh.v1alpha1.MemoryStressor;
import io.fabric8.chaosmesh.v1alpha1.StressChaos;
import io.fabric8.chaosmesh.v1alpha1.StressChaosSpec;
import io.fabric8.chaosmesh.v1alpha1.Stressors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * StressChaos: {@code stressors.memory} → {@link MemoryStress}, {@code stressors.cpu} → {@link CpuStress}, both for
 * {@code spec.duration} (cut by a stress-ng {@code --timeout}); with both, two faults ({@code name#1} memory,
 * {@code name#2} cpu). Memory {@code size} is the total over all workers, as Chaos Mesh's memStress splits it, so
 * {@code bytesPerWorker = size / workers}, reached over {@code time} (memStress's ramp); stress-ng's {@code --hdd} and
 * {@code --io} workers (in the cpu options or {@code stressngStressors}) → {@link IoStress}, a fault of their own; the workers of
 * its other stressors ({@code --matrix}, {@code --sock} …) → a {@link CpuStress} of busy CPUs of their own; {@code oomScoreAdj} says whether the
 * kernel kills the stressor or the app at the container's limit. The cpu stressor's {@code options} and {@code stressngStressors} are read
 * as stress-ng reads them ({@link StressNg}); {@code stressngStressors} wins over {@code stressors}, as in Chaos Mesh.
 */
final class StressChaosTranslator implements FaultTranslator<StressChaos> {
    /** stress-ng's own default when Chaos Mesh passes no --cpu-load: full load. */
    private static final int DEFAULT_CPU_LOAD = 100;
    /** stress-ng's default --vm-bytes per worker. */
    private static final long DEFAULT_VM_BYTES = 256L << 20;

    @Override public Class<StressChaos> modelType() { return StressChaos.class; }

    @Override public List<Fault> translate(StressChaos chaos, ManifestContext ctx) {
        StressChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: StressChaos needs spec.mode, spec.selector, spec.stressors and spec.duration");
        var target = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), spec.getContainerNames(), ctx);
        Duration duration = ctx.duration("spec.duration", spec.getDuration(), "for StressChaos (how long the stress lasts)");
        var drafts = new ArrayList<BiFunction<String, Duration, Fault>>();
        Duration length = duration;
        String stressng = spec.getStressngStressors();
        if (stressng != null && !stressng.isBlank()) {
            if (spec.getStressors() != null) ctx.note("spec.stressors", "ignored: stressngStressors wins over stressors, as in Chaos Mesh");
            var s = StressNg.parse("spec.stressngStressors", List.of(stressng), new StressNg.Stress(null, null, null, null, null), ctx);
            length = shorter(duration, s.timeout());
            addVm(drafts, "spec.stressngStressors", s, target, ctx);
            addCpu(drafts, "spec.stressngStressors", s, target, ctx);
            addIo(drafts, "spec.stressngStressors", s, target, ctx);
            addOthers(drafts, s, target, ctx);
            if (drafts.isEmpty())
                throw ctx.fail("spec.stressngStressors", "names no stressor of stress-ng's table (--cpu, --vm, --hdd, --matrix …), so "
                        + "stress-ng starts no worker (it exits: no stress workers invoked); give one with its workers, e.g. --cpu 1");
        } else {
            Stressors stressors = spec.getStressors();
            if (stressors == null || stressors.getMemory() == null && stressors.getCpu() == null)
                throw ctx.fail("spec.stressors", "required: give stressors.memory (workers, size) and/or stressors.cpu (workers, load)");
            if (stressors.getMemory() != null) memory(stressors.getMemory(), drafts, target, ctx);
            if (stressors.getCpu() != null) {
                CPUStressor cpu = stressors.getCpu();
                String path = "spec.stressors.cpu";
                int workers = workers(path, cpu.getWorkers(), ctx);
                int load = cpu.getLoad() == null ? DEFAULT_CPU_LOAD : cpu.getLoad();
                // Chaos Mesh runs stress-ng --cpu W --cpu-load L <options>: an option may override either, or add vm workers.
                var s = StressNg.parse(path + ".options", cpu.getOptions() == null ? List.of() : cpu.getOptions(),
                        new StressNg.Stress(workers, load, null, null, null), ctx);
                length = shorter(duration, s.timeout());
                addVm(drafts, path + ".options", s, target, ctx);
                addCpu(drafts, path + ".options", s, target, ctx);
                addIo(drafts, path + ".options", s, target, ctx);
                addOthers(drafts, s, target, ctx);
            }
        }
        List<String> names = ctx.faultNames(Math.max(1, drafts.size()));
        var faults = new ArrayList<Fault>();
        for (int i = 0; i < drafts.size(); i++) faults.add(drafts.get(i).apply(names.get(i), length));
        return List.copyOf(faults);
    }

    private static void memory(MemoryStressor memory, List<BiFunction<String, Duration, Fault>> drafts, ChaosSelectors.Target target, ManifestContext ctx) {
        String path = "spec.stressors.memory";
        // memStress reads the options after the fields: a -workers, -size or -time there wins
        var options = MemStressOptions.read(path + ".options", memory.getOptions() == null ? List.of() : memory.getOptions(), ctx);
        int workers = options.workers() != null ? options.workers() : workers(path, memory.getWorkers(), ctx);
        String sizeField = options.size() != null ? path + ".options" : path + ".size";
        String size = options.size() != null ? options.size() : memory.getSize();
        // no size: memStress takes the machine's memory; a percent is a share of it (a container sees the node's)
        double share = size == null || size.isBlank() ? 1 : size.strip().endsWith("%") ? ctx.percent(sizeField, size.strip().substring(0, size.strip().length() - 1), "of the node's memory") / 100 : 0;
        long perWorker = 0;
        if (share == 0) {
            long total;
            try {
                total = Quantity.parseBytes(size);
            } catch (IllegalArgumentException e) {
                throw ctx.fail(sizeField, e.getMessage());
            }
            perWorker = total / workers;
            if (perWorker < 1) throw ctx.fail(sizeField, "size " + size + " is less than one byte per worker; give a larger size");
        } else if (share <= 0) {
            throw ctx.fail(sizeField, "a share of the node's memory must be above 0 %, e.g. 25%");
        }
        long bytesPerWorker = perWorker;
        double shareOfNodePerWorker = share / workers;
        // fabric8's MemoryStressor lacks oomScoreAdj; both are read as written (the schema has checked their range and type)
        var time = ctx.at(path + ".time");
        Duration ramp = options.time() != null ? ctx.optionalDuration(path + ".options", options.time()).orElse(null)
                : time.isTextual() ? ctx.optionalDuration(path + ".time", time.asText()).orElse(null) : null;
        var adj = ctx.at(path + ".oomScoreAdj");
        Integer oomScoreAdj = adj.isNumber() ? adj.asInt() : null;
        drafts.add((name, length) -> new MemoryStress(name, ctx.appliedAt(), length, target.selector(), target.mode(), workers, bytesPerWorker,
                ramp, oomScoreAdj, shareOfNodePerWorker));
    }

    private static void addVm(List<BiFunction<String, Duration, Fault>> drafts, String field, StressNg.Stress s, ChaosSelectors.Target target, ManifestContext ctx) {
        // --vm 0: one worker per processor of the machine, read from each pod's node (MemoryStress workers 0)
        if (s.vmWorkers() == null) return;
        long perWorker = s.vmBytes() == null ? DEFAULT_VM_BYTES : s.vmBytes();
        int workers = s.vmWorkers();
        double share = s.vmShareOfNode() == null ? 0 : s.vmShareOfNode();
        drafts.add((name, length) -> new MemoryStress(name, ctx.appliedAt(), length, target.selector(), target.mode(), workers, share > 0 ? 0 : perWorker,
                null, null, share));
    }

    /** {@code --cpu 0}: one worker per processor of the machine, which the simulator reads from each pod's node ({@link CpuStress#perProcessor()}). */
    private static void addCpu(List<BiFunction<String, Duration, Fault>> drafts, String field, StressNg.Stress s, ChaosSelectors.Target target, ManifestContext ctx) {
        if (s.cpuWorkers() == null) return;
        int workers = s.cpuWorkers();
        int load = s.cpuLoad() == null ? DEFAULT_CPU_LOAD : s.cpuLoad();
        drafts.add((name, length) -> new CpuStress(name, ctx.appliedAt(), length, target.selector(), target.mode(), workers, load));
    }

    /** stress-ng's disk workers ({@code --hdd}, {@code --io}): the pod's requests wait on a busy disk ({@link IoStress}). */
    private static void addIo(List<BiFunction<String, Duration, Fault>> drafts, String field, StressNg.Stress s, ChaosSelectors.Target target, ManifestContext ctx) {
        // 0: one worker per processor of the machine, read from each pod's node
        int hdd = s.hddWorkers() == null ? 0 : s.hddWorkers(), io = s.ioWorkers() == null ? 0 : s.ioWorkers();
        boolean hddPerProcessor = s.hddWorkers() != null && hdd == 0, ioPerProcessor = s.ioWorkers() != null && io == 0;
        if (hdd + io == 0 && !hddPerProcessor && !ioPerProcessor) return;
        drafts.add((name, length) -> new IoStress(name, ctx.appliedAt(), length, target.selector(), target.mode(), hdd, io, hddPerProcessor, ioPerProcessor));
    }

    /** The workers of stress-ng's other stressors ({@code --matrix 2}, {@code --sock 1} …): each runs flat out, one busy CPU. */
    private static void addOthers(List<BiFunction<String, Duration, Fault>> drafts, StressNg.Stress s, ChaosSelectors.Target target, ManifestContext ctx) {
        int workers = s.otherWorkers();
        if (workers > 0)
            drafts.add((name, length) -> new CpuStress(name, ctx.appliedAt(), length, target.selector(), target.mode(), workers, DEFAULT_CPU_LOAD));
        // each stressor given 0 workers: one per processor of the pod's node (CpuStress workers 0)
        for (int i = 0; i < s.otherPerProcessor(); i++)
            drafts.add((name, length) -> new CpuStress(name, ctx.appliedAt(), length, target.selector(), target.mode(), 0, DEFAULT_CPU_LOAD));
        // the memory stressors also hold memory, as --vm does
        for (StressNg.Memory m : s.memory())
            drafts.add((name, length) -> new MemoryStress(name, ctx.appliedAt(), length, target.selector(), target.mode(), m.workers(),
                    m.bytesPerWorker(), null, null, m.shareOfNode(), m.untilAllocationFails()));
    }

    private static Duration shorter(Duration a, Duration b) {
        return b != null && b.compareTo(a) < 0 ? b : a;
    }

    private static int workers(String path, Integer workers, ManifestContext ctx) {
        if (workers == null) throw ctx.fail(path + ".workers", "required: the number of stress workers, e.g. workers: 1");
        if (workers < 1) throw ctx.fail(path + ".workers", "must be >= 1, was " + workers);
        return workers;
    }
}
