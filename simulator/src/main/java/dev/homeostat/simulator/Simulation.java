package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.cluster.NodeView;
import dev.homeostat.simulator.cluster.PdbView;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.cluster.ServiceTotals;
import dev.homeostat.simulator.core.EventQueue;
import dev.homeostat.simulator.core.RandomStreams;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.events.SimulationListener;
import dev.homeostat.simulator.fault.DependencySlowdown;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.PdbSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * One simulated run of a cluster in virtual time: nodes, a scheduler, Deployments with their
 * ReplicaSets, pods with kubelet probes and restarts, Services with a fluid traffic model, SLOs,
 * faults, and a Prometheus-style scrape into a {@link MetricStore}. Deterministic: the same spec and
 * seed give the same events and samples.
 *
 * <p>Events of one instant run in three bands: cluster changes first, then the traffic step and
 * the scrape, then outside hooks registered with {@link #every}, so a hook sees the instant settled.
 */
public final class Simulation {
    /** Default traffic step, ms ({@link SimulationSpec#DEFAULT_TRAFFIC_STEP}). */
    static final long STEP_MS = 1000;
    /** The span of the rate1m recording rules, ms. */
    static final long RATE_WINDOW_MS = 60_000;
    /** Delay of the ReplicaSet controller between a pod leaving and its replacement. */
    static final long CONTROLLER_DELAY_MS = 1000;
    /** How long a gracefully deleted pod stays Terminating. */
    static final long GRACEFUL_DELETE_MS = 3000;
    static final long BACKOFF_INITIAL_MS = 10_000;
    static final long BACKOFF_MAX_MS = 300_000;
    /** A container that ran this long before it died starts its back-off afresh. */
    static final long BACKOFF_RESET_MS = 600_000;
    /** Startup jitter: up to this share of the container's startup time. */
    static final double STARTUP_JITTER = 0.1;
    /** Node-monitor grace period: a node that stops answering turns NotReady after it. */
    static final long NODE_MONITOR_GRACE_MS = 40_000;
    /** Default toleration of the not-ready/unreachable taints: pods are evicted this long after NotReady. */
    static final long NOT_READY_TOLERATION_MS = 300_000;
    /** kubectl drain retries an eviction a PodDisruptionBudget refused after this long. */
    static final long DRAIN_RETRY_MS = 5_000;
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private static final int BAND_CLUSTER = 0, BAND_TRAFFIC = 1, BAND_SCRAPE = 2, BAND_HOOK = 3;

    private final SimulationSpec spec;
    private final SimulationListener listener;
    private final EventQueue<Runnable> queue = new EventQueue<>(256);
    private final RandomStreams random;
    private final MetricStore metrics;
    private final Scraper scraper;
    private final long end;
    private final long scrapeEvery;
    /** The instant the traffic step last scraped along (its scrape tick then has nothing left to do). */
    private long scrapedAt = -1;
    private final List<NodeState> nodes = new ArrayList<>();
    private final List<DeploymentState> deployments = new ArrayList<>();
    private final Map<String, DeploymentState> deploymentsByKey = new TreeMap<>();
    private final List<ServiceState> services = new ArrayList<>();
    private final Map<String, ServiceState> servicesByKey = new java.util.HashMap<>();
    /** Deployments in traffic order: callers before the services they call (see {@link CallGraph}). */
    private List<DeploymentState> trafficOrder = List.of();
    /** Live pods by {@code namespace/name}: sorted, so scrapes and fault selection iterate deterministically. */
    private final Map<String, PodState> pods = new TreeMap<>();
    /** Unbound pods in creation order, retried whenever capacity frees. */
    private final List<PodState> pending = new ArrayList<>();
    /** Every pod name ever used (lookups only, never iterated). */
    private final Set<String> usedNames = new HashSet<>();
    /** This run's traffic step, ms ({@code spec.trafficStep}). */
    private final long stepMs;
    private final TrafficStep traffic;
    private final FaultInjector faultInjector;
    private boolean started;
    private boolean finished;

    public Simulation(SimulationSpec spec, long seed, SimulationListener listener) {
        if (spec == null) throw new IllegalArgumentException("spec: required");
        if (listener == null) throw new IllegalArgumentException("listener: required (pass e -> { } to ignore events)");
        this.spec = spec;
        this.listener = listener;
        this.random = new RandomStreams(seed);
        this.metrics = new MetricStore(spec.metricsRetention());
        this.scraper = new Scraper(metrics, random.stream("memory-noise"));
        this.end = spec.duration().toMillis();
        this.scrapeEvery = spec.scrapeInterval().toMillis();
        this.stepMs = spec.trafficStep().toMillis();
        this.traffic = new TrafficStep(this::emit, stepMs);
        this.faultInjector = new FaultInjector(this, random.stream("fault-choice"));
        build();
        queue.add(0, BAND_CLUSTER, this::deployInitialPods);
        for (Fault f : spec.faults()) {
            long at = f.start().toMillis();
            if (at <= end) queue.add(at, BAND_CLUSTER, () -> faultInjector.inject(f));
        }
        queue.add(0, BAND_TRAFFIC, this::trafficTick);
        queue.add(0, BAND_SCRAPE, this::scrapeTick);
        // autoscalers only exist where a Deployment asks for one: runs without any draw and queue exactly as before
        for (DeploymentState d : deployments)
            if (d.spec.hpa() != null) atClusterTime(d.spec.hpa().syncPeriod().toMillis(), () -> hpaTick(d));
    }

    private void build() {
        Set<String> nodeNames = new HashSet<>();
        for (int i = 0; i < spec.cluster().nodes().size(); i++) {
            NodeSpec n = spec.cluster().nodes().get(i);
            if (!nodeNames.add(n.name())) throw new IllegalArgumentException("cluster.nodes[" + i + "].name: duplicate node '" + n.name() + "'; node names must be unique");
            nodes.add(new NodeState(n));
        }
        nodes.sort(Comparator.comparing(n -> n.spec.name()));
        for (int i = 0; i < spec.cluster().deployments().size(); i++) {
            DeploymentSpec d = spec.cluster().deployments().get(i);
            var state = new DeploymentState(d);
            if (deploymentsByKey.putIfAbsent(state.key, state) != null)
                throw new IllegalArgumentException("cluster.deployments[" + i + "].name: duplicate deployment '" + state.key + "'; names must be unique per namespace");
        }
        deployments.addAll(deploymentsByKey.values());
        Map<String, ServiceState> byKey = new TreeMap<>();
        for (int i = 0; i < spec.cluster().services().size(); i++) {
            ServiceSpec s = spec.cluster().services().get(i);
            String where = "cluster.services[" + i + "]";
            DeploymentState d = deploymentsByKey.get(s.namespace() + "/" + s.deployment());
            if (d == null) throw new IllegalArgumentException(where + ".deployment: no deployment '" + s.deployment() + "' in namespace '"
                    + s.namespace() + "'; declare it under cluster.deployments or fix the name");
            if (d.service != null) throw new IllegalArgumentException(where + ".deployment: deployment '" + d.key + "' is already behind service '"
                    + d.service.spec.name() + "'; this simulator supports one Service per Deployment");
            var state = new ServiceState(s, d, random.stream("traffic/" + s.namespace() + "/" + s.name()), stepMs);
            if (byKey.putIfAbsent(state.key, state) != null)
                throw new IllegalArgumentException(where + ".name: duplicate service '" + state.key + "'; names must be unique per namespace");
            d.service = state;
        }
        services.addAll(byKey.values());
        servicesByKey.putAll(byKey);
        trafficOrder = CallGraph.wire(deployments, services);
        Set<String> faultNames = new HashSet<>();
        for (int i = 0; i < spec.faults().size(); i++) {
            Fault f = spec.faults().get(i);
            if (!faultNames.add(f.name())) throw new IllegalArgumentException("faults[" + i + "].name: duplicate fault '" + f.name() + "'; fault names must be unique in a run");
            if (f instanceof DependencySlowdown slow && !byKey.containsKey(slow.namespace() + "/" + slow.service()))
                throw new IllegalArgumentException("faults[" + i + "].target.service: no service '" + slow.service() + "' in namespace '"
                        + slow.namespace() + "' to slow down; name one of " + byKey.keySet());
            String deploymentTarget = switch (f) {
                case dev.homeostat.simulator.fault.BadRollout b -> b.namespace() + "/" + b.deployment();
                case dev.homeostat.simulator.fault.Misconfiguration m -> m.namespace() + "/" + m.deployment();
                case dev.homeostat.simulator.fault.CpuHog h -> h.namespace() + "/" + h.deployment();
                case dev.homeostat.simulator.fault.Deadlock x -> x.namespace() + "/" + x.deployment();
                default -> null;
            };
            if (deploymentTarget != null && !deploymentsByKey.containsKey(deploymentTarget))
                throw new IllegalArgumentException("faults[" + i + "].target.deployment: no deployment '" + deploymentTarget + "' for fault '" + f.name()
                        + "'; name one of " + deploymentsByKey.keySet());
            String nodeTarget = switch (f) {
                case dev.homeostat.simulator.fault.NodeFailure n -> n.node();
                case dev.homeostat.simulator.fault.NoisyNeighbour n -> n.node();
                default -> null;
            };
            if (nodeTarget != null && node(nodeTarget) == null)
                throw new IllegalArgumentException("faults[" + i + "].target.node: no node '" + nodeTarget + "' for fault '" + f.name() + "'; name one of "
                        + nodes.stream().map(n -> n.spec.name()).toList());
            if (f instanceof MemoryLeak leak && !deploymentsByKey.containsKey(leak.namespace() + "/" + leak.deployment()))
                throw new IllegalArgumentException("faults[" + i + "].target.deployment: no deployment '" + leak.deployment() + "' in namespace '"
                        + leak.namespace() + "' to leak; name one of " + deploymentsByKey.keySet());
        }
    }

    NodeState node(String name) {
        for (NodeState n : nodes) if (n.spec.name().equals(name)) return n;
        return null;
    }

    /** Virtual time, ms since the run started. */
    public long now() { return queue.now(); }

    /** Events run so far (stale ones included): the simulator's unit of work, for throughput figures. */
    public long eventsProcessed() { return queue.polledCount(); }

    /** When the run ends, ms. */
    public long endMillis() { return end; }

    /**
     * Calls {@code hook} with the virtual time at {@code firstMillis} and every {@code periodMillis}
     * after, until the run ends; at an instant it runs after the simulator's own events of that instant.
     */
    public void every(long firstMillis, long periodMillis, LongConsumer hook) {
        if (hook == null) throw new IllegalArgumentException("hook: required");
        if (periodMillis <= 0) throw new IllegalArgumentException("periodMillis: must be positive, was " + periodMillis);
        if (firstMillis < now()) throw new IllegalArgumentException("firstMillis: " + firstMillis + " is before the current time " + now() + "; start at or after now()");
        if (finished) throw new IllegalStateException("every: the run has ended; register hooks before run()");
        if (firstMillis <= end) queue.add(firstMillis, BAND_HOOK, () -> runHook(periodMillis, hook));
    }

    private void runHook(long period, LongConsumer hook) {
        long t = now();
        hook.accept(t);
        if (t + period <= end) queue.add(t + period, BAND_HOOK, () -> runHook(period, hook));
    }

    /** Runs to the end. */
    public void run() {
        if (started) throw new IllegalStateException("run: a Simulation runs once; create a new one for another run");
        started = true;
        while (!queue.isEmpty() && queue.peekTime() <= end) queue.poll().run();
        finished = true;
    }

    /**
     * Runs the events up to {@code timeMillis} (at most the end) and stops, so a caller can pace the
     * run to wall time in slices ({@code homeostat sim serve}); the same events as {@link #run()} in the
     * same order. Returns false once the run has reached its end.
     */
    public boolean runUntil(long timeMillis) {
        if (finished) return false;
        started = true;
        long until = Math.min(timeMillis, end);
        while (!queue.isEmpty() && queue.peekTime() <= until) queue.poll().run();
        if (until >= end) finished = true;
        return !finished;
    }

    /**
     * Injects {@code fault} at the current instant, among the cluster events (a Chaos Mesh resource created
     * while the run goes on, e.g. through {@code sim serve}'s API); its selection and duration as if scheduled.
     */
    public void inject(Fault fault) {
        if (fault == null) throw new IllegalArgumentException("fault: required");
        if (finished) throw new IllegalStateException("inject: the run has ended");
        queue.add(Math.max(now(), fault.start().toMillis()), BAND_CLUSTER, () -> faultInjector.inject(fault));
    }

    /** Live pods (Terminating included) sorted by namespace/name. */
    public List<PodView> pods() {
        List<PodView> out = new ArrayList<>(pods.size());
        for (PodState p : pods.values()) out.add(p.view());
        return out;
    }

    /** Deployments sorted by namespace/name. */
    public List<DeploymentView> deployments() {
        List<DeploymentView> out = new ArrayList<>(deployments.size());
        for (DeploymentState d : deployments) out.add(d.view());
        return out;
    }

    /** Nodes sorted by name. */
    public List<NodeView> nodes() {
        List<NodeView> out = new ArrayList<>(nodes.size());
        for (NodeState n : nodes) out.add(n.view());
        return out;
    }

    public Optional<PodView> pod(String namespace, String name) {
        PodState p = pods.get(namespace + "/" + name);
        return p == null ? Optional.empty() : Optional.of(p.view());
    }

    /** Deletes a pod as the API server would (graceful); its ReplicaSet replaces it. False if no such pod. */
    public boolean deletePod(String namespace, String name, String reason) {
        PodState p = pods.get(namespace + "/" + name);
        if (p == null) return false;
        delete(p, reason == null || reason.isBlank() ? "API" : reason, GRACEFUL_DELETE_MS, false);
        return true;
    }

    /** Sets a Deployment's replicas (as {@code kubectl scale}); its ReplicaSet converges after the controller delay. False if no such deployment. */
    public boolean scaleDeployment(String namespace, String name, int replicas) {
        if (replicas < 0) throw new IllegalArgumentException("replicas: must be >= 0, was " + replicas);
        DeploymentState d = deploymentsByKey.get(namespace + "/" + name);
        if (d == null) return false;
        d.replicas = replicas;
        requestReconcile(d);
        return true;
    }

    /** PodDisruptionBudgets and their status now, sorted by namespace/name. */
    public List<PdbView> pdbs() {
        List<PdbView> out = new ArrayList<>();
        for (PdbSpec s : spec.cluster().pdbs()) out.add(pdbStatus(s));
        out.sort(Comparator.comparing((PdbView v) -> v.namespace()).thenComparing(PdbView::name));
        return out;
    }

    /**
     * Rolls the Deployment back to its previous revision, as {@code kubectl rollout undo}: the previous
     * pod template becomes current (with a new revision number) and a RollingUpdate replaces the pods.
     * False if there is no such deployment or no previous revision.
     */
    public boolean rollback(String namespace, String name, String reason) {
        DeploymentState d = deploymentsByKey.get(namespace + "/" + name);
        if (d == null || d.revisions.size() < 2) return false;
        rollbackTo(d, "rollback (" + (reason == null || reason.isBlank() ? "API" : reason) + ")");
        return true;
    }

    /**
     * Isolates a pod: it leaves its Service's endpoints and its ReplicaSet (which creates a replacement),
     * and is kept running for debugging. False if there is no such pod or it is Terminating or isolated already.
     */
    public boolean isolatePod(String namespace, String name) {
        PodState p = pods.get(namespace + "/" + name);
        if (p == null || p.terminating || p.isolated) return false;
        p.isolated = true;
        setReady(p, false);
        replan(p);
        requestReconcile(p.deployment);
        return true;
    }

    /** Cordons a node: no new pod is scheduled there. False if there is no such node. */
    public boolean cordonNode(String name) {
        NodeState n = node(name);
        if (n == null) return false;
        if (!n.unschedulable) {
            n.unschedulable = true;
            emit(new SimEvent.NodeCordoned(now(), name));
        }
        return true;
    }

    /**
     * Drains a node as {@code kubectl drain}: cordons it and evicts its pods, each only when every
     * PodDisruptionBudget covering it allows; refused evictions are retried every 5 s until the node
     * is empty. False if there is no such node.
     */
    public boolean drainNode(String name) {
        NodeState n = node(name);
        if (n == null) return false;
        cordonNode(name);
        if (!n.draining) {
            n.draining = true;
            drainStep(n);
        }
        return true;
    }

    /** Evicts a pod through the Eviction API: refused (false) when a PodDisruptionBudget forbids it, or no such pod. */
    public boolean evictPod(String namespace, String name) {
        PodState p = pods.get(namespace + "/" + name);
        return p != null && !p.terminating && evict(p);
    }

    /** Whether the service's SLO is violated now. */
    public boolean sloViolated(String namespace, String service) {
        for (ServiceState s : services) if (s.spec.namespace().equals(namespace) && s.spec.name().equals(service)) return s.violated;
        throw new IllegalArgumentException("service: no service '" + namespace + "/" + service + "'");
    }

    public MetricStore metrics() { return metrics; }

    /**
     * What the Service's SLO has counted since the run began, as an SLO burn-rate rule reads it from counters:
     * requests, failed requests (5xx, no endpoint, lost in flight) and requests slower than its latency objective.
     */
    public ServiceTotals serviceTotals(String namespace, String service) {
        ServiceState s = service(namespace, service);
        if (s == null) throw new IllegalArgumentException("service: no service '" + namespace + "/" + service + "'");
        return new ServiceTotals(s.totalRequests, s.totalErrors, s.totalSlow);
    }

    // ---------------------------------------------------------------- for FaultInjector

    Iterable<PodState> livePods() { return pods.values(); }

    DeploymentState deployment(String namespace, String name) { return deploymentsByKey.get(namespace + "/" + name); }

    /** Runs {@code action} at {@code time} among the cluster events, if the run lasts that long. */
    void atClusterTime(long time, Runnable action) { if (time <= end) queue.add(time, BAND_CLUSTER, action); }


    // ---------------------------------------------------------------- pods, scheduler, ReplicaSet

    /** The cluster exists before the run: initial pods are bound, started and ready at t = 0 (when they fit). */
    private void deployInitialPods() {
        for (DeploymentState d : deployments) for (int i = 0; i < d.replicas; i++) createPod(d, true);
    }

    private void createPod(DeploymentState d, boolean warm) {
        PodState p = new PodState(newPodName(d), d, now(), stepMs);
        DeploymentState.Behaviour b = p.revision.behaviour();
        if (b.errorShare() > 0) p.effects.add(new TrafficEffect.Errors(b.errorShare(), false));
        if (b.extraLatencyS() > 0) p.effects.add(new TrafficEffect.Delay(b.extraLatencyS(), 0, null));
        pods.put(p.key, p);
        d.pods.add(p);
        NodeState node = bestNode(p);
        if (node != null) bind(p, node); else pending.add(p);
        emit(new SimEvent.PodCreated(now(), p.key, d.key, node == null ? "" : node.spec.name()));
        if (node == null) return;
        if (warm) {
            p.container = PodState.Container.RUNNING;
            p.everStarted = true;
            p.runningSince = now();
            p.servingAt = now();
            p.leakSince = now();
            p.leakRate = d.leakRate;
            setReady(p, true);
        } else {
            p.startAt = now();
        }
        replan(p);
    }

    private String newPodName(DeploymentState d) {
        SplittableRandom names = random.stream("pod-names/" + d.key);
        while (true) {
            StringBuilder sb = new StringBuilder(d.spec.name()).append('-');
            for (int i = 0; i < 5; i++) sb.append(SUFFIX_ALPHABET.charAt(names.nextInt(SUFFIX_ALPHABET.length())));
            String name = sb.toString();
            if (usedNames.add(d.spec.namespace() + "/" + name)) return name;
        }
    }

    /** Least allocated node that fits the pod's requests; ties go to the first by name. */
    private NodeState bestNode(PodState p) {
        ContainerSpec c = p.spec;
        NodeState best = null;
        double bestScore = Double.MAX_VALUE;
        for (NodeState n : nodes) {
            if (!n.schedulable() || !n.fits(c.cpuRequest(), c.memoryRequest())) continue;
            double score = n.allocatedAfter(c.cpuRequest(), c.memoryRequest());
            if (score < bestScore) { best = n; bestScore = score; }
        }
        return best;
    }

    private void bind(PodState p, NodeState node) {
        p.node = node;
        node.bind(p.spec.cpuRequest(), p.spec.memoryRequest());
    }

    private void retryPending() {
        for (Iterator<PodState> it = pending.iterator(); it.hasNext(); ) {
            PodState p = it.next();
            NodeState node = bestNode(p);
            if (node == null) continue;
            it.remove();
            bind(p, node);
            p.startAt = now();
            replan(p);
        }
    }

    void delete(PodState p, String reason, long graceMs, boolean abrupt) {
        if (p.terminating) return;
        if (abrupt) loseInFlight(p);
        p.terminating = true;
        p.epoch++;
        if (p.node == null) pending.remove(p);
        emit(new SimEvent.PodDeleted(now(), p.key, reason));
        if (p.ready) setReady(p, false);
        queue.add(now() + graceMs, BAND_CLUSTER, () -> gone(p));
        requestReconcile(p.deployment);
    }

    private void gone(PodState p) {
        p.gone = true;
        p.container = PodState.Container.WAITING;
        pods.remove(p.key);
        scraper.release(p);
        p.deployment.pods.remove(p);
        if (p.node != null) {
            p.node.release(p.spec.cpuRequest(), p.spec.memoryRequest());
            retryPending();
        }
        if (p.deployment.rolling) requestReconcile(p.deployment);
    }

    private void requestReconcile(DeploymentState d) {
        if (d.reconcileQueued) return;
        d.reconcileQueued = true;
        queue.add(now() + CONTROLLER_DELAY_MS, BAND_CLUSTER, () -> reconcile(d));
    }

    /** The ReplicaSet controller: create missing pods, delete surplus ones (youngest first). */
    private void reconcile(DeploymentState d) {
        d.reconcileQueued = false;
        d.observedGeneration = d.generation;
        if (d.rolling && rollingUpdate(d)) return;
        int active = d.active();
        for (int i = active; i < d.replicas; i++) createPod(d, false);
        if (active > d.replicas) {
            List<PodState> live = new ArrayList<>();
            for (PodState p : d.pods) if (DeploymentState.live(p)) live.add(p);
            Collections.reverse(live);
            for (PodState p : live.subList(0, active - d.replicas)) delete(p, "ReplicaSet", GRACEFUL_DELETE_MS, false);
        }
        if (d.rolling && d.updated() == d.replicas && d.ready() == d.replicas && d.active() == d.replicas) {
            d.rolling = false;
            emit(new SimEvent.RolloutCompleted(now(), d.key, d.current().number()));
        }
    }

    /**
     * One pass of the Deployment controller's RollingUpdate while pods of an older template live: new
     * pods up to {@code replicas + maxSurge} live pods, old ones deleted while at least
     * {@code replicas − maxUnavailable} stay Ready (not-Ready old pods first: they serve nobody).
     * False when no old pod is left (the plain ReplicaSet pass finishes the job).
     */
    private boolean rollingUpdate(DeploymentState d) {
        int template = d.current().template();
        int fresh = 0;
        List<PodState> old = new ArrayList<>();
        for (PodState p : d.pods) {
            if (!DeploymentState.live(p)) continue;
            if (p.revision.template() == template) fresh++; else old.add(p);
        }
        if (old.isEmpty()) return false;
        int surge = d.spec.strategy().surge(d.replicas), unavailable = d.spec.strategy().unavailable(d.replicas);
        int create = Math.min(d.replicas + surge - (fresh + old.size()), d.replicas - fresh);
        for (int i = 0; i < create; i++) createPod(d, false);
        int allowed = d.ready() - (d.replicas - unavailable);
        List<PodState> readyOld = new ArrayList<>();
        for (PodState p : old) {
            if (!p.ready) delete(p, "RollingUpdate", GRACEFUL_DELETE_MS, false);
            else readyOld.add(p);
        }
        Collections.reverse(readyOld);
        for (PodState p : readyOld) {
            if (allowed-- <= 0) break;
            delete(p, "RollingUpdate", GRACEFUL_DELETE_MS, false);
        }
        return true;
    }

    /** Makes {@code behaviour} the Deployment's new revision (same container) and starts its RollingUpdate. */
    DeploymentState.Revision rollOut(DeploymentState d, DeploymentState.Behaviour behaviour, String cause) {
        int number = d.current().number() + 1;
        int template = 0;
        for (DeploymentState.Revision r : d.revisions) template = Math.max(template, r.template());
        var revision = new DeploymentState.Revision(number, template + 1, d.current().container(), behaviour);
        d.revisions.add(revision);
        startRollout(d, cause);
        return revision;
    }

    /** The previous revision's template becomes current under a new number (kubectl rollout undo). */
    void rollbackTo(DeploymentState d, String cause) {
        DeploymentState.Revision previous = d.revisions.remove(d.revisions.size() - 2);
        d.revisions.add(new DeploymentState.Revision(d.current().number() + 1, previous.template(), previous.container(), previous.behaviour()));
        startRollout(d, cause + " to the template of revision " + previous.number());
    }

    private void startRollout(DeploymentState d, String cause) {
        d.generation++;
        d.rolling = true;
        emit(new SimEvent.RolloutStarted(now(), d.key, d.current().number(), cause));
        requestReconcile(d);
    }

    // ---------------------------------------------------------------- HPA, PDBs, evictions, nodes

    /** One sync of the Deployment's HorizontalPodAutoscaler (see {@link dev.homeostat.simulator.spec.HpaSpec}). */
    private void hpaTick(DeploymentState d) {
        var h = d.spec.hpa();
        long t = now();
        double used = 0, requested = 0;
        int readyPods = 0;
        for (PodState p : d.pods) {
            if (!DeploymentState.live(p) || !p.ready || p.lastMinute.filled() == 0) continue;
            used += p.lastMinute.sum(PodState.CPU) / p.lastMinute.filled();
            requested += p.spec.cpuRequest();
            readyPods++;
        }
        int current = d.replicas;
        int target = Math.clamp(current, h.minReplicas(), h.maxReplicas());
        double utilization = requested > 0 ? used / requested : 0;
        if (readyPods > 0 && requested > 0) {
            double ratio = utilization / h.targetCpuUtilization();
            int desired = Math.abs(ratio - 1) <= 0.1 ? current : (int) Math.ceil(readyPods * ratio);
            desired = Math.clamp(desired, h.minReplicas(), h.maxReplicas());
            desired = Math.min(desired, Math.max(2 * current, current + 4));
            d.recommendations.add(new long[] {t, desired});
            d.recommendations.removeIf(r -> r[0] < t - h.scaleDownStabilization().toMillis());
            if (desired >= current) target = desired;
            else {
                // scale down only to the highest recommendation of the stabilisation window
                long highest = 0;
                for (long[] r : d.recommendations) highest = Math.max(highest, r[1]);
                target = (int) Math.min(current, highest);
            }
        }
        if (target != current) {
            d.replicas = target;
            emit(new SimEvent.HpaScaled(t, d.key, current, target, utilization));
            requestReconcile(d);
        }
        atClusterTime(t + h.syncPeriod().toMillis(), () -> hpaTick(d));
    }

    private PdbView pdbStatus(PdbSpec s) {
        List<String> names = new ArrayList<>();
        Set<DeploymentState> owners = new java.util.LinkedHashSet<>();
        int healthy = 0;
        for (PodState p : pods.values()) {
            if (!DeploymentState.live(p) || !s.selects(p.namespace, p.deployment.podLabels)) continue;
            names.add(p.name);
            owners.add(p.deployment);
            if (p.ready) healthy++;
        }
        int expected = 0;
        for (DeploymentState d : owners) expected += d.replicas;
        int desired = s.minAvailable() != null ? s.minAvailable() : Math.max(0, expected - s.maxUnavailable());
        return new PdbView(s.namespace(), s.name(), healthy, desired, Math.max(0, healthy - desired), names);
    }

    /** The Eviction API: a Ready pod needs a disruption allowed by every budget covering it; a not-Ready one, budgets that are met. */
    private boolean evict(PodState p) {
        for (PdbSpec s : spec.cluster().pdbs()) {
            if (p.isolated || !s.selects(p.namespace, p.deployment.podLabels)) continue;
            PdbView v = pdbStatus(s);
            if (p.ready ? v.disruptionsAllowed() < 1 : v.currentHealthy() < v.desiredHealthy()) return false;
        }
        delete(p, "Eviction", GRACEFUL_DELETE_MS, false);
        return true;
    }

    private List<PodState> podsOn(NodeState n) {
        List<PodState> out = new ArrayList<>();
        for (PodState p : pods.values()) if (p.node == n && !p.terminating) out.add(p);
        return out;
    }

    private void drainStep(NodeState n) {
        boolean blocked = false;
        for (PodState p : podsOn(n)) if (!evict(p)) blocked = true;
        if (blocked) atClusterTime(now() + DRAIN_RETRY_MS, () -> drainStep(n));
        else n.draining = false;
    }

    /**
     * The node stops (kubelet and containers gone): its pods answer nothing (requests time out) and
     * nothing changes on them; NotReady after the grace period, pods evicted after the toleration.
     */
    void failNode(NodeState n) {
        if (n.down) return;
        n.down = true;
        int epoch = ++n.failureEpoch;
        for (PodState p : podsOn(n)) {
            loseInFlight(p);
            p.effects.add(n.downEffect);
            p.epoch++;
        }
        atClusterTime(now() + NODE_MONITOR_GRACE_MS, () -> {
            if (n.failureEpoch != epoch) return;
            n.ready = false;
            emit(new SimEvent.NodeConditionChanged(now(), n.spec.name(), false));
            for (PodState p : podsOn(n)) setReady(p, false);
            atClusterTime(now() + NOT_READY_TOLERATION_MS, () -> {
                if (n.failureEpoch != epoch) return;
                for (PodState p : podsOn(n)) delete(p, "TaintManagerEviction", GRACEFUL_DELETE_MS, false);
            });
        });
    }

    /** The node is back: Ready again, its remaining pods resume (probes decide their readiness). */
    void recoverNode(NodeState n) {
        if (!n.down) return;
        n.down = false;
        n.failureEpoch++;
        for (PodState p : podsOn(n)) {
            p.effects.remove(n.downEffect);
            replan(p);
        }
        if (!n.ready) {
            n.ready = true;
            emit(new SimEvent.NodeConditionChanged(now(), n.spec.name(), true));
        }
        retryPending();
    }

    // ---------------------------------------------------------------- kubelet: containers and probes

    /**
     * Re-plans the pod's next state changes from its current state: container start, readiness
     * flip, liveness kill, OOM kill. Bumping the epoch voids every event planned before.
     */
    void replan(PodState p) {
        long e = ++p.epoch;
        if (p.terminating || p.node == null || p.node.down) return;
        long t = now();
        if (!p.running()) {
            at(p, e, Math.max(t, p.startAt), () -> startContainer(p));
            return;
        }
        ContainerSpec c = p.spec;
        DeploymentState.Behaviour b = p.revision.behaviour();
        if (p.failures == 0 && b.crashOnStart()) {
            // the new revision exits with an error once it has started
            at(p, e, Math.max(t, p.servingAt), () -> crash(p, "Error"));
        } else if (p.failures == 0) {
            if (!p.ready && !p.isolated && !b.neverReady()) {
                long servingFrom = Math.max(p.servingAt, p.failureEndedAt);
                at(p, e, Math.max(t, Probes.passesAt(p.runningSince, c.readinessProbe(), servingFrom)), () -> setReady(p, true));
            }
            if (t < p.servingAt) {
                // a container slower to start than its liveness probe allows is killed while starting
                long kill = Probes.failsAt(p.runningSince, c.livenessProbe(), p.runningSince);
                if (kill < p.servingAt) at(p, e, Math.max(t, kill), () -> crash(p, "LivenessProbe"));
            }
        } else {
            long since = Math.max(p.failedSince, p.runningSince);
            if (p.ready) at(p, e, Math.max(t, Probes.failsAt(p.runningSince, c.readinessProbe(), since)), () -> setReady(p, false));
            at(p, e, Math.max(t, Probes.failsAt(p.runningSince, c.livenessProbe(), since)), () -> crash(p, "LivenessProbe"));
        }
        double memory = p.memoryAt(t);
        long limit = c.memoryLimit();
        if (memory >= limit) {
            at(p, e, t, () -> crash(p, "OOMKilled"));
        } else if (p.leakRate > 0) {
            long reach = (long) Math.ceil((limit - memory) * 1000.0 / p.leakRate);
            at(p, e, t + reach, () -> crash(p, "OOMKilled"));
        }
    }

    /** Schedules {@code action} for the pod, to run only if nothing changed the pod in between. */
    private void at(PodState p, long epoch, long time, Runnable action) {
        queue.add(time, BAND_CLUSTER, () -> {
            if (p.epoch == epoch && !p.terminating) action.run();
        });
    }

    private void startContainer(PodState p) {
        long t = now();
        long startup = p.spec.startupTime().toMillis();
        long jitter = (long) (startup * STARTUP_JITTER * random.stream("startup-jitter/" + p.deployment.key).nextDouble());
        p.container = PodState.Container.RUNNING;
        p.everStarted = true;
        p.runningSince = t;
        p.servingAt = t + startup + jitter;
        p.leaked = 0;
        p.leakSince = t;
        p.leakRate = p.deployment.leakRate;
        replan(p);
    }

    /** The container died (OOMKilled, liveness, kill): restart in place after the CrashLoopBackOff delay. */
    void crash(PodState p, String reason) {
        long t = now();
        loseInFlight(p);
        boolean ranLong = t - p.runningSince >= BACKOFF_RESET_MS;
        p.container = PodState.Container.WAITING;
        if (p.ready) setReady(p, false);
        p.restarts++;
        // a liveness kill or a chaos container-kill ends the process with a signal: kubelet says Error
        p.lastTerminatedReason = reason.equals(PodState.OOM_KILLED) ? PodState.OOM_KILLED : PodState.ERROR;
        p.crashStreak = ranLong ? 1 : p.crashStreak + 1;
        p.startAt = t + Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS << Math.min(p.crashStreak - 1, 20));
        p.leaked = 0;
        p.leakRate = 0;
        p.leakSince = t;
        if (p.deadlock != null) {
            // a restart clears a deadlock
            p.effects.remove(p.deadlock);
            p.deadlock = null;
        }
        emit(new SimEvent.ContainerRestarted(t, p.key, reason, p.restarts));
        replan(p);
    }

    private void setReady(PodState p, boolean ready) {
        if (p.ready == ready) return;
        p.ready = ready;
        emit(new SimEvent.PodReadinessChanged(now(), p.key, ready));
        if (p.deployment.rolling) requestReconcile(p.deployment);
    }

    /** Requests in the pod when it dies (Little's law: arrival rate × mean latency) fail. */
    void loseInFlight(PodState p) {
        double lost = p.lastArrivals * p.lastLatency;
        p.lastArrivals = 0;
        if (lost <= 0) return;
        p.err500 += lost;
        if (p.deployment.service != null) p.deployment.service.lostInFlight += lost;
    }

    // ---------------------------------------------------------------- traffic, SLOs, scrape

    /**
     * One traffic step of every Deployment. When a scrape falls on the same instant, each Deployment's
     * pods are scraped right after its step, while they are in cache (a pod is read from memory once
     * per step, not twice). Nothing runs between the traffic and the scrape band of one instant
     * (traffic schedules no event), and a step changes only its own Deployment's pods, so the scrape
     * reads what it would read after all steps.
     */
    private void trafficTick() {
        long t = now();
        boolean scrape = t % scrapeEvery == 0;
        MetricStore.Batch block = scrape ? scraper.begin(t) : null;
        for (DeploymentState d : trafficOrder) {
            if (t > 0) traffic.step(d, t);
            if (scrape) scraper.scrapeDeployment(block, d, t);
        }
        if (scrape) {
            scraper.scrapeServices(t, services);
            scrapedAt = t;
        }
        if (t + stepMs <= end) queue.add(t + stepMs, BAND_TRAFFIC, this::trafficTick);
    }

    private void scrapeTick() {
        long t = now();
        if (scrapedAt != t) scraper.scrape(t, trafficOrder, services);
        if (t + scrapeEvery <= end) queue.add(t + scrapeEvery, BAND_SCRAPE, this::scrapeTick);
    }

    /** The Service {@code namespace/name}, or null. */
    ServiceState service(String namespace, String name) {
        return servicesByKey.get(namespace + "/" + name);
    }

    void emit(SimEvent event) { listener.on(event); }
}
