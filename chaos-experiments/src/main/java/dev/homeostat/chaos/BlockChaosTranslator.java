package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.BlockFault;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.chaosmesh.v1alpha1.BlockChaos;
import io.fabric8.chaosmesh.v1alpha1.BlockChaosSpec;
import java.time.Duration;
import java.util.List;

/** BlockChaos → one {@link BlockFault}: delay (every IO request slower) or limit (the device's IOPS) on the volume's device. */
final class BlockChaosTranslator implements FaultTranslator<BlockChaos> {
    @Override public Class<BlockChaos> modelType() { return BlockChaos.class; }

    @Override public List<Fault> translate(BlockChaos chaos, ManifestContext ctx) {
        BlockChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: BlockChaos needs spec.action, spec.volumeName, spec.mode and spec.selector");
        String action = spec.getAction();
        if (action == null || action.isBlank()) throw ctx.fail("spec.action", "required; one of delay, limit");
        String volume = spec.getVolumeName();
        if (volume == null || volume.isBlank()) throw ctx.fail("spec.volumeName", "required: the volume whose block device is hit, e.g. volumeName: data");
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), spec.getContainerNames(), ctx);
        Duration duration = ctx.duration("spec.duration", spec.getDuration(), "for BlockChaos (how long the device is slow)");
        String name = ctx.faultNames(1).getFirst();
        if (action.equals("limit")) {
            if (spec.getIops() == null || spec.getIops() < 1) throw ctx.fail("spec.iops", "required for action limit: the operations a second, e.g. iops: 100");
            return List.of(new BlockFault(name, ctx.appliedAt(), duration, sel.selector(), sel.mode(), null, spec.getIops(), volume));
        }
        if (spec.getDelay() == null) throw ctx.fail("spec.delay", "required for action delay, e.g. delay: {latency: 100ms}");
        Duration latency = ctx.requiredDuration("spec.delay.latency", spec.getDelay().getLatency(), "for a delay");
        ctx.optionalDuration("spec.delay.jitter", spec.getDelay().getJitter());
        if (spec.getDelay().getCorrelation() != null && !spec.getDelay().getCorrelation().isBlank())
            ctx.percent("spec.delay.correlation", spec.getDelay().getCorrelation(), "");
        return List.of(new BlockFault(name, ctx.appliedAt(), duration, sel.selector(), sel.mode(), latency, 0, volume));
    }
}
