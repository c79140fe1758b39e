package dev.homeostat.remediation.fakes;

import dev.homeostat.remediation.guard.BlastRadiusGuard;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.Clock;
import dev.homeostat.remediation.port.ClusterActions;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployments and pods in one namespace, on {@code nodes} nodes, with optional PodDisruptionBudgets. A restart deletes
 * the pod and (by default) starts a replacement with a new name that turns ready {@code readyDelayMillis} later, as a
 * ReplicaSet would; an isolation takes the pod out of its Deployment (a replacement starts, the pod stays); a drain
 * cordons the node and evicts its pods through the budgets, as the Eviction API does, and their replacements start
 * on other nodes. Every executed action is recorded, and so is any action that took away the last ready pod of a
 * deployment or went below the blast-radius minimum or a budget's minAvailable (the guards' promises, checked here at
 * the moment of execution).
 */
public final class FakeCluster implements ClusterView, ClusterActions {
    public record Executed(long time, ClusterAction action) { }

    private static final class Pod {
        final String name;
        final String deployment;
        final long startedAt;
        final String node;
        boolean sick; // not ready on its own, regardless of start-up
        boolean isolated; // out of its Deployment and Service: counts for nothing

        Pod(String name, String deployment, long startedAt, String node) {
            this.name = name;
            this.deployment = deployment;
            this.startedAt = startedAt;
            this.node = node;
        }
    }

    public static final String NS = "default";
    private final Clock clock;
    private final Map<String, Integer> deployments = new LinkedHashMap<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final Map<String, Integer> generation = new LinkedHashMap<>();
    public final List<Executed> executed = new ArrayList<>();
    public final List<String> violations = new ArrayList<>();
    public long readyDelayMillis = 30_000;
    public boolean renameOnRestart = true;
    /** Kinds of action the API server refuses (e.g. RBAC forbids them), with that reason. */
    public final java.util.Map<Class<? extends ClusterAction>, String> refusing = new java.util.HashMap<>();
    public double maxUnavailableFraction = 0.34;
    /** Nodes {@code node-1 … node-N}; new pods go to the uncordoned node with the fewest pods. */
    public int nodes = 1;
    /** How many pods fit on one node; a pod that fits nowhere stays Pending (no node), as the scheduler leaves it. */
    public int podsPerNode = Integer.MAX_VALUE;
    private final java.util.Set<String> cordoned = new java.util.TreeSet<>();
    /** Nodes reported NotReady (lost). */
    public final java.util.Set<String> notReady = new java.util.TreeSet<>();
    /** Nodes someone other than the engine cordoned (and has not uncordoned since). */
    private final java.util.Set<String> cordonedByHand = new java.util.TreeSet<>();

    /** Someone else cordons {@code node} (a maintenance): no effect on a node already cordoned. */
    public void cordonByHand(String node) {
        if (cordoned.add(node)) cordonedByHand.add(node);
    }

    /** Someone else uncordons {@code node}, whoever cordoned it. */
    public void uncordonByHand(String node) {
        cordoned.remove(node);
        cordonedByHand.remove(node);
    }

    public boolean isCordoned(String node) { return cordoned.contains(node); }

    /** An engine before this one cordoned {@code node} (and left its mark, see {@link #leftInForce}). */
    public void cordonedByAnEarlierEngine(String node) { cordoned.add(node); }

    /** Measures an earlier engine left in force, as a live view reads them from its marks. */
    public final List<ClusterAction> leftInForce = new ArrayList<>();

    @Override
    public List<ClusterAction> measuresInForce() { return List.copyOf(leftInForce); }
    private final Map<String, Integer> minAvailable = new LinkedHashMap<>();

    public FakeCluster(Clock clock) { this.clock = clock; }

    /** A deployment whose pods are {@code name-0 … name-(replicas-1)}, ready since long ago. */
    public FakeCluster deployment(String name, int replicas) {
        deployments.put(name, replicas);
        for (int i = 0; i < replicas; i++) pods.put(name + "-" + i, new Pod(name + "-" + i, name, Long.MIN_VALUE / 2, place()));
        return this;
    }

