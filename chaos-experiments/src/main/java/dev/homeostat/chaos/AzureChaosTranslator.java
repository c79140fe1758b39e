package dev.homeostat.chaos;

import dev.homeostat.chaos.model.AzureChaos;
import dev.homeostat.chaos.model.AzureChaosSpec;
import dev.homeostat.simulator.fault.Fault;
import java.util.List;

/** AzureChaos: vm-stop and vm-restart → the node on that virtual machine fails ({@link MachineFaults}); disk-detach cannot exist. */
final class AzureChaosTranslator implements FaultTranslator<AzureChaos> {
    @Override public Class<AzureChaos> modelType() { return AzureChaos.class; }

    @Override public List<Fault> translate(AzureChaos chaos, ManifestContext ctx) {
        AzureChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: AzureChaos needs spec.action, spec.subscriptionID, spec.resourceGroupName and spec.vmName");
        String action = MachineFaults.required(ctx, "spec.action", spec.action(), "one of vm-stop, vm-restart, disk-detach");
        String subscription = MachineFaults.required(ctx, "spec.subscriptionID", spec.subscriptionID(), "the VM's subscription ID, e.g. subscriptionID: 00000000-0000-0000-0000-000000000000");
        String group = MachineFaults.required(ctx, "spec.resourceGroupName", spec.resourceGroupName(), "the VM's resource group, e.g. resourceGroupName: my-rg");
        String vm = MachineFaults.required(ctx, "spec.vmName", spec.vmName(), "the virtual machine's name, e.g. vmName: worker-1");
        if (action.equals("disk-detach"))
            throw ctx.cannotExist("spec.action", "disk-detach takes a data disk off the VM, and a simulated node has no disks, so its pods cannot lose one");
        return MachineFaults.stopOrRestart(ctx, "AzureChaos", action, action.equals("vm-restart"), spec.duration(), CloudMachine.azure(subscription, group, vm), vm);
    }
}
