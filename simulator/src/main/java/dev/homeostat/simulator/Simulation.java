package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.cluster.NodeView;
import dev.homeostat.simulator.cluster.PdbView;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.cluster.ServiceTotals;
import dev.homeostat.simulator.change.Change;
import dev.homeostat.simulator.core.EventQueue;
import dev.homeostat.simulator.core.RandomStreams;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.events.SimulationListener;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.metrics.Batch;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

/**
 * One simulated run of a cluster in virtual time, and its public face. The kernel — the event queue,
 * the clock, the traffic step and scrape loops, the hooks — drives the Kubernetes controllers, each
 * owning its state: the {@link Kubelet} (containers, probes, OOM, back-off; the only writer of a pod's
 * lifecycle), the {@link Scheduler}, the {@link ReplicaSetController} (replicas, rollouts), the
 * {@link HpaController} and the {@link NodeLifecycleController} (node failure, cordon, drain,
 * evictions and PDBs); faults act through them ({@link FaultInjector}). Deterministic: the same spec
 * and seed give the same events and samples (README "Architecture").
 *
 * <p>Events of one instant run in bands: cluster changes first, then the traffic step, then the
 * scrape, then outside hooks registered with {@link #every}, so a hook sees the instant settled.
 */
public final class Simulation {
    /** Default traffic step, ms ({@link SimulationSpec#DEFAULT_TRAFFIC_STEP}). */
    static final long STEP_MS = 1000;
    /** The span of the rate1m recording rules, ms. */
    static final long RATE_WINDOW_MS = 60_000;
    /** Events between two looks at the thread's interrupt status: a volatile read, cheap beside any event. */
    static final int INTERRUPT_CHECK_EVENTS = 64;
    private static final int BAND_CLUSTER = 0, BAND_TRAFFIC = 1, BAND_SCRAPE = 2, BAND_HOOK = 3;

    private final SimulationListener listener;
    private final EventQueue<Runnable> queue = new EventQueue<>(256);
    private final MetricStore metrics;
    private final Scraper scraper;
    private final long end;
    private final long scrapeEvery;
    /** The instant the traffic step last scraped along (its scrape tick then has nothing left to do). */
    private long scrapedAt = -1;
    /** This run's traffic step, ms ({@code spec.trafficStep}). */
    private final long stepMs;
    private final TrafficStep traffic;
    private final Kernel kernel = new Kernel() {
        @Override public long now() { return queue.now(); }
        @Override public void at(long time, Runnable action) { if (time <= end) queue.add(time, BAND_CLUSTER, action); }
        @Override public void emit(SimEvent event) { listener.on(event); }
    };
    private final Cluster cluster;
    private final Kubelet kubelet;
    private final ReplicaSetController replicaSets;
    private final NodeLifecycleController nodeLifecycle;
    private final FaultInjector faultInjector;
    private boolean started;
    private boolean finished;

    public Simulation(SimulationSpec spec, long seed, SimulationListener listener) {
        if (spec == null) throw new IllegalArgumentException("spec: required");
        if (listener == null) throw new IllegalArgumentException("listener: required (pass e -> { } to ignore events)");
        this.listener = listener;
        var random = new RandomStreams(seed);
        this.metrics = new MetricStore(spec.metricsRetention());
        this.scraper = new Scraper(metrics, random.stream("memory-noise"));
        this.end = spec.duration().toMillis();
        this.scrapeEvery = spec.scrapeInterval().toMillis();
        this.stepMs = spec.trafficStep().toMillis();
        this.traffic = new TrafficStep(listener::on, stepMs);
        this.cluster = new Cluster(spec.cluster(), random, stepMs);
        FaultTargets.check(spec.faults(), cluster);
        ChangeApplier.checkTargets(spec.changes(), cluster);
        this.kubelet = new Kubelet(kernel, random);
        var scheduler = new Scheduler(kernel, cluster.nodes(), kubelet);
        this.replicaSets = new ReplicaSetController(kernel, cluster, scheduler, kubelet, random, stepMs);
        this.nodeLifecycle = new NodeLifecycleController(kernel, cluster, kubelet, scheduler, spec.cluster().pdbs());
        // who hears of a pod's lifecycle, in this order: the API objects, the scrape, the scheduler, the ReplicaSets
        kubelet.watch(cluster);
        kubelet.watch(scraper);
        kubelet.watch(scheduler);
        kubelet.watch(replicaSets);
        this.faultInjector = new FaultInjector(kernel, end, cluster, kubelet, replicaSets, nodeLifecycle, random.stream("fault-choice"));
        queue.add(0, BAND_CLUSTER, replicaSets::deployInitialPods);
        for (Fault f : spec.faults()) kernel.at(f.start().toMillis(), () -> faultInjector.inject(f));
        var changes = new ChangeApplier(kernel, cluster, replicaSets, nodeLifecycle);
        for (Change c : spec.changes()) kernel.at(c.at().toMillis(), () -> changes.apply(c));
        queue.add(0, BAND_TRAFFIC, this::trafficTick);
        queue.add(0, BAND_SCRAPE, this::scrapeTick);
        new HpaController(kernel, replicaSets).start(cluster.deployments());
    }

