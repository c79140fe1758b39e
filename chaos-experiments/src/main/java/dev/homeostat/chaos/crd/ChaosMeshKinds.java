package dev.homeostat.chaos.crd;

import static dev.homeostat.chaos.crd.Support.cannotExist;
import static dev.homeostat.chaos.crd.Support.simulated;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind of the {@code chaos-mesh.org} API group and what the simulator does with it: the supported kinds
 * with their spec schema, the others with the one sentence that says why not.
 */
public final class ChaosMeshKinds {
    /** The API group of every Chaos Mesh object. */
    public static final String GROUP = "chaos-mesh.org";

    /**
     * One kind: its name, the field that embeds its spec in a Schedule or Workflow template ({@code null} for kinds
     * that cannot be embedded), and its support; {@code spec} for the supported experiment kinds.
     */
    public record Kind(String name, String embedField, Support support, Shape.Fields spec) {
        public boolean supported() { return support instanceof Support.Simulated; }
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        experiment("PodChaos", "podChaos", ExperimentSchema.POD_CHAOS);
        experiment("NetworkChaos", "networkChaos", ExperimentSchema.NETWORK_CHAOS);
        experiment("StressChaos", "stressChaos", ExperimentSchema.STRESS_CHAOS);
        experiment("IOChaos", "ioChaos", ExperimentSchema.IO_CHAOS);
        experiment("HTTPChaos", "httpChaos", ExperimentSchema.HTTP_CHAOS);
        experiment("TimeChaos", "timeChaos", ExperimentSchema.TIME_CHAOS);
        experiment("DNSChaos", "dnsChaos", ExperimentSchema.DNS_CHAOS);
        experiment("JVMChaos", "jvmChaos", ExperimentSchema.JVM_CHAOS);
        experiment("BlockChaos", "blockChaos", ExperimentSchema.BLOCK_CHAOS);
        experiment("AWSChaos", "awsChaos", CloudSchema.AWS_CHAOS);
        experiment("GCPChaos", "gcpChaos", CloudSchema.GCP_CHAOS);
        experiment("AzureChaos", "azureChaos", CloudSchema.AZURE_CHAOS);
        add("Schedule", null, simulated("the embedded experiment or workflow at every firing of its cron, on the run's virtual clock"));
        add("Workflow", null, simulated("Serial, Parallel, Suspend, Schedule and experiment templates timed from the entry; with a Task or StatusCheck it runs in the simulation as it goes (branches and checks read the simulated cluster)"));
        add("PhysicalMachineChaos", "physicalmachineChaos",
                cannotExist("PhysicalMachineChaos acts on machines outside Kubernetes through chaosd at their addresses, and a simulation has only the cluster's pods and nodes"));
        add("PhysicalMachine", null, cannotExist("a PhysicalMachine registers a machine outside Kubernetes (a chaosd address), and a simulation has only the cluster's pods and nodes"));
        add("RemoteCluster", null, cannotExist("a RemoteCluster installs Chaos Mesh into another cluster through that cluster's kubeconfig, and a "
                + "simulation has no other cluster; a scenario names the cluster it simulates instead (spec.cluster.name), as experiments name it in remoteCluster"));
        add("CloudStackVMChaos", "cloudstackvmChaos", cannotExist("CloudStackVMChaos stops or restarts CloudStack virtual machines through their API, which a simulated cluster does not have"));
        add("KernelChaos", "kernelChaos", cannotExist("KernelChaos fails kernel calls through BPF in the node's kernel, and a simulation runs no kernel"));
        add("StatusCheck", null, simulated("the HTTP check of a Workflow's StatusCheck step, from the apply time, against the Service its URL names; "
                + "its verdict is journalled, nothing is injected"));
        add("PodNetworkChaos", null, cannotExist("PodNetworkChaos is the per-pod object Chaos Mesh's controller writes from a NetworkChaos for the chaos-daemon on the pod's node, and a simulation has neither; apply the NetworkChaos"));
        add("PodIOChaos", null, cannotExist("PodIOChaos is the per-pod object Chaos Mesh's controller writes from an IOChaos for the chaos-daemon on the pod's node, and a simulation has neither; apply the IOChaos"));
        add("PodHttpChaos", null, cannotExist("PodHttpChaos is the per-pod object Chaos Mesh's controller writes from an HTTPChaos for the chaos-daemon on the pod's node, and a simulation has neither; apply the HTTPChaos"));
        add("WorkflowNode", null, cannotExist("a WorkflowNode is the status object Chaos Mesh's Workflow controller writes for each step it runs, and a simulation runs no controller that reads one; apply the Workflow"));
    }

    private ChaosMeshKinds() { }

    private static void experiment(String name, String field, Shape.Fields spec) {
        KINDS.put(name, new Kind(name, field, simulated("translated to simulator faults"), spec));
    }

    private static void add(String name, String field, Support support) {
        KINDS.put(name, new Kind(name, field, support, null));
    }

    public static Optional<Kind> find(String name) { return Optional.ofNullable(KINDS.get(name)); }

    /** Every known kind, supported first, in a fixed order. */
    public static List<Kind> all() { return List.copyOf(KINDS.values()); }

    /** The experiment kinds with a spec schema, in a fixed order. */
    public static List<Kind> experiments() {
        return KINDS.values().stream().filter(k -> k.spec() != null).toList();
    }

    /** The kinds a Schedule or a Workflow template can embed, with their field names. */
    public static List<Kind> embeddable() {
        return KINDS.values().stream().filter(k -> k.embedField() != null).toList();
    }

    /** The kind whose embedded spec is under {@code field} ({@code podChaos} → PodChaos). */
    public static Optional<Kind> byEmbedField(String field) {
        return KINDS.values().stream().filter(k -> field.equals(k.embedField())).findFirst();
    }

    /** Every known kind name, for suggestions. */
    public static List<String> names() { return List.copyOf(KINDS.keySet()); }
}
