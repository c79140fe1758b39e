package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.IoError;
import dev.homeostat.simulator.fault.IoLatency;
import io.fabric8.chaosmesh.v1alpha1.IOChaos;
import io.fabric8.chaosmesh.v1alpha1.IOChaosSpec;
import java.time.Duration;
import java.util.List;

/**
 * IOChaos: {@code latency} (delay, percent) → {@link IoLatency}, {@code fault} (errno, percent) →
 * {@link IoError}, on the volume {@code volumePath} of the selected containers ({@code containerNames}).
 */
final class IoChaosTranslator implements FaultTranslator<IOChaos> {
    static final List<String> ACTIONS = List.of("latency", "fault");
    private static final List<String> SPEC_FIELDS = List.of("action", "mode", "value", "selector", "duration", "containerNames",
            "volumePath", "path", "methods", "percent", "delay", "errno");

    @Override public Class<IOChaos> modelType() { return IOChaos.class; }

    @Override public List<Fault> translate(IOChaos chaos, ManifestContext ctx) {
        IOChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: IOChaos needs spec.action, spec.volumePath, spec.mode and spec.selector");
        ctx.rejectUnknownFields("spec", spec.getAdditionalProperties(), SPEC_FIELDS);
        String action = spec.getAction();
        if (action == null || action.isBlank()) throw ctx.fail("spec.action", "required; one of " + String.join(", ", ACTIONS));
        if (!ACTIONS.contains(action))
            throw ctx.fail("spec.action", "unknown or not modelled IOChaos action \"" + action + "\"; supported: " + String.join(", ", ACTIONS)
                    + " (attrOverride and mistake change file contents, which no simulated request reads)");
        ctx.rejectNotModelled("spec.attr", spec.getAttr() != null, "remove it: file attributes are not modelled");
        ctx.rejectNotModelled("spec.mistake", spec.getMistake() != null, "remove it: file contents are not modelled");
        if (spec.getVolumePath() == null || spec.getVolumePath().isBlank())
            throw ctx.fail("spec.volumePath", "required: the mount point of the volume to inject into, e.g. volumePath: /var/run/data");
        int percent = spec.getPercent() == null ? 100 : spec.getPercent();
        if (percent < 0 || percent > 100) throw ctx.fail("spec.percent", "must be a percent of the file operations in 0..100, was " + percent);
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), spec.getContainerNames(), ctx);
        Duration duration = ctx.requiredDuration("spec.duration", spec.getDuration(), "for IOChaos (how long the fault lasts)");
        String name = ctx.faultNames(1).getFirst();
        if (action.equals("latency")) {
            ctx.rejectNotModelled("spec.errno", spec.getErrno() != null, "errno goes with action fault; remove it");
            Duration delay = ctx.requiredDuration("spec.delay", spec.getDelay(), "for action latency");
            return List.of(new IoLatency(name, ctx.appliedAt(), duration, sel.selector(), sel.mode(), delay, percent, spec.getVolumePath()));
        }
        ctx.rejectNotModelled("spec.delay", spec.getDelay() != null, "delay goes with action latency; remove it");
        if (spec.getErrno() == null || spec.getErrno() <= 0)
            throw ctx.fail("spec.errno", "required for action fault: the error number to return, e.g. errno: 5 (EIO)");
        return List.of(new IoError(name, ctx.appliedAt(), duration, sel.selector(), sel.mode(), spec.getErrno(), percent, spec.getVolumePath()));
    }
}
