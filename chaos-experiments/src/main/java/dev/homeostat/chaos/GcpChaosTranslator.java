package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import io.fabric8.chaosmesh.v1alpha1.GCPChaos;
import io.fabric8.chaosmesh.v1alpha1.GCPChaosSpec;
import java.util.List;

/** GCPChaos: node-stop and node-reset → the node on that Compute Engine instance fails ({@link MachineFaults}); disk-loss cannot exist. */
final class GcpChaosTranslator implements FaultTranslator<GCPChaos> {
    @Override public Class<GCPChaos> modelType() { return GCPChaos.class; }

    @Override public List<Fault> translate(GCPChaos chaos, ManifestContext ctx) {
        GCPChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: GCPChaos needs spec.action, spec.project, spec.zone and spec.instance");
        String action = MachineFaults.required(ctx, "spec.action", spec.getAction(), "one of node-stop, node-reset, disk-loss");
        String project = MachineFaults.required(ctx, "spec.project", spec.getProject(), "the instance's project ID, e.g. project: my-project");
        String zone = MachineFaults.required(ctx, "spec.zone", spec.getZone(), "the instance's zone, e.g. zone: us-central1-a");
        String instance = MachineFaults.required(ctx, "spec.instance", spec.getInstance(), "the instance's name, e.g. instance: gke-pool-1-abcd");
        if (action.equals("disk-loss"))
            throw ctx.cannotExist("spec.action", "disk-loss detaches the instance's disks, and a simulated node has no disks, so its pods cannot lose one");
        return MachineFaults.stopOrRestart(ctx, "GCPChaos", action, action.equals("node-reset"), spec.getDuration(), CloudMachine.gce(project, zone, instance), instance);
    }
}
