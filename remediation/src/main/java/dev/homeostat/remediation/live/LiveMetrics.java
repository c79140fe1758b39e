package dev.homeostat.remediation.live;

import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.slo.Healing;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The live engine's own metrics, served on {@code /metrics} by {@link EngineServer}. Each instance
 * registers on its own registry (not the JVM-wide default) so two engines in one JVM — the
 * leader-election tests — do not collide. Every refusal and error of the live adapters is counted
 * here: nothing is dropped without a counter going up.
 */
public final class LiveMetrics {
    private final PrometheusRegistry registry;
    private final Counter ticks;
    private final Gauge leader;
    private final Gauge lastTick;
    private final Counter events;
    private final Counter queries;
    private final Counter webhookRequests;
    private final Counter webhookAlerts;
    private final Gauge webhookQueue;
    private final Counter alertsNotRouted;
    private final Histogram tickDuration;
    private final Histogram actionDuration;
    private final Counter actions;
    private final Gauge dependencyUp;
    private final Gauge interval;
    private final Counter kubernetesEvents;
    private final Counter kafkaEvents;
    private final Gauge healingGauge;
    /** The engine's healing, exported as {@link #healingGauge} at every evaluation; services set to 1 so far. */
    private final Healing healing = new Healing();
    private final java.util.Set<String> healingExported = new java.util.HashSet<>();

    public LiveMetrics() {
        this(new PrometheusRegistry());
    }

