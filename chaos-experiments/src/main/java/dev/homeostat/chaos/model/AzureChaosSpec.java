package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An AzureChaos spec ({@code azurechaos_types.go}): one virtual machine, by subscription, resource group and name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AzureChaosSpec(String action, String duration, String secretName, String subscriptionID, String resourceGroupName,
                             String vmName, String diskName, Integer lun, String remoteCluster) { }
