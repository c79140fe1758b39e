package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodKill;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.chaosmesh.v1alpha1.PodChaosSpec;
import java.time.Duration;
import java.util.List;

/**
 * PodChaos: {@code pod-kill} → {@link PodKill}, {@code pod-failure} → {@link PodFailure} for
 * {@code spec.duration}, {@code container-kill} → {@link ContainerKill} of {@code spec.containerNames}.
 */
final class PodChaosTranslator implements FaultTranslator<PodChaos> {
    static final List<String> ACTIONS = List.of("pod-kill", "pod-failure", "container-kill");

    @Override public Class<PodChaos> modelType() { return PodChaos.class; }

    @Override public List<Fault> translate(PodChaos chaos, ManifestContext ctx) {
        PodChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: PodChaos needs spec.action, spec.mode and spec.selector");
        String action = spec.getAction();
        if (action == null || action.isBlank()) throw ctx.fail("spec.action", "required; one of " + String.join(", ", ACTIONS));
        List<String> containers = spec.getContainerNames() == null ? List.of() : spec.getContainerNames().stream().map(n -> n == null ? "" : n).toList();
        var target = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), ctx);
        String name = ctx.faultNames(1).getFirst();
        Duration start = ctx.appliedAt();
        Fault fault = switch (action) {
            case "pod-kill" -> {
                // Instantaneous; Chaos Mesh accepts and ignores a duration (and containerNames) here, so only the syntax is checked.
                ctx.optionalDuration("spec.duration", spec.getDuration());
                Duration grace = Duration.ofSeconds(spec.getGracePeriod() == null ? 0 : spec.getGracePeriod());
                yield new PodKill(name, start, target.selector(), target.mode(), grace);
            }
            case "pod-failure" -> {
                Duration d = ctx.duration("spec.duration", spec.getDuration(), "for pod-failure (how long the pods stay failed)");
                yield new PodFailure(name, start, d, target.selector(), target.mode());
            }
            case "container-kill" -> {
                if (containers.isEmpty())
                    throw ctx.fail("spec.containerNames", "required for container-kill: list the containers to kill, e.g. containerNames: [app]");
                ChaosSelectors.noteBlankContainerNames("spec", containers, ctx);
                ctx.optionalDuration("spec.duration", spec.getDuration());
                yield new ContainerKill(name, start, target.selector(), target.mode(), containers);
            }
            default -> throw ctx.fail("spec.action", "unknown value \"" + action + "\"; use one of " + String.join(", ", ACTIONS));
        };
        return List.of(fault);
    }
}
