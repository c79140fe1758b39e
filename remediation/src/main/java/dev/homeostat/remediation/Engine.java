package dev.homeostat.remediation;

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.Verdict;
import dev.homeostat.remediation.guard.BlastRadiusGuard;
import dev.homeostat.remediation.guard.CooldownGuard;
import dev.homeostat.remediation.guard.DependencyGuard;
import dev.homeostat.remediation.guard.Guard;
import dev.homeostat.remediation.guard.GuardContext;
import dev.homeostat.remediation.guard.ModeGuard;
import dev.homeostat.remediation.guard.PdbGuard;
import dev.homeostat.remediation.guard.RateLimitGuard;
import dev.homeostat.remediation.guard.RolloutGuard;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.GuardSettings;
import dev.homeostat.remediation.policy.MetricSelector;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.policy.Signal;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.Clock;
import dev.homeostat.remediation.port.ClusterActions;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.EngineListener;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.remediation.router.ActionGate;
import dev.homeostat.remediation.router.IncidentView;
import dev.homeostat.remediation.router.PendingApproval;
import dev.homeostat.remediation.router.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    /** One detector per (signal, target), by key; sorted so any walk over it is deterministic. */
    private final Map<String, SeriesState> series = new TreeMap<>();
    /** Each signal's metrics as selectors, parsed once. */
    private final Map<String, List<MetricSelector>> selectors = new TreeMap<>();
    private final List<Anomaly> external = new ArrayList<>();
    /**
     * When each service or Deployment ({@code service/ns/name}, {@code deployment/ns/name}) last had an
     * anomaly, kept for the lookback: what the dependency guard calls anomalous.
     */
    private final Map<String, Long> lastAnomalous = new TreeMap<>();
    /** The pods of the current tick, to name the Deployment of an anomalous pod. */
    private List<PodInfo> tickPods = List.of();
    /** pod ref → its Deployment's ref, built from {@link #tickPods} when first needed in a tick. */
    private Map<String, String> deploymentOfPod;
    private boolean ticked;
    private long lastTick;

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
        this.guards = defaultGuards(policy.guards(), metrics, policy.lookback());
        this.router = new Router(policy, this::apply, listener, cluster);
        for (Signal s : policy.signals()) selectors.put(s.name(), s.selectors());
    }

    /**
     * The guards in the order they are asked, without the dependency guard (it needs the mesh's metrics):
     * the rate limit last, so a token is spent only on an action that runs.
     */
    public static List<Guard> defaultGuards(GuardSettings settings) {
        return List.of(new ModeGuard(), new CooldownGuard(settings.cooldown()),
                new BlastRadiusGuard(settings.maxUnavailableFraction()), new PdbGuard(), new RolloutGuard(),
                new RateLimitGuard(settings.maxActionsPerMinute()));
    }

    /**
     * The engine's guards: mode → cooldown → dependency (unless {@code dependencyAware: false}; reads the call
     * graph from {@code metrics} over {@code lookback}) → blast-radius → pdb → rollout → rate-limit. The
     * dependency guard comes before the capacity guards so a veto names the real reason.
     */
    public static List<Guard> defaultGuards(GuardSettings settings, MetricsSource metrics, Duration lookback) {
        List<Guard> guards = new ArrayList<>(defaultGuards(settings));
        if (settings.dependencyAware()) guards.add(2, new DependencyGuard(metrics, lookback));
        return List.copyOf(guards);
    }

    public Policy policy() { return policy; }

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
    public int detectorCount() { return series.size(); }

    /** One evaluation at the clock's now: query, detect, journal, route, act, verify. */
    public void tick() {
        long now = clock.millis();
        if (ticked && now < lastTick) {
            throw new IllegalStateException("clock went backwards: tick at " + now + " ms after a tick at " + lastTick + " ms");
        }
        long since = ticked ? lastTick : now - policy.lookback().toMillis();
        List<PodInfo> pods = List.copyOf(cluster.pods());
        Set<String> fresh = new HashSet<>();
        var found = new ArrayList<Anomaly>();
        for (Signal signal : policy.signals()) {
            found.addAll(detect(signal, since, now, fresh));
        }
        found.addAll(external);
        external.clear();
        found.sort(Comparator.comparingLong(Anomaly::timeMillis).thenComparing(Anomaly::signal)
                .thenComparing(a -> a.target().ref()).thenComparing(Anomaly::detector));
        for (Anomaly anomaly : found) listener.on(new EngineEvent.AnomalyRaised(now, anomaly));
        tickPods = pods;
        deploymentOfPod = null;
        noteAnomalous(found, now);
        router.onTick(now, List.copyOf(found), pods);
        forgetVanished(pods, fresh);
        lastTick = now;
        ticked = true;
    }

    /** Feeds each series' new samples to its detector; the latest anomalous verdict per series becomes one anomaly. */
    private List<Anomaly> detect(Signal signal, long since, long now, Set<String> fresh) {
        List<MetricSelector> sel = selectors.get(signal.name());
        if (signal.multivariate()) return detectJoined(signal, sel, since, now, fresh);
        var bySeries = new TreeMap<String, Anomaly>();
        List<MetricSeries> list = new ArrayList<>(query(sel.getFirst(), since, now));
        list.sort(Comparator.comparing(s -> new TreeMap<>(s.labels()).toString()));
        for (MetricSeries s : list) {
            Target target = targetOf(signal, s.labels());
            if (target == null) continue; // a series without the target label cannot be acted on
            String key = signal.name() + " " + target.ref();
            SeriesState state = series.computeIfAbsent(key,
                    k -> new SeriesState(target, detectors.create(signal.detector(), Seeds.derive(seed, k))));
            Anomaly latest = null;
            for (int i = 0; i < s.times().length; i++) {
                long t = s.times()[i];
                if (t <= state.lastSeen || t > now) continue; // each sample once, and none from the future
                state.lastSeen = t;
                fresh.add(key);
                Verdict verdict = state.detector.observe(t, new double[] {s.values()[i]});
                if (verdict.anomalous()) {
                    latest = new Anomaly(t, signal.name(), signal.detector().name(), target, s.labels().get(SERVICE_LABEL),
                            verdict.score(), verdict.explanation());
                }
            }
            if (latest != null) bySeries.merge(key, latest, (a, b) -> b.timeMillis() >= a.timeMillis() ? b : a);
        }
        return List.copyOf(bySeries.values());
    }

    /**
     * A multivariate signal: per target, each new sample of the first metric becomes one vector,
     * in the order of {@code metrics}: the first metric's value, then for every other metric its
     * latest value at or before that sample — or NaN when it has none newer than the first metric's
     * previous sample. That staleness rule is the engine's version of Prometheus' staleness
     * marker: kube-state-metrics' status series (waiting reason, last terminated reason) vanish
     * when the status ends, and a vanished series must not keep its last value for ever.
     * Several series of one metric for one target (containers, reasons) are merged by their
     * maximum at each time. Latest values carry over between ticks in the target's state.
     */
    private List<Anomaly> detectJoined(Signal signal, List<MetricSelector> sel, long since, long now, Set<String> fresh) {
        int m = sel.size();
        List<Map<String, Joined>> byMetric = new ArrayList<>(m);
        for (MetricSelector selector : sel) byMetric.add(joinByTarget(signal, query(selector, since, now)));
        var bySeries = new TreeMap<String, Anomaly>();
        for (Joined driver : byMetric.getFirst().values()) {
            String key = signal.name() + " " + driver.target.ref();
            SeriesState state = series.computeIfAbsent(key,
                    k -> new SeriesState(driver.target, detectors.create(signal.detector(), Seeds.derive(seed, k))));
            state.carry(m);
            int[] next = new int[m];
            Anomaly latest = null;
            for (int i = 0; i < driver.times.length; i++) {
                long t = driver.times[i];
                if (t <= state.lastSeen || t > now) continue; // each sample once, and none from the future
                double[] row = new double[m];
                row[0] = driver.values[i];
                for (int j = 1; j < m; j++) {
                    Joined other = byMetric.get(j).get(driver.target.ref());
                    if (other != null) next[j] = state.advance(j, other, next[j], t);
                    row[j] = state.carriedTime[j] > state.lastSeen ? state.carriedValue[j] : Double.NaN;
                }
                state.lastSeen = t;
                fresh.add(key);
                Verdict verdict = state.detector.observe(t, row);
                if (verdict.anomalous()) {
                    latest = new Anomaly(t, signal.name(), signal.detector().name(), driver.target, driver.labels.get(SERVICE_LABEL),
                            verdict.score(), verdict.explanation());
                }
            }
            if (latest != null) bySeries.put(key, latest);
        }
        // samples of the other metrics after the last driver sample still count as "latest" for the next tick's first one
        for (int j = 1; j < m; j++) {
            for (Joined other : byMetric.get(j).values()) {
                SeriesState state = series.get(signal.name() + " " + other.target.ref());
                if (state == null) continue;
                state.carry(m);
                state.advance(j, other, 0, now);
            }
        }
        return List.copyOf(bySeries.values());
    }

    /** The series of one selector: asks the source for the bare name and keeps the series its matchers accept. */
    private List<MetricSeries> query(MetricSelector selector, long since, long now) {
        List<MetricSeries> all = metrics.range(selector.name(), since, now);
        if (selector.labels().isEmpty()) return all;
        return all.stream().filter(s -> selector.matches(s.labels())).toList();
    }

    /** One target's samples of one metric, its series merged by maximum per time; {@code labels} are its first series' (sorted by labels). */
    private record Joined(Target target, Map<String, String> labels, long[] times, double[] values) { }

    private static Map<String, Joined> joinByTarget(Signal signal, List<MetricSeries> list) {
        List<MetricSeries> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparing(s -> new TreeMap<>(s.labels()).toString()));
        var groups = new TreeMap<String, List<MetricSeries>>();
        var targets = new TreeMap<String, Target>();
        for (MetricSeries s : sorted) {
            Target target = targetOf(signal, s.labels());
            if (target == null) continue;
            groups.computeIfAbsent(target.ref(), r -> new ArrayList<>()).add(s);
            targets.putIfAbsent(target.ref(), target);
        }
        var out = new TreeMap<String, Joined>();
        groups.forEach((ref, group) -> {
            if (group.size() == 1) {
                MetricSeries s = group.getFirst();
                out.put(ref, new Joined(targets.get(ref), s.labels(), s.times(), s.values()));
                return;
            }
            var merged = new TreeMap<Long, Double>();
            for (MetricSeries s : group) {
                for (int i = 0; i < s.times().length; i++) {
                    merged.merge(s.times()[i], s.values()[i], (a, b) -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b));
                }
            }
            long[] times = merged.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] values = merged.values().stream().mapToDouble(Double::doubleValue).toArray();
            out.put(ref, new Joined(targets.get(ref), group.getFirst().labels(), times, values));
        });
        return out;
    }

    private static Target targetOf(Signal signal, Map<String, String> labels) {
        String name = labels.get(signal.targetLabel());
        if (name == null || name.isBlank()) return null;
        return switch (signal.target()) {
            case POD, DEPLOYMENT, SERVICE -> new Target(signal.target(), labels.getOrDefault(NAMESPACE_LABEL, "default"), name);
            case NODE -> new Target(Target.Kind.NODE, null, name); // Signal refuses node targets; here for exhaustiveness
        };
    }

    /** Drops the detectors of pods and deployments the cluster no longer lists and that sent nothing new. */
    private void forgetVanished(List<PodInfo> pods, Set<String> fresh) {
        Set<String> alive = new HashSet<>();
        for (PodInfo p : pods) alive.add(new Target(Target.Kind.POD, p.namespace(), p.name()).ref());
        for (DeploymentInfo d : cluster.deployments()) alive.add(new Target(Target.Kind.DEPLOYMENT, d.namespace(), d.name()).ref());
        series.entrySet().removeIf(e -> {
            Target t = e.getValue().target;
            boolean tracked = t.kind() == Target.Kind.POD || t.kind() == Target.Kind.DEPLOYMENT;
            return tracked && !alive.contains(t.ref()) && !fresh.contains(e.getKey());
        });
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

    /** The service (from its label) and the Deployment (a pod's, through the cluster) a target stands for. */
    private List<String> refsOf(Target target, String serviceLabel) {
        String ns = target.namespace() == null ? "default" : target.namespace();
        var refs = new ArrayList<String>(2);
        if (serviceLabel != null && !serviceLabel.isBlank()) {
            refs.add(serviceLabel.startsWith("service/") ? serviceLabel : "service/" + ns + "/" + serviceLabel);
        }
        switch (target.kind()) {
            case SERVICE, DEPLOYMENT -> refs.add(target.ref());
            case POD -> {
                if (deploymentOfPod == null) {
                    deploymentOfPod = new java.util.HashMap<>();
                    for (PodInfo p : tickPods) {
                        if (p.deployment() == null) continue;
                        String podNs = p.namespace() == null ? "default" : p.namespace();
                        deploymentOfPod.put(new Target(Target.Kind.POD, p.namespace(), p.name()).ref(), "deployment/" + podNs + "/" + p.deployment());
                    }
                }
                String deployment = deploymentOfPod.get(target.ref());
                if (deployment != null) refs.add(deployment);
            }
            case NODE -> { }
        }
        return refs;
    }

    /** The gate between the router and the cluster: guards first, then the port, and the journal either way. */
    private ActionGate.Attempt apply(ClusterAction action, Rule rule, String service, long now) {
        var context = new GuardContext(now, rule.name(), rule.mode(), cluster, rule.duringRollout(), anomalousNow());
        for (Guard guard : guards) {
            Optional<String> veto = guard.veto(action, context);
            if (veto.isPresent()) return new ActionGate.Attempt.Vetoed(guard.name(), veto.get());
        }
        ActionOutcome outcome = actions.execute(action);
        if (outcome == null) outcome = ActionOutcome.refused("cluster returned no outcome");
        for (Guard guard : guards) guard.onExecuted(action, context);
        listener.on(new EngineEvent.ActionTaken(now, action, rule.name(), service,
                outcome.applied() ? EngineEvent.Outcome.APPLIED : EngineEvent.Outcome.REFUSED, null, outcome.detail()));
        return new ActionGate.Attempt.Executed(outcome);
    }

    /** A series' detector and the time of the last sample it saw; for a multivariate signal, the other metrics' latest samples. */
    private static final class SeriesState {
        final Target target;
        final Detector detector;
        long lastSeen = Long.MIN_VALUE;
        long[] carriedTime;
        double[] carriedValue;

        void carry(int metrics) {
            if (carriedTime != null) return;
            carriedTime = new long[metrics];
            carriedValue = new double[metrics];
            java.util.Arrays.fill(carriedTime, Long.MIN_VALUE);
            java.util.Arrays.fill(carriedValue, Double.NaN);
        }

        /** Takes metric j's samples from index {@code from} up to time {@code t} as its latest; returns the next index. */
        int advance(int j, Joined other, int from, long t) {
            int i = from;
            for (; i < other.times.length && other.times[i] <= t; i++) {
                if (other.times[i] >= carriedTime[j]) {
                    carriedTime[j] = other.times[i];
                    carriedValue[j] = other.values[i];
                }
            }
            return i;
        }

        SeriesState(Target target, Detector detector) {
            this.target = target;
            this.detector = detector;
        }
    }
}
