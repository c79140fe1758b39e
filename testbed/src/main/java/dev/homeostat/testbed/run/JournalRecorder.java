package dev.homeostat.testbed.run;

import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.EngineListener;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.Scope;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.BadRollout;
import dev.homeostat.simulator.fault.CpuHog;
import dev.homeostat.simulator.fault.DependencySlowdown;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.fault.Misconfiguration;
import dev.homeostat.simulator.fault.NodeFailure;
import dev.homeostat.simulator.fault.NoisyNeighbour;
import dev.homeostat.simulator.fault.Orchestration;
import dev.homeostat.simulator.events.SimulationListener;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.CallSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one run's journal from the simulator's and the engine's events, which arrive in time order
 * because the engine ticks inside the simulation. It also attributes each SLO recovery: the engine
 * when it acted on the service during the violation (and no fault ended after that), the fault
 * ending when it did, Kubernetes otherwise.
 */
final class JournalRecorder implements SimulationListener, EngineListener {
    private final List<JournalEvent> events = new ArrayList<>();
    /** deployment ref (ns/name) → service journal ref. */
    private final Map<String, String> serviceOfDeployment = new HashMap<>();
    /** pod ref (ns/name) → deployment ref (ns/name). */
    private final Map<String, String> deploymentOfPod = new HashMap<>();
    /** StatefulSets (ns/name): a StatefulSet creates its pods itself, a Deployment through its ReplicaSet. */
    private final Set<String> statefulSets = new HashSet<>();
    private final Map<String, Long> violatedSince = new HashMap<>();
    private final Map<String, Long> lastEngineAction = new HashMap<>();
    private final Map<String, Long> lastFaultEnd = new HashMap<>();
    /**
     * service → the last capacity change Kubernetes made on its own that the simulator reported (HPA
     * scale, rollout completed, pods evicted from a lost node): time and what.
     */
    private final Map<String, Map.Entry<Long, String>> lastKubernetes = new HashMap<>();
    /** Deployments whose rollout under way is the engine's rollback: its completion is the engine's doing. */
    private final Set<String> engineRollouts = new java.util.TreeSet<>();
    private final Map<String, List<String>> servicesOfFault = new HashMap<>();
    /** service (ns/name) → the services that call it directly (ns/name), from the scenario's {@code calls:}. */
    private final Map<String, Set<String>> callersOf = new HashMap<>();
    /** fault name → index of its FaultStarted line in {@link #events}. */
    private final Map<String, Integer> faultStartedAt = new HashMap<>();
    /** The scenario's faults by name: what each acts on decides its scope. */
    private final Map<String, Fault> faults = new HashMap<>();
    /** Readiness around the engine's last action, from the cluster adapter (null: not known). */
    private java.util.function.Supplier<EngineJournal.Readiness> readiness = () -> null;
    /** What the engine-event mapping needs from this run: services by target, readiness around actions. */
    private final EngineJournal.Context context = new EngineJournal.Context() {
        @Override public String serviceOf(Target target) { return JournalRecorder.this.serviceOf(target); }

        @Override public EngineJournal.Readiness readiness() { return readiness.get(); }
    };

    /**
     * Whether a fault took effect is judged on the baseline run, where nothing masks it: with the engine
     * on, a leak restarted away early never shows its signal. So the baseline recorder judges
     * ({@code noOpFaults == null}) and the engine run's recorder is told the baseline's verdicts.
     */
    private final Set<String> noOpFaults;

    JournalRecorder(ClusterSpec cluster, List<Fault> faults, Set<String> noOpFaults) {
        this.noOpFaults = noOpFaults;
        for (Fault f : faults) this.faults.put(f.name(), f);
        for (DeploymentSpec d : cluster.deployments()) if (d.stateful()) statefulSets.add(d.namespace() + "/" + d.name());
        for (ServiceSpec s : cluster.services()) {
            serviceOfDeployment.put(s.namespace() + "/" + s.deployment(), "service/" + s.namespace() + "/" + s.name());
            for (CallSpec c : s.calls())
                callersOf.computeIfAbsent(c.calleeKey(s.namespace()), k -> new TreeSet<>()).add(s.namespace() + "/" + s.name());
        }
    }

