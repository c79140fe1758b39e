package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.NodeFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the cloud kinds (AWSChaos, GCPChaos, AzureChaos) share: one virtual machine named by its provider's identity,
 * stopped or restarted. The machine is found among the simulated nodes by {@code spec.providerID}
 * ({@link TargetCluster#machines()}); its node fails as {@link NodeFailure} — for the duration (a stop) or for
 * {@link #REBOOT} (a restart) — and comes back with its containers started afresh. Without a simulated cluster (a check
 * of manifests alone, a live plan) the node is named after the machine. A machine no node runs on is outside the
 * simulated cluster: nothing is injected, and a note says so.
 */
final class MachineFaults {
    /** How long a restarted machine is away (CloudSchema.REBOOT): a cloud VM's reboot until its kubelet is back. */
    static final Duration REBOOT = Duration.ofSeconds(60);

    private MachineFaults() { }

    /** A required text field of a cloud spec, or the refusal naming it with an example. */
    static String required(ManifestContext ctx, String field, String value, String example) {
        if (value == null || value.isBlank()) throw ctx.fail(field, "required: " + example);
        return value.strip();
    }

    /**
     * @param action   the action as written (its kind/action is the fault's kind)
     * @param restart  a restart (ec2-restart, node-reset, vm-restart) rather than a stop
     * @param machine  the machine, and the node it backs
     * @param fallback the node's name when there is no simulated cluster
     */
    static List<Fault> stopOrRestart(ManifestContext ctx, String kind, String action, boolean restart, String durationText, CloudMachine machine,
                                     String fallback) {
        Duration duration;
        if (restart) {
            ctx.optionalDuration("spec.duration", durationText); // Chaos Mesh ignores it for a restart; its syntax is still checked
            duration = REBOOT;
        } else {
            duration = ctx.duration("spec.duration", durationText, "for " + kind + " (how long the machine stays stopped)");
        }
        String node = fallback;
        if (!(ctx.cluster() instanceof TargetCluster.Unknown)) {
            node = null;
            for (Map.Entry<String, String> m : ctx.cluster().machines().entrySet())
                if (machine.backs(m.getKey()) && (node == null || m.getValue().compareTo(node) < 0)) node = m.getValue();
            if (node == null) {
                ctx.note("spec", "no node of this cluster runs on " + machine.description() + " (spec.cluster.nodes[].providerID): Chaos Mesh would "
                        + (restart ? "restart" : "stop") + " a machine outside it, so nothing is injected");
                return List.of();
            }
        }
        return List.of(new NodeFailure(ctx.faultNames(1).getFirst(), ctx.appliedAt(), duration, node, kind + "/" + action, true));
    }
}
