package dev.homeostat.remediation;

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.Verdict;
import dev.homeostat.remediation.guard.BlastRadiusGuard;
import dev.homeostat.remediation.guard.CooldownGuard;
import dev.homeostat.remediation.guard.Guard;
import dev.homeostat.remediation.guard.GuardContext;
import dev.homeostat.remediation.guard.ModeGuard;
import dev.homeostat.remediation.guard.RateLimitGuard;
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
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.remediation.router.ActionGate;
import dev.homeostat.remediation.router.IncidentView;
import dev.homeostat.remediation.router.Router;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
    private final List<Anomaly> external = new ArrayList<>();
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
        this.guards = defaultGuards(policy.guards());
        this.router = new Router(policy, this::apply, listener);
    }

    /** The guards in the order they are asked: the rate limit last, so a token is spent only on an action that runs. */
    public static List<Guard> defaultGuards(GuardSettings settings) {
        return List.of(new ModeGuard(), new CooldownGuard(settings.cooldown()),
                new BlastRadiusGuard(settings.maxUnavailableFraction()), new RateLimitGuard(settings.maxActionsPerMinute()));
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
        for (Anomaly anomaly : found) listener.on(new EngineEvent.AnomalyDetected(now, anomaly));
        router.onTick(now, List.copyOf(found), pods);
        forgetVanished(pods, fresh);
        lastTick = now;
        ticked = true;
    }

    /** Feeds each series' new samples to its detector; the latest anomalous verdict per series becomes one anomaly. */
    private List<Anomaly> detect(Signal signal, long since, long now, Set<String> fresh) {
        var bySeries = new TreeMap<String, Anomaly>();
        List<MetricSeries> list = new ArrayList<>(metrics.range(signal.metric(), since, now));
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

    /** The gate between the router and the cluster: guards first, then the port, and the journal either way. */
    private ActionGate.Attempt apply(ClusterAction action, Rule rule, String service, long now) {
        var context = new GuardContext(now, rule.name(), rule.mode(), cluster);
        for (Guard guard : guards) {
            Optional<String> veto = guard.veto(action, context);
            if (veto.isPresent()) return new ActionGate.Attempt.Vetoed(guard.name(), veto.get());
        }
        ActionOutcome outcome = actions.execute(action);
        if (outcome == null) outcome = ActionOutcome.refused("cluster returned no outcome");
        for (Guard guard : guards) guard.onExecuted(action, context);
        listener.on(new EngineEvent.ActionExecuted(now, action, rule.name(), service, outcome.applied(), outcome.detail()));
        return new ActionGate.Attempt.Executed(outcome);
    }

    /** A series' detector and the time of the last sample it saw. */
    private static final class SeriesState {
        final Target target;
        final Detector detector;
        long lastSeen = Long.MIN_VALUE;

        SeriesState(Target target, Detector detector) {
            this.target = target;
            this.detector = detector;
        }
    }
}