    /** Virtual time, ms since the run started. */
    public long now() { return queue.now(); }

    /** Events run so far (stale ones included): the simulator's unit of work, for throughput figures. */
    public long eventsProcessed() { return queue.polledCount(); }

    /** When the run ends, ms. */
    public long endMillis() { return end; }

    public MetricStore metrics() { return metrics; }

    /**
     * Scrapes only these metric families (names as in {@code MetricNames}; before {@link #run}): for a run whose store is read
     * for a few families only (a baseline's report reads two), as a Prometheus scrape config keeping them would. The
     * other families cost nothing: a pod none of whose families is kept is not visited by the scrape. Events, views and
     * the kept families' samples are those of a run that keeps everything.
     */
    public void keepMetrics(Set<String> families) {
        if (families == null) throw new IllegalArgumentException("families: required");
        if (started) throw new IllegalStateException("keepMetrics: call it before run()");
        Set<String> known = Scraper.families();
        for (String f : families)
            if (!known.contains(f)) throw new IllegalArgumentException("families: no metric family '" + f + "' is scraped; known: " + known);
        scraper.keepOnly(families);
    }

    // ---------------------------------------------------------------- running

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

    /**
     * Runs to the end. Interruptible: when the running thread is interrupted the run stops within
     * {@link #INTERRUPT_CHECK_EVENTS} events (well under a second, whatever the cluster's size) with a
     * {@link CancellationException}, the thread's interrupt status set again.
     */
    public void run() {
        if (started) throw new IllegalStateException("run: a Simulation runs once; create a new one for another run");
        started = true;
        runEvents(end);
        finished = true;
    }

    /**
     * Runs the events up to {@code timeMillis} (at most the end) and stops, so a caller can pace the
     * run to wall time in slices ({@code homeostat sim serve}); the same events as {@link #run()} in the
     * same order. Returns false once the run has reached its end. Interruptible as {@link #run()}.
     */
    public boolean runUntil(long timeMillis) {
        if (finished) return false;
        started = true;
        long until = Math.min(timeMillis, end);
        runEvents(until);
        if (until >= end) finished = true;
        return !finished;
    }

    private void runEvents(long until) {
        int sinceCheck = 0;
        while (!queue.isEmpty() && queue.peekTime() <= until) {
            queue.poll().run();
            if (++sinceCheck == INTERRUPT_CHECK_EVENTS) {
                sinceCheck = 0;
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    finished = true;
                    throw new CancellationException("simulation interrupted at t=" + now() + " ms of " + end + " ms");
                }
            }
        }
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

    // ---------------------------------------------------------------- views

    /** Live pods (Terminating included) sorted by namespace/name. */
    public List<PodView> pods() {
        List<PodView> out = new ArrayList<>(cluster.podCount());
        for (PodState p : cluster.pods()) out.add(p.view());
        return out;
    }

    public Optional<PodView> pod(String namespace, String name) {
        return Optional.ofNullable(cluster.pod(namespace, name)).map(PodState::view);
    }

