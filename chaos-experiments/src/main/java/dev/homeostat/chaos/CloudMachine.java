package dev.homeostat.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * A virtual machine a cloud kind names (AWSChaos {@code ec2Instance}, GCPChaos {@code project}/{@code zone}/{@code instance},
 * AzureChaos {@code subscriptionID}/{@code resourceGroupName}/{@code vmName}) and the Kubernetes node it backs: the one
 * whose {@code spec.providerID} is that machine's. One rule for the simulation (which node fails) and a live run (whose
 * pods are the targets).
 *
 * @param description how messages name it, e.g. {@code EC2 instance i-0abc}
 * @param providerID  the provider ID Kubernetes writes for it; an AWS one holds the zone before the instance, which the
 *                    spec does not name (the region's first zone stands in), so AWS IDs match by instance alone
 */
public record CloudMachine(String description, String providerID) {
    /** The machine {@code spec} (a cloud kind's spec, or one embedded in a Schedule or Workflow) names, when it names one. */
    public static Optional<CloudMachine> of(JsonNode spec) {
        String instance = text(spec, "ec2Instance");
        if (instance != null) return Optional.of(aws(Optional.ofNullable(text(spec, "awsRegion")).orElse("us-east-1"), instance));
        String project = text(spec, "project"), zone = text(spec, "zone"), gce = text(spec, "instance");
        if (project != null && zone != null && gce != null) return Optional.of(gce(project, zone, gce));
        String subscription = text(spec, "subscriptionID"), group = text(spec, "resourceGroupName"), vm = text(spec, "vmName");
        if (subscription != null && group != null && vm != null) return Optional.of(azure(subscription, group, vm));
        return Optional.empty();
    }

    /** An EC2 instance in {@code region}. */
    public static CloudMachine aws(String region, String instance) {
        return new CloudMachine("EC2 instance " + instance, "aws:///" + region + "a/" + instance);
    }

    /** A Compute Engine instance. */
    public static CloudMachine gce(String project, String zone, String instance) {
        return new CloudMachine("instance " + instance + " (" + project + ", " + zone + ")", "gce://" + project + "/" + zone + "/" + instance);
    }

    /** An Azure virtual machine. */
    public static CloudMachine azure(String subscription, String group, String vm) {
        return new CloudMachine("virtual machine " + vm + " (" + group + ")", "azure:///subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.Compute/virtualMachines/" + vm);
    }

    /**
     * Whether a node with provider ID {@code nodeProviderID} runs on this machine: the same ID without regard to case (Azure's
     * names have none, and Kubernetes often writes the resource group in lower case), an AWS one by its instance alone.
     */
    public boolean backs(String nodeProviderID) {
        if (nodeProviderID == null) return false;
        String node = nodeProviderID.toLowerCase(Locale.ROOT), mine = providerID.toLowerCase(Locale.ROOT);
        if (mine.startsWith("aws://")) return node.startsWith("aws://") && node.endsWith(mine.substring(mine.lastIndexOf('/')));
        return node.equals(mine);
    }

    private static String text(JsonNode spec, String field) {
        JsonNode n = spec.path(field);
        return n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
    }
}