    List<JournalEvent> events() { return events; }

    /** Where the readiness of a service around an engine action comes from (the simulated cluster). */
    void readinessFrom(java.util.function.Supplier<EngineJournal.Readiness> source) { this.readiness = source; }

    /** A page the team's SLO alerts sent (through the simulated Alertmanager). */
    void page(JournalEvent.Paged page) { events.add(page); }

    /** One case per simulator event, so the whole sim-event → journal mapping reads in one place (hence its length). */
    @Override public void on(SimEvent event) {
        switch (event) {
            case SimEvent.FaultStarted f -> {
                List<String> services = f.services().stream().map(s -> "service/" + s).toList();
                Scope scope = scopeOf(faults.get(f.fault()));
                var targets = new ArrayList<String>();
                switch (scope) {
                    case PODS -> {
                        f.pods().forEach(p -> targets.add("pod/" + p));
                        services = withPeerCallers(f, targets, services);
                    }
                    case DEPLOYMENT -> f.deployments().forEach(d -> targets.add("deployment/" + d));
                    case SERVICE -> targets.addAll(services);
                    case NODE -> {
                        targets.add("node/" + nodeOf(faults.get(f.fault())));
                        f.pods().forEach(p -> targets.add("pod/" + p));
                    }
                }
                servicesOfFault.put(f.fault(), services);
                faultStartedAt.put(f.fault(), events.size());
                events.add(new JournalEvent.FaultStarted(f.timeMillis(), f.fault(), f.kind(), f.endMillis(), scope, targets, services,
                        f.tookEffect(), upstreamOf(f.services())));
            }
            // The injection check: a fault whose signal did not move is a no-op, reported rather than scored as a miss.
            case SimEvent.FaultEffect x -> {
                events.add(new JournalEvent.ClusterEvent(x.timeMillis(), "fault/" + x.fault(),
                        "injection-check: " + (x.observed() ? "took effect" : "no effect") + " (" + x.detail() + ")"));
                // A fault whose expected signal never moved is a no-op injection: reported as such, never
                // scored as a missed detection. The journal is written after the run, so its start line
                // can still say so.
                Integer at = faultStartedAt.get(x.fault());
                boolean noOp = noOpFaults == null ? !x.observed() : noOpFaults.contains(x.fault());
                if (noOp && at != null && events.get(at) instanceof JournalEvent.FaultStarted s && s.tookEffect())
                    events.set(at, s.withTookEffect(false));
            }
            // why a workflow took a branch, what its status checks saw, when it aborted
            case SimEvent.OrchestrationNote n -> events.add(new JournalEvent.ClusterEvent(n.timeMillis(),
                    (faults.get(n.orchestration()) instanceof Orchestration o && o.kind().startsWith("StatusCheck") ? "statuscheck/" : "workflow/")
                            + n.orchestration(), n.note()));
            case SimEvent.FaultEnded f -> {
                for (String s : servicesOfFault.getOrDefault(f.fault(), List.of())) lastFaultEnd.put(s, f.timeMillis());
                events.add(new JournalEvent.FaultEnded(f.timeMillis(), f.fault()));
            }
            case SimEvent.SloViolated v -> {
                violatedSince.put("service/" + v.service(), v.timeMillis());
                events.add(new JournalEvent.SloViolated(v.timeMillis(), "service/" + v.service(), v.reason()));
            }
            case SimEvent.SloRestored r -> {
                String service = "service/" + r.service();
                String by = fixedBy(service);
                events.add(new JournalEvent.SloRestored(r.timeMillis(), service, by));
                var k = lastKubernetes.get(service);
                // the simulator said which controller restored capacity: the journal names it
                if (by.equals("kubernetes") && k != null && k.getKey() >= violatedSince.getOrDefault(service, Long.MIN_VALUE))
                    events.add(new JournalEvent.ClusterEvent(r.timeMillis(), service, "impact ended by kubernetes: " + k.getValue()));
                violatedSince.remove(service);
            }
            case SimEvent.ContainerRestarted c ->
                    events.add(new JournalEvent.ClusterEvent(c.timeMillis(), "pod/" + c.pod(), "container restarted: " + c.reason() + " (restarts " + c.restartCount() + ")"));
            case SimEvent.PodDeleted d -> events.add(new JournalEvent.ClusterEvent(d.timeMillis(), "pod/" + d.pod(), "pod deleted: " + d.reason()));
            case SimEvent.PodCreated c -> {
                deploymentOfPod.put(c.pod(), c.deployment());
                String owner = statefulSets.contains(c.deployment()) ? "StatefulSet " : "ReplicaSet of ";
                events.add(new JournalEvent.ClusterEvent(c.timeMillis(), "pod/" + c.pod(), "pod created by " + owner + c.deployment()
                        + (c.node().isEmpty() ? ", Pending: no schedulable node has room for its requests" : " on " + c.node())));
            }
            case SimEvent.PodScheduled p ->
                    events.add(new JournalEvent.ClusterEvent(p.timeMillis(), "pod/" + p.pod(), "pod scheduled on " + p.node() + " (was Pending)"));
            case SimEvent.NodeConditionChanged n ->
                    events.add(new JournalEvent.ClusterEvent(n.timeMillis(), "node/" + n.node(), n.ready() ? "node Ready" : "node NotReady"));
            case SimEvent.NodeCordoned n -> events.add(new JournalEvent.ClusterEvent(n.timeMillis(), "node/" + n.node(), "node cordoned"));
            case SimEvent.NodeUncordoned n -> events.add(new JournalEvent.ClusterEvent(n.timeMillis(), "node/" + n.node(), "node uncordoned"));
            case SimEvent.ChangeApplied c -> events.add(new JournalEvent.ChangeApplied(c.timeMillis(), c.change(), c.kind(), c.targets(),
                    c.services().stream().map(x -> "service/" + x).toList()));
            case SimEvent.RolloutStarted r -> {
                if (r.cause().contains("homeostat-engine")) engineRollouts.add(r.deployment()); else engineRollouts.remove(r.deployment());
                events.add(new JournalEvent.ClusterEvent(r.timeMillis(), "deployment/" + r.deployment(),
                    "rollout of revision " + r.revision() + " started: " + r.cause()));
            }
            case SimEvent.RolloutCompleted r -> {
                if (!engineRollouts.remove(r.deployment())) kubernetesRestored(r.deployment(), r.timeMillis(), "rollout of revision " + r.revision() + " of " + r.deployment() + " completed");
                events.add(new JournalEvent.ClusterEvent(r.timeMillis(), "deployment/" + r.deployment(), "rollout of revision " + r.revision() + " completed"));
            }
            case SimEvent.HpaScaled h -> {
                String what = String.format(java.util.Locale.ROOT, "HPA scaled %s %d -> %d (cpu %.0f%% of requests)", h.deployment(), h.from(), h.to(),
                        h.utilization() * 100);
                if (h.to() > h.from()) kubernetesRestored(h.deployment(), h.timeMillis(), what);
                events.add(new JournalEvent.ClusterEvent(h.timeMillis(), "deployment/" + h.deployment(), what));
            }
            // Readiness flips are frequent and carry no decision; the SLO events already show their effect.
            case SimEvent.PodReadinessChanged ignored -> { }
        }
    }

