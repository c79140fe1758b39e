package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.IoError;
import dev.homeostat.simulator.fault.IoLatency;
import io.fabric8.chaosmesh.v1alpha1.IOChaos;
import io.fabric8.chaosmesh.v1alpha1.IOChaosSpec;
import java.time.Duration;
import java.util.List;

/**
 * IOChaos: {@code latency} (delay, percent) → {@link IoLatency}, {@code fault} (errno, percent) → {@link IoError}, on
 * the volume {@code volumePath} of the selected containers ({@code containerNames}). {@code path} and {@code methods}
 * are checked; every file operation of a simulated request matches them. A field of the other action is ignored, as
 * Chaos Mesh ignores it.
 */
final class IoChaosTranslator implements FaultTranslator<IOChaos> {
    static final List<String> ACTIONS = List.of("latency", "fault");

    @Override public Class<IOChaos> modelType() { return IOChaos.class; }

    @Override public List<Fault> translate(IOChaos chaos, ManifestContext ctx) {
        IOChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: IOChaos needs spec.action, spec.volumePath, spec.mode and spec.selector");
        String action = spec.getAction();
        if (action == null || action.isBlank()) throw ctx.fail("spec.action", "required; one of " + String.join(", ", ACTIONS));
        if (action.equals("attrOverride") || action.equals("mistake"))
            throw ctx.notModelled("spec.action", action + " changes file " + (action.equals("mistake") ? "contents" : "attributes")
                    + ", which no simulated request reads; use latency or fault");
        if (spec.getVolumePath() == null || spec.getVolumePath().isBlank())
            throw ctx.fail("spec.volumePath", "required: the mount point of the volume to inject into, e.g. volumePath: /var/run/data");
        int percent = spec.getPercent() == null ? 100 : spec.getPercent();
        List<String> methods = spec.getMethods() == null ? List.of() : spec.getMethods();
        for (int i = 0; i < methods.size(); i++) {
            String m = methods.get(i) == null ? "" : methods.get(i).toLowerCase(java.util.Locale.ROOT);
            if (!dev.homeostat.chaos.crd.ExperimentSchema.IO_METHODS.contains(m))
                throw ctx.fail("spec.methods[" + i + "]", "unknown file system call \"" + methods.get(i) + "\""
                        + dev.homeostat.chaos.crd.Suggest.didYouMean(m, dev.homeostat.chaos.crd.ExperimentSchema.IO_METHODS) + "; e.g. read, write, open");
        }
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), spec.getContainerNames(), ctx);
        Duration duration = ctx.duration("spec.duration", spec.getDuration(), "for IOChaos (how long the fault lasts)");
        String name = ctx.faultNames(1).getFirst();
        if (action.equals("latency")) {
            Duration delay = ctx.requiredDuration("spec.delay", spec.getDelay(), "for action latency");
            return List.of(new IoLatency(name, ctx.appliedAt(), duration, sel.selector(), sel.mode(), delay, percent, spec.getVolumePath()));
        }
        if (spec.getErrno() == null || spec.getErrno() <= 0)
            throw ctx.fail("spec.errno", "required for action fault: the error number to return, e.g. errno: 5 (EIO)");
        return List.of(new IoError(name, ctx.appliedAt(), duration, sel.selector(), sel.mode(), spec.getErrno(), percent, spec.getVolumePath()));
    }
}