    /** Whether the pod is listed (Terminating included): {@link #pod} without building its view. */
    public boolean hasPod(String namespace, String name) { return cluster.hasPod(namespace, name); }

    /** The pods of one Deployment (Terminating included), in creation order; empty for an unknown Deployment. */
    public List<PodView> podsOf(String namespace, String deployment) {
        DeploymentState d = cluster.deployment(namespace, deployment);
        if (d == null) return List.of();
        List<PodView> out = new ArrayList<>(d.pods.size());
        for (PodState p : d.pods) out.add(p.view());
        return out;
    }

    /** The pods scheduled on {@code node} that are not being deleted, sorted by key; empty for an unknown node. */
    public List<PodView> podsOn(String node) {
        NodeState n = cluster.node(node);
        if (n == null) return List.of();
        List<PodView> out = new ArrayList<>();
        for (PodState p : cluster.podsOn(n)) out.add(p.view());
        return out;
    }

    /**
     * The mesh's retry policy toward a service: its callers retry at most {@code maxRetries} times (an Istio
     * VirtualService's {@code retries.attempts}); {@link Integer#MAX_VALUE} removes the limit, so the calls' own retries
     * count again. False if no such service.
     */
    public boolean limitRetries(String namespace, String service, int maxRetries) {
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries: must be >= 0, was " + maxRetries);
        ServiceState s = cluster.service(namespace, service);
        if (s == null) return false;
        s.retryLimit = maxRetries;
        return true;
    }

    /**
     * Opens the circuit toward a service: its endpoints empty to its callers, whose calls fail at once (as the live
     * adapter's selector method does), and its outside traffic finds no endpoint either; closed, its ready pods are its
     * endpoints again. False if no such service.
     */
    public boolean circuit(String namespace, String service, boolean open) {
        ServiceState s = cluster.service(namespace, service);
        if (s == null) return false;
        s.circuitOpen = open;
        return true;
    }

    /** One Deployment, if it exists. */
    public Optional<DeploymentView> deployment(String namespace, String name) {
        return Optional.ofNullable(cluster.deployment(namespace, name)).map(DeploymentState::view);
    }

    /** Deployments sorted by namespace/name. */
    public List<DeploymentView> deployments() {
        return cluster.deployments().stream().map(DeploymentState::view).toList();
    }

    /** Nodes sorted by name. */
    public List<NodeView> nodes() {
        return cluster.nodes().stream().map(NodeState::view).toList();
    }

    /** PodDisruptionBudgets and their status now, sorted by namespace/name. */
    public List<PdbView> pdbs() { return nodeLifecycle.budgets(); }

    /** Whether the service's SLO is violated now. */
    public boolean sloViolated(String namespace, String service) {
        ServiceState s = cluster.service(namespace, service);
        if (s == null) throw new IllegalArgumentException("service: no service '" + namespace + "/" + service + "'");
        return s.violated;
    }

    /**
     * What the Service's SLO has counted since the run began, as an SLO burn-rate rule reads it from counters:
     * requests, failed requests (5xx, no endpoint, lost in flight), requests slower than its latency objective, and its
     * pods' request-duration histogram summed.
     */
    public ServiceTotals serviceTotals(String namespace, String service) {
        ServiceState s = cluster.service(namespace, service);
        if (s == null) throw new IllegalArgumentException("service: no service '" + namespace + "/" + service + "'");
        return new ServiceTotals(s.totalRequests, s.totalErrors, s.totalSlow, s.totalDurations.clone());
    }

    /** The last traffic step's p99 latency of the Service (s), exact: the model's own, where the p99 rule reads a histogram. */
    double stepP99(String namespace, String service) {
        ServiceState s = cluster.service(namespace, service);
        if (s == null) throw new IllegalArgumentException("service: no service '" + namespace + "/" + service + "'");
        return s.stepP99;
    }

    // ---------------------------------------------------------------- actions, as the API server takes them

    /** Deletes a pod as the API server would (graceful); its ReplicaSet replaces it. False if no such pod. */
    public boolean deletePod(String namespace, String name, String reason) {
        PodState p = cluster.pod(namespace, name);
        if (p == null) return false;
        kubelet.delete(p, reason == null || reason.isBlank() ? "API" : reason, Kubelet.GRACEFUL_DELETE_MS, false);
        return true;
    }