    @Override public void on(EngineEvent event) {
        if (event instanceof EngineEvent.ActionTaken x && x.applied() && x.action().disruptive()) {
            String service = EngineJournal.service(x.action().target(), x.service(), context);
            if (service != null) lastEngineAction.put(service, x.timeMillis());
        }
        events.add(EngineJournal.of(event, event.timeMillis(), context));
    }

    /** What a fault's targets are: the pods it selected, a whole deployment, a service's backend, or a node. */
    static Scope scopeOf(Fault fault) {
        return switch (fault) {
            case null -> Scope.PODS;
            case MemoryLeak f -> Scope.DEPLOYMENT;
            case BadRollout f -> Scope.DEPLOYMENT;
            case Misconfiguration f -> Scope.DEPLOYMENT;
            case CpuHog f -> Scope.DEPLOYMENT;
            case DependencySlowdown f -> Scope.SERVICE;
            case NodeFailure f -> Scope.NODE;
            case NoisyNeighbour f -> Scope.NODE;
            default -> Scope.PODS;
        };
    }

    private static String nodeOf(Fault fault) {
        return switch (fault) {
            case NodeFailure f -> f.node();
            case NoisyNeighbour f -> f.node();
            default -> throw new IllegalArgumentException("fault " + fault.name() + " is not node-scoped");
        };
    }

