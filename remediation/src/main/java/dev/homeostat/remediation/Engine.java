package dev.homeostat.remediation;

import dev.homeostat.remediation.diagnosis.Diagnoser;
import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.guard.BlastRadiusGuard;
import dev.homeostat.remediation.guard.MeshGraph;
import dev.homeostat.remediation.guard.CooldownGuard;
import dev.homeostat.remediation.guard.DependencyGuard;
import dev.homeostat.remediation.guard.Guard;
import dev.homeostat.remediation.guard.GuardContext;
import dev.homeostat.remediation.guard.ModeGuard;
import dev.homeostat.remediation.guard.PdbGuard;
import dev.homeostat.remediation.guard.RateLimitGuard;
import dev.homeostat.remediation.guard.RolloutGuard;
import dev.homeostat.remediation.guard.RollbackGuard;
import dev.homeostat.remediation.guard.RoomGuard;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.GuardSettings;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.policy.Signal;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.Clock;
import dev.homeostat.remediation.port.ClusterActions;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.EngineListener;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.remediation.router.ActionGate;
import dev.homeostat.remediation.router.IncidentView;
import dev.homeostat.remediation.router.PendingApproval;
import dev.homeostat.remediation.router.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The self-healing engine: detectors → router → remediators → guards → cluster. It touches the
 * world only through its ports, so the same code runs against the simulator and a live cluster.
 * Call {@link #tick()} every {@code policy.evaluationInterval()}; everything it decides goes to
 * the {@link EngineListener}. Not thread-safe: one caller ticks it.
 */
public final class Engine {
    /** The label that names a series' service, when it has one. */
    public static final String SERVICE_LABEL = "service";
    /** The label that names a pod's or deployment's namespace; missing means {@code default}, as in Kubernetes. */
    public static final String NAMESPACE_LABEL = "namespace";

    private final Policy policy;
    private final MetricsSource metrics;
    private final ClusterView cluster;
    private final ClusterActions actions;
    private final Clock clock;
    private final EngineListener listener;
    private final long seed;
    private final DetectorFactory detectors;
    private final List<Guard> guards;
    private final Router router;
    private final RoutineDisruption routine;
    /** The cordons, retry cuts and open circuits the engine keeps in force, and when each is lifted. */
    private final Measures measures;
    /** Diagnoses anomalies before routing, when a rule of the policy acts on diagnoses; null otherwise. */
    private final Diagnoser diagnoser;
    /** A rollout that began this long before a service's first anomaly is its likely cause. */
    static final Duration CHANGE_WINDOW = Duration.ofMinutes(15);
    /** Pods this busy (CPU over requests) on average make a service saturated. */
    static final double SATURATION = 0.85;
    /** Which service each pod backs, from the series that name both. */
    private final ServiceIndex serviceIndex = new ServiceIndex();
    /** Each signal's detectors and their state, in policy order. */
    private final List<SignalEvaluator> signals = new ArrayList<>();
    private final List<Anomaly> external = new ArrayList<>();
    private final dev.homeostat.remediation.router.TeamPages teamPages = new dev.homeostat.remediation.router.TeamPages();
    /**
     * When each service or Deployment ({@code service/ns/name}, {@code deployment/ns/name}) last had an
     * anomaly, kept for the lookback: what the dependency guard calls anomalous.
     */
    private final Map<String, Long> lastAnomalous = new TreeMap<>();
    private boolean ticked;
    private long lastTick;
    /** When the detectors of series quiet for a lookback were last dropped. */
    private long lastSweep = Long.MIN_VALUE;

    public Engine(Policy policy, MetricsSource metrics, ClusterView cluster, ClusterActions actions, Clock clock,
                  EngineListener listener, long seed) {
        this(policy, metrics, cluster, actions, clock, listener, seed, DetectorFactory.registry());
    }

    public Engine(Policy policy, MetricsSource metrics, ClusterView cluster, ClusterActions actions, Clock clock,
                  EngineListener listener, long seed, DetectorFactory detectors) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.seed = seed;
        this.detectors = Objects.requireNonNull(detectors, "detectors");
        MeshGraph mesh = new MeshGraph(metrics, policy.lookback());
        this.guards = defaultGuards(policy.guards(), mesh);
        this.diagnoser = policy.diagnoses()
                ? new Diagnoser(cluster, metrics, mesh, CHANGE_WINDOW, policy.lookback(), SATURATION) : null;
        this.router = new Router(policy, this::apply, listener, cluster, dev.homeostat.remediation.slo.PageSeverity.of(policy, metrics, mesh::at),
                teamPages, mesh::at);
        this.routine = new RoutineDisruption(cluster);
        this.measures = new Measures(cluster, policy);
        for (Signal s : policy.signals()) signals.add(new SignalEvaluator(s, detectors, seed, serviceIndex));
    }

    /**
     * The guards in the order they are asked, without the dependency guard (it needs the mesh's metrics):
     * the rate limit last, so a token is spent only on an action that runs.
     */
    public static List<Guard> defaultGuards(GuardSettings settings) {
        return List.of(new ModeGuard(), new CooldownGuard(settings.cooldown()), new RollbackGuard(), new RoomGuard(),
                new BlastRadiusGuard(settings.maxUnavailableFraction()), new PdbGuard(), new RolloutGuard(),
                new RateLimitGuard(settings.maxActionsPerMinute()));
    }

    /**
     * The engine's guards: mode → cooldown → dependency (unless {@code dependencyAware: false}; reads the call
     * graph from {@code metrics} over {@code lookback}) → rollback → room → blast-radius → pdb → rollout → rate-limit. The
     * dependency guard comes before the capacity guards so a veto names the real reason.
     */
    public static List<Guard> defaultGuards(GuardSettings settings, MetricsSource metrics, Duration lookback) {
        return defaultGuards(settings, new MeshGraph(metrics, lookback));
    }

    private static List<Guard> defaultGuards(GuardSettings settings, MeshGraph mesh) {
        List<Guard> guards = new ArrayList<>(defaultGuards(settings));
        if (settings.dependencyAware()) guards.add(2, new DependencyGuard(mesh));
        return List.copyOf(guards);
    }

    public Policy policy() { return policy; }

    /**
     * The team's own SLO page {@code key} for {@code service} ({@code service/<ns>/<name>}) fired or resolved (live:
     * Alertmanager's {@code SLOErrorBudgetBurn} notification through the webhook): while it is open, the engine's
     * page for that service or a service it calls is held, a human having the incident already.
     */
    public void teamPage(String service, String key, boolean firing) {
        teamPages.page(service, key, firing);
    }

    /**
     * An anomaly from outside the detectors (live: an Alertmanager webhook). It is journaled and
     * routed at the next tick, like the detectors' own.
     */
    public void alert(Anomaly anomaly) {
        external.add(Objects.requireNonNull(anomaly, "anomaly"));
    }

    /** Remediations in flight, sorted by target. */
    public List<IncidentView> incidents() { return router.incidents(); }

    /**
     * Actions of rules in {@code approve} mode waiting for a human, sorted by id. Safe to call from
     * any thread (live: the HTTP server's), like {@link #approve} and {@link #reject}.
     */
    public List<PendingApproval> pendingApprovals() { return router.approvals().pending(); }

    /** Approves a pending action; it goes through the guards at the next tick. False if no approval with that id is pending. */
    public boolean approve(String id) { return router.approvals().approve(id); }

    /** Rejects a pending action; at the next tick the chain moves on as after a veto. False if no approval with that id is pending. */
    public boolean reject(String id) { return router.approvals().reject(id); }

    /** How many (signal, target) detectors the engine holds right now. */
    public int detectorCount() {
        int n = 0;
        for (SignalEvaluator s : signals) n += s.detectorCount();
        return n;
    }

    /**
     * One evaluation at the clock's now: query, detect, journal, route, act, verify. The cluster's pods are asked about
     * only when something is to be routed or is in flight (by name where the view answers so, listed whole only before
     * an action then): a quiet tick costs the new samples and nothing else.
     */
    public void tick() {
        long now = clock.millis();
        if (ticked && now < lastTick) {
            throw new IllegalStateException("clock went backwards: tick at " + now + " ms after a tick at " + lastTick + " ms");
        }
        cluster.refresh();
        if (!ticked) for (ClusterAction m : cluster.measuresInForce()) measures.adopt(m, serviceOf(m));
        long since = ticked ? lastTick : now - policy.lookback().toMillis();
        var found = new ArrayList<Anomaly>();
        for (SignalEvaluator signal : signals)
            for (Anomaly a : signal.evaluate(metrics, since, now)) found.add(serviceIndex.complete(a, cluster));
        found.addAll(external);
        external.clear();
        // a Deployment rolling out, or refilling after a drain, within its budget is not an incident (Progressing=True)
        found.removeIf(a -> routine.explains(a, now).isPresent());
        found.sort(Comparator.comparingLong(Anomaly::timeMillis).thenComparing(Anomaly::signal)
                .thenComparing(a -> a.target().ref()).thenComparing(Anomaly::detector));
        for (Anomaly anomaly : found) listener.on(new EngineEvent.AnomalyRaised(now, anomaly));
        noteAnomalous(found, now);
        Map<Anomaly, Diagnosis> diagnoses = diagnoser == null ? Map.of() : diagnoser.diagnose(now, found);
        router.onTick(now, List.copyOf(found), diagnoses, new Lazy<List<PodInfo>>(() -> List.copyOf(cluster.pods())));
        liftMeasures(now);
        long lookback = policy.lookback().toMillis();
        if (!ticked || now - lastSweep >= lookback) {
            // a series quiet for a whole lookback is a pod or Deployment that is gone: its detector goes with it
            for (SignalEvaluator signal : signals) signal.forgetQuietSince(now - lookback);
            serviceIndex.retainPods(cluster::hasPod);
            lastSweep = now;
        }
        lastTick = now;
        ticked = true;
    }

    /** Remembers which services and Deployments alerted this tick; forgets those quiet for a whole lookback. */
    private void noteAnomalous(List<Anomaly> found, long now) {
        for (Anomaly a : found) {
            for (String ref : refsOf(a.target(), a.service())) lastAnomalous.merge(ref, a.timeMillis(), Math::max);
        }
        long horizon = now - policy.lookback().toMillis();
        lastAnomalous.values().removeIf(t -> t < horizon);
    }

    /** What the engine finds anomalous now: an anomaly within the lookback, or a remediation in flight. */
    private TreeSet<String> anomalousNow() {
        var refs = new TreeSet<>(lastAnomalous.keySet());
        for (IncidentView incident : router.incidents()) {
            refs.addAll(refsOf(incident.target(), incident.service()));
            refs.addAll(refsOf(incident.current(), incident.service()));
        }
        return refs;
    }

    /** Whether {@code ref} is among {@link #anomalousNow()}, without building that set (a tick asks it of each retry cut or circuit in force). */
    private boolean anomalousNow(String ref) {
        if (lastAnomalous.containsKey(ref)) return true;
        for (IncidentView incident : router.incidents()) {
            if (refsOf(incident.target(), incident.service()).contains(ref) || refsOf(incident.current(), incident.service()).contains(ref)) return true;
        }
        return false;
    }

    /** The service (from its label) and the Deployment (a pod's, through the cluster) a target stands for. */
    private List<String> refsOf(Target target, String serviceLabel) {
        String ns = target.namespace() == null ? "default" : target.namespace();
        var refs = new ArrayList<String>(2);
        if (serviceLabel != null && !serviceLabel.isBlank()) {
            refs.add(serviceLabel.startsWith("service/") ? serviceLabel : "service/" + ns + "/" + serviceLabel);
        }
        switch (target.kind()) {
            case SERVICE, DEPLOYMENT -> refs.add(target.ref());
            case POD -> cluster.pod(ns, target.name()).map(PodInfo::deployment)
                    .ifPresent(deployment -> refs.add("deployment/" + ns + "/" + deployment));
            case NODE -> { }
        }
        return refs;
    }

    /** The service a measure is about: its own target for a retry cut or a circuit, none for a cordon. */
    private static String serviceOf(ClusterAction measure) {
        return measure.target().kind() == Target.Kind.SERVICE ? measure.target().ref() : null;
    }

    /** Lifts, through the guards like any action, each measure whose cause has been clear for the policy's liftAfter. */
    private void liftMeasures(long now) {
        if (measures.size() == 0) return;
        for (Measures.Measure m : measures.due(now, this::anomalousNow, (d, base, target) -> fitsAt(d, base, target, now))) {
            var attempt = apply(m.lift(), m.rule, m.service, now, () -> { });
            // applied, refused by the cluster, or its rule only observes: no longer the engine's to hold; held back by
            // another guard (a rate limit, a cooldown): tried again next tick
            if (attempt instanceof ActionGate.Attempt.Vetoed v && v.guard().equals(ModeGuard.NAME)) {
                listener.on(new EngineEvent.ActionTaken(now, m.lift(), m.rule.name(), m.service,
                        EngineEvent.Outcome.HELD, v.guard(), "would lift it; the policy only observes, so it stays for a human"));
                measures.done(m);
            } else if (attempt instanceof ActionGate.Attempt.Executed) {
                measures.done(m);
            }
        }
    }

    /**
     * Whether the Deployment's pods, as busy as they are now, would be at or below {@code target} utilization on
     * {@code base} replicas (the HPA's scale-down test); false without a diagnosis stage to measure it, or no sample.
     */
    private boolean fitsAt(DeploymentInfo d, int base, double target, long now) {
        if (diagnoser == null || base <= 0) return false;
        double utilization = diagnoser.utilization(d, now);
        return Double.isFinite(utilization) && utilization * Math.max(d.readyReplicas(), 1) <= target * base;
    }

    /** The gate between the router and the cluster: guards first, then the port, and the journal either way. */
    private ActionGate.Attempt apply(ClusterAction action, Rule rule, String service, long now, Runnable beforeRunning) {
        var context = new GuardContext(now, rule.name(), rule.mode(), cluster, rule.duringRollout(), anomalousNow(),
                rule.match().byDiagnosis() ? rule.match().diagnoses() : null);
        for (Guard guard : guards) {
            Optional<String> veto = guard.veto(action, context);
            if (veto.isPresent()) return new ActionGate.Attempt.Vetoed(guard.name(), veto.get());
        }
        beforeRunning.run();
        boolean someoneElses = measures.someoneElses(action);
        DeploymentInfo scaledFrom = action instanceof ClusterAction.ScaleDeployment s
                ? cluster.deployment(s.target().namespace(), s.target().name()).orElse(null) : null;
        ActionOutcome outcome = actions.execute(action);
        if (outcome == null) outcome = ActionOutcome.refused("cluster returned no outcome");
        if (!someoneElses) measures.taken(action, rule, service, outcome.applied(), scaledFrom);
        for (Guard guard : guards) guard.onExecuted(action, context);
        listener.on(new EngineEvent.ActionTaken(now, action, rule.name(), service,
                outcome.applied() ? EngineEvent.Outcome.APPLIED : EngineEvent.Outcome.REFUSED, null, outcome.detail()));
        return new ActionGate.Attempt.Executed(outcome);
    }
}