    /** Sets a Deployment's replicas (as {@code kubectl scale}); its ReplicaSet converges after the controller delay. False if no such deployment. */
    public boolean scaleDeployment(String namespace, String name, int replicas) {
        if (replicas < 0) throw new IllegalArgumentException("replicas: must be >= 0, was " + replicas);
        DeploymentState d = cluster.deployment(namespace, name);
        if (d == null) return false;
        replicaSets.scale(d, replicas);
        return true;
    }

    /**
     * Rolls the Deployment back to its previous revision, as {@code kubectl rollout undo}: the previous
     * pod template becomes current (with a new revision number) and a RollingUpdate replaces the pods.
     * False if there is no such deployment or no previous revision.
     */
    public boolean rollback(String namespace, String name, String reason) {
        DeploymentState d = cluster.deployment(namespace, name);
        return d != null && replicaSets.rollback(d, "rollback (" + (reason == null || reason.isBlank() ? "API" : reason) + ")");
    }

    /**
     * Restarts the Deployment's pods as {@code kubectl rollout restart}: a new revision of the same template replaces
     * them by its RollingUpdate (a single replica's replacement is Ready before it goes, by the default surge). False
     * if there is no such Deployment, or it is a StatefulSet (restarted pod by pod, in place).
     */
    public boolean rolloutRestart(String namespace, String name, String reason) {
        DeploymentState d = cluster.deployment(namespace, name);
        if (d == null || d.spec.stateful()) return false;
        replicaSets.restart(d, "restart (" + (reason == null || reason.isBlank() ? "API" : reason) + ")");
        return true;
    }

    /**
     * Isolates a pod: it leaves its Service's endpoints and its ReplicaSet (which creates a replacement),
     * and is kept running for debugging. False if there is no such pod or it is Terminating or isolated already.
     */
    public boolean isolatePod(String namespace, String name) {
        PodState p = cluster.pod(namespace, name);
        return p != null && kubelet.isolate(p);
    }

    /** Uncordons a node: pods waiting for room are scheduled there again. False if there is no such node. */
    public boolean uncordonNode(String name) {
        NodeState n = cluster.node(name);
        if (n == null) return false;
        nodeLifecycle.uncordon(n);
        return true;
    }

    /** Cordons a node: no new pod is scheduled there. False if there is no such node. */
    public boolean cordonNode(String name) {
        NodeState n = cluster.node(name);
        if (n == null) return false;
        nodeLifecycle.cordon(n);
        return true;
    }

    /**
     * Drains a node as {@code kubectl drain}: cordons it and evicts its pods, each only when every
     * PodDisruptionBudget covering it allows; refused evictions are retried every 5 s until the node
     * is empty. False if there is no such node.
     */
    public boolean drainNode(String name) {
        NodeState n = cluster.node(name);
        if (n == null) return false;
        nodeLifecycle.drain(n);
        return true;
    }

    /** Evicts a pod through the Eviction API: refused (false) when a PodDisruptionBudget forbids it, or no such pod. */
    public boolean evictPod(String namespace, String name) {
        PodState p = cluster.pod(namespace, name);
        return p != null && nodeLifecycle.evict(p);
    }

    // ---------------------------------------------------------------- traffic and scrape loops

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
        Batch block = scrape ? scraper.begin(t) : null;
        for (DeploymentState d : cluster.trafficOrder()) {
            if (t > 0) traffic.step(d, t);
            if (scrape) scraper.scrapeDeployment(block, d, t);
        }
        if (scrape) {
            scraper.scrapeServices(t, cluster.services());
            scrapedAt = t;
        }
        if (t + stepMs <= end) queue.add(t + stepMs, BAND_TRAFFIC, this::trafficTick);
    }

    private void scrapeTick() {
        long t = now();
        if (scrapedAt != t) scraper.scrape(t, cluster.trafficOrder(), cluster.services());
        if (t + scrapeEvery <= end) queue.add(t + scrapeEvery, BAND_SCRAPE, this::scrapeTick);
    }
}