    /**
     * Every service that calls one of {@code services} (ns/name), directly or through other services, as sorted
     * journal refs; the faulty services themselves are not their own upstream. Where the fault's symptoms show.
     */
    List<String> upstreamOf(List<String> services) {
        var upstream = new TreeSet<String>();
        var todo = new ArrayDeque<>(services);
        while (!todo.isEmpty())
            for (String caller : callersOf.getOrDefault(todo.poll(), Set.of()))
                if (upstream.add(caller)) todo.add(caller);
        services.forEach(upstream::remove);
        return upstream.stream().map(s -> "service/" + s).toList();
    }

    private void kubernetesRestored(String deployment, long t, String what) {
        String service = serviceOfDeployment.get(deployment);
        if (service != null) lastKubernetes.put(service, Map.entry(t, what));
    }

    void end(long t) { events.add(new JournalEvent.RunEnded(t)); }

    private String fixedBy(String service) {
        long since = violatedSince.getOrDefault(service, Long.MIN_VALUE);
        long engine = lastEngineAction.getOrDefault(service, Long.MIN_VALUE);
        long faultEnd = lastFaultEnd.getOrDefault(service, Long.MIN_VALUE);
        boolean faultEnded = faultEnd >= since;
        // an autoscaler scale-up or a rollout Kubernetes finished after the engine's last action restored capacity, not the engine
        var k = lastKubernetes.get(service);
        boolean kubernetesAfter = k != null && k.getKey() > engine && k.getKey() >= since && engine >= since;
        boolean engineActed = engine >= since && !kubernetesAfter;
        if (engineActed && (!faultEnded || engine > faultEnd)) return "engine";
        if (faultEnded) return "fault-ended";
        return "kubernetes";
    }

    /**
     * A network fault's {@code target} pods whose service calls a service of the selected pods are the incident's too (its
     * {@code targets}, their services among its {@code services}): their own calls cross the faulty link and fail or slow,
     * as on a cluster where Chaos Mesh records the target pods as injected. Target pods that only answer the selected pods
     * see fewer or later requests, nothing of their own: an action on them is still needless.
     */
    private List<String> withPeerCallers(SimEvent.FaultStarted f, List<String> targets, List<String> services) {
        if (f.peerPods().isEmpty()) return services;
        var all = new java.util.LinkedHashSet<>(services);
        for (String pod : f.peerPods()) {
            String service = serviceOfDeployment.get(deploymentOfPod.getOrDefault(pod, ""));
            if (service == null || targets.contains("pod/" + pod)) continue;
            String caller = service.substring("service/".length());
            boolean calls = false;
            for (String selected : f.services()) calls |= callersOf.getOrDefault(selected, Set.of()).contains(caller);
            if (!calls) continue;
            targets.add("pod/" + pod);
            all.add(service);
        }
        return List.copyOf(all);
    }

    /** The service a pod or Deployment backs, from the scenario and the pods created so far. */
    private String serviceOf(Target target) {
        return switch (target.kind()) {
            case SERVICE -> target.ref();
            case DEPLOYMENT -> serviceOfDeployment.get(target.namespace() + "/" + target.name());
            case POD -> {
                String deployment = deploymentOfPod.get(target.namespace() + "/" + target.name());
                yield deployment == null ? null : serviceOfDeployment.get(deployment);
            }
            case NODE -> null;
        };
    }
}