    /** A PodDisruptionBudget with {@code minAvailable} over the deployment's pods. */
    public FakeCluster pdb(String deployment, int min) {
        minAvailable.put(deployment, min);
        return this;
    }

    private String place() {
        Map<String, Integer> load = new java.util.TreeMap<>();
        for (int n = 1; n <= nodes; n++) if (!cordoned.contains("node-" + n)) load.put("node-" + n, 0);
        if (load.isEmpty()) return ""; // every node cordoned: the pod stays Pending
        for (Pod p : pods.values()) load.computeIfPresent(p.node, (n, c) -> c + 1);
        load.values().removeIf(c -> c >= podsPerNode);
        return load.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(""); // no room: Pending
    }

    public void setSick(String pod, boolean sick) { pods.get(pod).sick = sick; }

    public void remove(String pod) { pods.remove(pod); }

    public boolean has(String pod) { return pods.containsKey(pod); }

    public List<String> podNames() { return List.copyOf(pods.keySet()); }

    private boolean ready(Pod p) { return !p.sick && !p.node.isEmpty() && clock.millis() - p.startedAt >= readyDelayMillis; }

    /** Ready pods that still belong to the deployment. */
    private long readyOf(String deployment) {
        return pods.values().stream().filter(p -> !p.isolated && p.deployment.equals(deployment) && ready(p)).count();
    }

    /** Pods rolled over (name → when their replacement is ready and they go). */
    private final Map<String, Long> leaving = new LinkedHashMap<>();

    private void settle() {
        leaving.entrySet().removeIf(e -> {
            if (e.getValue() > clock.millis()) return false;
            pods.remove(e.getKey());
            return true;
        });
    }

    @Override
    public List<PodInfo> pods() {
        settle();
        return pods.values().stream()
                .map(p -> new PodInfo(NS, p.name, p.isolated ? null : p.deployment, p.node, ready(p), 0, p.startedAt)).toList();
    }

    @Override
    public List<DeploymentInfo> deployments() {
        settle();
        var out = new ArrayList<DeploymentInfo>();
        deployments.forEach((name, replicas) -> out.add(new DeploymentInfo(NS, name, replicas, (int) readyOf(name))));
        return out;
    }

    @Override
    public List<dev.homeostat.remediation.port.NodeInfo> nodes() {
        var out = new ArrayList<dev.homeostat.remediation.port.NodeInfo>();
        for (int n = 1; n <= nodes; n++) out.add(new dev.homeostat.remediation.port.NodeInfo("node-" + n, !notReady.contains("node-" + n), cordoned.contains("node-" + n)));
        return out;
    }

    @Override
    public List<dev.homeostat.remediation.port.PdbInfo> pdbs() {
        var out = new ArrayList<dev.homeostat.remediation.port.PdbInfo>();
        minAvailable.forEach((d, min) -> out.add(new dev.homeostat.remediation.port.PdbInfo(NS, d, (int) Math.max(0, readyOf(d) - min),
                pods.values().stream().filter(p -> !p.isolated && p.deployment.equals(d)).map(p -> p.name).toList())));
        return out;
    }

    @Override
    public ActionOutcome execute(ClusterAction action) {
        executed.add(new Executed(clock.millis(), action));
        settle();
        if (refusing.containsKey(action.getClass())) return ActionOutcome.refused(refusing.get(action.getClass()));
        return switch (action) {
            case ClusterAction.Page p -> ActionOutcome.applied("paged");
            case ClusterAction.RestartPod r -> restart(r.target().name());
            case ClusterAction.ScaleDeployment s -> scale(s.target().name(), s.replicas());
            // the engine tests exercise the router and guards; the live adapter's tests cover these on the mock API server
            case ClusterAction.RollbackDeployment r -> ActionOutcome.applied("rolled back");
            case ClusterAction.IsolatePod i -> isolate(i.target().name());
            case ClusterAction.CordonNode c -> {
                cordoned.add(c.target().name());
                yield ActionOutcome.applied("cordoned");
            }
            case ClusterAction.DrainNode d -> drain(d.target().name());
            case ClusterAction.CircuitBreak c -> ActionOutcome.applied("circuit open");
            case ClusterAction.LimitRetries l -> ActionOutcome.applied("retries cut");
            case ClusterAction.Lift l -> {
                if (l.measure() instanceof ClusterAction.CordonNode || l.measure() instanceof ClusterAction.DrainNode) {
                    String node = l.target().name();
                    if (cordonedByHand.contains(node)) violations.add("uncordoned " + node + ", which someone else had cordoned");
                    if (notReady.contains(node)) violations.add("uncordoned " + node + " while it is NotReady");
                    cordoned.remove(node);
                }
                yield ActionOutcome.applied("lifted " + l.measure().kind());
            }
        };
    }

