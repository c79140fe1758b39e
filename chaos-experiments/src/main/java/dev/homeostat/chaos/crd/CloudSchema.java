package dev.homeostat.chaos.crd;

import static dev.homeostat.chaos.crd.SelectorSchema.REMOTE_CLUSTER;
import static dev.homeostat.chaos.crd.Shape.listOf;
import static dev.homeostat.chaos.crd.Shape.oneOf;
import static dev.homeostat.chaos.crd.Shape.text;
import static dev.homeostat.chaos.crd.Shape.whole;
import static dev.homeostat.chaos.crd.Support.liveOnly;
import static dev.homeostat.chaos.crd.Support.simulated;

import java.util.List;

/**
 * The cloud kinds ({@code awschaos_types.go}, {@code gcpchaos_types.go}, {@code azurechaos_types.go}): each names one
 * virtual machine by its provider's identity, and a simulated node runs on the machine its {@code providerID} names
 * (scenario {@code spec.cluster.nodes[].providerID}, as Kubernetes' {@code Node.spec.providerID}). Stopping the
 * machine is a node failure, restarting it a short one after which its containers start afresh; detaching a disk
 * cannot exist in a simulation, whose nodes have no disks.
 */
public final class CloudSchema {
    private CloudSchema() { }

    /** How long a restarted machine is away: a reboot of a cloud VM takes about a minute until its kubelet is back. */
    public static final String REBOOT = "60 s";

    private static final String STOP = "the node the machine backs fails for the duration (NodeFailure: its pods stop answering, NotReady "
            + "after 40 s, evicted after 300 s) and comes back with its containers started afresh";
    private static final String RESTART = "the node is down for " + REBOOT + " (a reboot), then its containers start afresh";
    private static final String NO_DISKS = " cannot exist in a simulation: a simulated node has no disks, so its pods cannot lose one";
    private static final String CREDENTIALS = "the Secret holding the cloud credentials Chaos Mesh calls the provider's API with; a simulation calls none";
    private static final String DISK_ONLY = "read by the disk action only, which is refused; ignored otherwise, as Chaos Mesh ignores it";
    private static final String DURATION = "how long a stop lasts; absent, until the experiment is deleted (in a scenario, the run's end); "
            + "a restart is instantaneous and ignores it, as Chaos Mesh does";

    public static final Shape.Fields AWS_CHAOS = Shape.Fields.of("AWSChaosSpec", List.of(
            Field.of("action", oneOf("ec2-stop", "ec2-restart", "detach-volume"),
                    simulated("ec2-stop: " + STOP + "; ec2-restart: " + RESTART + "; detach-volume" + NO_DISKS)),
            Field.of("duration", text(), simulated(DURATION)),
            Field.of("secretName", text(), liveOnly(CREDENTIALS)),
            Field.of("awsRegion", text(), liveOnly("the region Chaos Mesh calls EC2 in; required, as Chaos Mesh requires it; the instance alone names the node")),
            Field.of("endpoint", text(), liveOnly("an EC2 endpoint other than AWS's (Chaos Mesh's tests use one); a simulation calls none")),
            Field.of("ec2Instance", text(), simulated("the instance: the node whose providerID is aws:///<zone>/<instance>; required; "
                    + "no such node: the machine is outside the simulated cluster and nothing is injected (a note says so)")),
            Field.of("volumeID", text(), liveOnly(DISK_ONLY)),
            Field.of("deviceName", text(), liveOnly(DISK_ONLY)),
            REMOTE_CLUSTER));

    public static final Shape.Fields GCP_CHAOS = Shape.Fields.of("GCPChaosSpec", List.of(
            Field.of("action", oneOf("node-stop", "node-reset", "disk-loss"),
                    simulated("node-stop: " + STOP + "; node-reset: " + RESTART + "; disk-loss" + NO_DISKS)),
            Field.of("duration", text(), simulated(DURATION)),
            Field.of("secretName", text(), liveOnly(CREDENTIALS)),
            Field.of("project", text(), simulated("with zone and instance, the node whose providerID is gce://<project>/<zone>/<instance>; required")),
            Field.of("zone", text(), simulated("see project; required")),
            Field.of("instance", text(), simulated("see project; required; no such node: nothing is injected (a note says so)")),
            Field.of("deviceNames", listOf(text()), liveOnly(DISK_ONLY)),
            REMOTE_CLUSTER));

    public static final Shape.Fields AZURE_CHAOS = Shape.Fields.of("AzureChaosSpec", List.of(
            Field.of("action", oneOf("vm-stop", "vm-restart", "disk-detach"),
                    simulated("vm-stop: " + STOP + "; vm-restart: " + RESTART + "; disk-detach" + NO_DISKS)),
            Field.of("duration", text(), simulated(DURATION)),
            Field.of("secretName", text(), liveOnly(CREDENTIALS)),
            Field.of("subscriptionID", text(), simulated("with resourceGroupName and vmName, the node whose providerID is azure:///subscriptions/"
                    + "<subscriptionID>/resourceGroups/<resourceGroupName>/providers/Microsoft.Compute/virtualMachines/<vmName> "
                    + "(compared without case, as Azure names are); required")),
            Field.of("resourceGroupName", text(), simulated("see subscriptionID; required")),
            Field.of("vmName", text(), simulated("see subscriptionID; required; no such node: nothing is injected (a note says so)")),
            Field.of("diskName", text(), liveOnly(DISK_ONLY)),
            Field.of("lun", whole(0, Integer.MAX_VALUE), liveOnly(DISK_ONLY)),
            REMOTE_CLUSTER));
}