    public LiveMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        ticks = Counter.builder().name("homeostat_engine_ticks").help("Engine evaluations, by result (ok, error).")
                .labelNames("result").register(registry);
        leader = Gauge.builder().name("homeostat_engine_leader").help("1 while this replica holds the lease and acts, 0 otherwise.")
                .register(registry);
        lastTick = Gauge.builder().name("homeostat_engine_last_tick_timestamp_seconds").help("Wall time of the last finished evaluation.")
                .register(registry);
        events = Counter.builder().name("homeostat_engine_events").help("Engine events by type (AnomalyRaised, ActionTaken, Paged).")
                .labelNames("type").register(registry);
        queries = Counter.builder().name("homeostat_prometheus_queries").help("Prometheus query_range calls, by metric and outcome (ok, http, status-error, timeout, io, parse).")
                .labelNames("metric", "outcome").register(registry);
        webhookRequests = Counter.builder().name("homeostat_webhook_requests").help("Alertmanager webhook requests, by HTTP status returned.")
                .labelNames("code").register(registry);
        webhookAlerts = Counter.builder().name("homeostat_webhook_alerts").help("Alerts in webhook posts, by outcome (queued, duplicate, untargeted, queue-full, not-leader).")
                .labelNames("outcome").register(registry);
        webhookQueue = Gauge.builder().name("homeostat_webhook_queue_depth").help("Alerts received and not yet drained by the engine loop.")
                .register(registry);
        alertsNotRouted = Counter.builder().name("homeostat_alerts_not_routed").help("Accepted alerts the engine did not route, by reason (resolved, not-leader).")
                .labelNames("reason").register(registry);
        tickDuration = Histogram.builder().name("homeostat_engine_tick_duration_seconds").help("Wall time of one evaluation (queries, detection, guards, actions).")
                .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(registry);
        actionDuration = Histogram.builder().name("homeostat_engine_action_duration_seconds").help("Wall time of one cluster action, by action and outcome.")
                .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).labelNames("action", "outcome").register(registry);
        actions = Counter.builder().name("homeostat_engine_actions").help("Actions the engine chose, by action and outcome (applied, refused, dry-run, held-back).")
                .labelNames("action", "outcome").register(registry);
        dependencyUp = Gauge.builder().name("homeostat_dependency_up").help("1 while the dependency (kubernetes, prometheus) answered the last probe.")
                .labelNames("dependency").register(registry);
        interval = Gauge.builder().name("homeostat_engine_evaluation_interval_seconds").help("The policy's evaluation interval.").register(registry);
        kubernetesEvents = Counter.builder().name("homeostat_kubernetes_events").help("Kubernetes Events about actions, by outcome (created, failed, dropped).")
                .labelNames("outcome").register(registry);
        healingGauge = Gauge.builder().name("homeostat_engine_healing")
                .help("1 while the engine heals the service (an action applied to it is given time to work): the shipped Alertmanager config "
                        + "inhibits the service's SLO page while HomeostatHealing fires; also 1 while the engine's own page stands for the service; 0 once the time is up.")
                .labelNames("namespace", "service").register(registry);
        kafkaEvents = Counter.builder().name("homeostat_kafka_events").help("Kafka records, by direction (in, out) and outcome (queued, duplicate, invalid, resolved; sent, failed).")
                .labelNames("direction", "outcome").register(registry);
        Gauge.builder().name("homeostat_build_info").help("Always 1; the labels say which build and Java run.")
                .labelNames("version", "java_version").register(registry).labelValues(version(), Runtime.version().toString()).set(1);
        JvmMetrics.builder().register(registry);
        ticks.labelValues("ok");
        ticks.labelValues("error");
    }

    /** The build's version from the jar's manifest, or "development" when run from classes. */
    static String version() {
        String v = LiveMetrics.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    void tickDuration(double seconds) { tickDuration.observe(seconds); }

    void action(String action, String outcome, double seconds) {
        actions.labelValues(action, outcome).inc();
        if (seconds >= 0) actionDuration.labelValues(action, outcome).observe(seconds);
    }

    void dependencyUp(String dependency, boolean up) { dependencyUp.labelValues(dependency).set(up ? 1 : 0); }

    void evaluationInterval(double seconds) { interval.set(seconds); }

    void kubernetesEvent(String outcome) { kubernetesEvents.labelValues(outcome).inc(); }

    void kafka(String direction, String outcome, int n) { kafkaEvents.labelValues(direction, outcome).inc(n); }

    /** The count of Kafka records with {@code direction} and {@code outcome} (tests). */
    public double kafka(String direction, String outcome) { return kafkaEvents.labelValues(direction, outcome).get(); }

    /** The count of actions with {@code outcome} (tests). */
    public double actions(String action, String outcome) { return actions.labelValues(action, outcome).get(); }

    /** The count of Kubernetes Events with {@code outcome} (tests). */
    public double kubernetesEvents(String outcome) { return kubernetesEvents.labelValues(outcome).get(); }

    public PrometheusRegistry registry() { return registry; }

    void tick(boolean ok, long wallMillis) {
        ticks.labelValues(ok ? "ok" : "error").inc();
        if (ok) lastTick.set(wallMillis / 1000.0);
        exportHealing(wallMillis);
    }

    /** Sets each healed service's gauge to 1 and those no longer healed to 0 (a series that stops would look stale, not 0). */
    private void exportHealing(long wallMillis) {
        var now = healing.healing(wallMillis);
        for (String service : now) setHealing(service, 1);
        for (String service : healingExported) if (!now.contains(service)) setHealing(service, 0);
        healingExported.addAll(now);
    }

    private void setHealing(String service, double value) {
        String[] parts = service.split("/", 3); // service/<namespace>/<name>
        if (parts.length == 3) healingGauge.labelValues(parts[1], parts[2]).set(value);
    }

    /** The engine's healing this registry exports (give it the engine's call graph: {@link Healing#useCallGraph}). */
    public Healing healing() { return healing; }

    /** The healing gauge's value for a service (tests). */
    public double healing(String namespace, String service) { return healingGauge.labelValues(namespace, service).get(); }

    void leader(boolean isLeader) { leader.set(isLeader ? 1 : 0); }

    void event(EngineEvent event) {
        healing.on(event);
        events.labelValues(event.getClass().getSimpleName()).inc();
        if (event instanceof EngineEvent.ActionTaken t && t.outcome() == EngineEvent.Outcome.HELD) action(t.action().kind(), "held-back", -1);
    }

    void query(String metric, String outcome) { queries.labelValues(metric, outcome).inc(); }

    void webhookRequest(int code) { webhookRequests.labelValues(Integer.toString(code)).inc(); }

    void webhookAlerts(String outcome, int count) {
        if (count > 0) webhookAlerts.labelValues(outcome).inc(count);
    }

    void webhookQueue(int depth) { webhookQueue.set(depth); }

    void notRouted(String reason, int count) {
        if (count > 0) alertsNotRouted.labelValues(reason).inc(count);
    }

    /** The count of accepted alerts not routed for {@code reason}. */
    public double notRouted(String reason) { return alertsNotRouted.labelValues(reason).get(); }

    /** The count of Prometheus queries with {@code outcome} for {@code metric} (tests and logs). */
    public double queries(String metric, String outcome) { return queries.labelValues(metric, outcome).get(); }

    /** The count of webhook alerts with {@code outcome}. */
    public double webhookAlerts(String outcome) { return webhookAlerts.labelValues(outcome).get(); }

    /** The count of evaluations with {@code result} ({@code ok} or {@code error}). */
    public double ticks(String result) { return ticks.labelValues(result).get(); }
}