    private ActionOutcome scale(String deployment, int replicas) {
        Integer now = deployments.get(deployment);
        if (now == null) return ActionOutcome.refused("deployment " + deployment + " not found");
        deployments.put(deployment, replicas);
        for (int i = now; i < replicas; i++) pods.put(deployment + "-s" + i, new Pod(deployment + "-s" + i, deployment, clock.millis(), place()));
        return ActionOutcome.applied("scaled " + deployment + " from " + now + " to " + replicas);
    }

    private ActionOutcome restart(String name) {
        Pod pod = pods.get(name);
        if (pod == null) return ActionOutcome.refused("pod " + name + " not found");
        if (!pod.isolated && ready(pod) && readyOf(pod.deployment) == 1 && deployments.get(pod.deployment) == 1) {
            // the only replica is rolled over, as the adapters do (ClusterAction.RestartPod): it goes once its replacement is ready
            replace(pod, null);
            leaving.put(name, clock.millis() + readyDelayMillis);
            return ActionOutcome.applied("rolled over " + name);
        }
        checkLoss(pod, "restart");
        pods.remove(name);
        replace(pod, renameOnRestart ? null : name);
        return ActionOutcome.applied("deleted " + name);
    }

    private ActionOutcome isolate(String name) {
        Pod pod = pods.get(name);
        if (pod == null || pod.isolated) return ActionOutcome.refused("pod " + name + " not found in a deployment");
        checkLoss(pod, "isolation");
        pod.isolated = true;
        replace(pod, null);
        return ActionOutcome.applied("isolated " + name);
    }

    /** Cordons, then evicts the node's pods one by one where their budget allows (the Eviction API's answer). */
    private ActionOutcome drain(String node) {
        cordoned.add(node);
        List<String> kept = new ArrayList<>();
        for (Pod pod : List.copyOf(pods.values())) {
            if (!pod.node.equals(node) || pod.isolated) continue;
            Integer min = minAvailable.get(pod.deployment);
            if (min != null && ready(pod) && readyOf(pod.deployment) - 1 < min) {
                kept.add(pod.name);
                continue;
            }
            checkLoss(pod, "drain");
            pods.remove(pod.name);
            replace(pod, null);
        }
        return kept.isEmpty() ? ActionOutcome.applied("drained " + node) : ActionOutcome.applied("drained " + node + "; budgets kept " + kept);
    }

    /** The guards' promises when a ready pod leaves its deployment: never the last one, never below the floors. */
    private void checkLoss(Pod pod, String what) {
        if (pod.isolated || !ready(pod)) return;
        long readyOthers = readyOf(pod.deployment) - 1;
        String at = clock.millis() + ": " + what + " of " + pod.name;
        if (readyOthers < 1) violations.add(at + " took the last ready pod");
        int min = BlastRadiusGuard.minReady(deployments.get(pod.deployment), maxUnavailableFraction);
        if (readyOthers < min) violations.add(at + " left " + readyOthers + " ready, blast-radius min " + min);
        Integer budget = minAvailable.get(pod.deployment);
        if (budget != null && readyOthers < budget) violations.add(at + " left " + readyOthers + " ready, PDB minAvailable " + budget);
    }

    private void replace(Pod pod, String sameName) {
        int gen = generation.merge(pod.deployment, 1, Integer::sum);
        String next = sameName != null ? sameName : pod.deployment + "-r" + gen;
        pods.put(next, new Pod(next, pod.deployment, clock.millis(), place()));
    }
}
