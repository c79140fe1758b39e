package dev.homeostat.remediation.live;

import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.guard.MeshGraph;
import dev.homeostat.remediation.live.kubernetes.Pager;
import dev.homeostat.remediation.live.kubernetes.WebhookPager;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.remediation.port.AlertSource;
import dev.homeostat.remediation.port.ClusterActions;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.EngineListener;
import dev.homeostat.remediation.live.kafka.KafkaAlertSource;
import dev.homeostat.remediation.live.kafka.KafkaEventSink;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A running live engine, wired from an {@link EngineConfig}: Prometheus in, the Alertmanager
 * webhook in, the cluster through fabric8 (or {@link DryRunActions} in a dry run), the Lease,
 * {@code /metrics}, {@code /healthz}, {@code /readyz}, and the journal. {@code homeostat engine}
 * is this plus option parsing.
 *
 * <p>Start order: policy (fails fast on bad input), journal, HTTP endpoints, webhook, election,
 * loop. {@link #close()} stops them in reverse, releasing the lease so the other replica takes
 * over at once.
 */
public final class LiveRuntime implements AutoCloseable {
    /** The live engine's detector seed: fixed, so two replicas given the same samples decide alike. */
    public static final long SEED = 1L;
    private static final System.Logger LOG = System.getLogger(LiveRuntime.class.getName());

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final LiveMetrics metrics = new LiveMetrics();
    private final Policy policy;
    private LiveEngine loop;
    private EngineServer server;
    private AlertmanagerWebhook webhook;
    private LeaderElection election;
    private Reachability reachability;

    private LiveRuntime(Policy policy) {
        this.policy = policy;
    }

    /**
     * Starts everything {@code config} describes on {@code client}'s cluster; {@code log} receives
     * one line per engine event and per dry-run action.
     */
    public static LiveRuntime start(EngineConfig config, KubernetesClient client, Consumer<String> log) throws IOException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(log, "log");
        Policy policy = PolicyLoader.load(config.policy());
        var runtime = new LiveRuntime(policy);
        try {
            runtime.open(config, client, log);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private void open(EngineConfig config, KubernetesClient client, Consumer<String> log) throws IOException {
        Pager pager = config.pagerUrl() == null ? Pager.NONE : new WebhookPager(config.pagerUrl(), config.prometheus().timeout());
        var cluster = new NamespacedClusters(client, config.kubernetes().namespaces(), pager);
        ClusterView view = cluster;
        ClusterActions actions = new TimedActions(config.dryRun() ? new DryRunActions(log) : cluster, metrics);
        metrics.evaluationInterval(policy.evaluationInterval().toMillis() / 1000.0);
        EngineListener listener = listeners(config, client, log);
        var source = new PrometheusMetricsSource(config.prometheus().url(), config.prometheus().queries(), policy.evaluationInterval(),
                config.prometheus().timeout(), metrics);
        metrics.healing().useCallGraph(new MeshGraph(source, policy.lookback())::at);
        startReachability(client, source);
        Leadership leadership = leadership(config, client, log);
        AlertSource alerts = alertSources(config, leadership);
        var wall = new WallClock();
        loop = new LiveEngine(() -> new Engine(policy, source, view, actions, wall, listener, SEED), policy.evaluationInterval(),
                leadership, alerts, metrics);
        // the approvals API shares the webhook's bearer token; without a webhook there is no token, so no API
        LiveEngine started = loop;
        server = config.webhook() == null
                ? EngineServer.start(config.server().listen(), metrics.registry(), loop::liveness, this::readiness)
                : EngineServer.start(config.server().listen(), metrics.registry(), loop::liveness, this::readiness,
                        ApprovalDesk.of(started::engine), config.webhook().token());
        opened.add(server);
        if (webhook != null) {
            webhook.start();
            opened.add(webhook);
        }
        if (election != null) {
            opened.add(election);
            election.start();
        }
        opened.add(loop);
        loop.start();
        log.accept("engine started: policy " + policy.name() + ", every " + policy.evaluationInterval().toMillis() + " ms, namespaces "
                + config.kubernetes().namespaces() + (config.dryRun() ? ", DRY RUN (no action touches the cluster)" : "")
                + (election == null ? ", no leader election" : ", lease " + config.leaderElection().namespace() + "/" + config.leaderElection().leaseName()));
    }

    /** Where engine events go: metrics, the log, the journal, Kubernetes Events, and the Kafka sink when configured. */
    private EngineListener listeners(EngineConfig config, KubernetesClient client, Consumer<String> log) {
        var listeners = new ArrayList<EngineListener>();
        listeners.add(metrics::event);
        listeners.add(event -> log.accept(EngineEvents.line(event)));
        if (config.journal() != null) {
            var journal = new JsonLinesJournal(config.journal());
            opened.add(journal);
            listeners.add(journal);
        }
        String instance = config.leaderElection() == null ? "homeostat-engine" : config.leaderElection().identity();
        var events = new KubernetesEvents(client, instance, metrics);
        opened.add(events);
        listeners.add(events);
        if (config.kafka() != null && config.kafka().sinkTopic() != null) {
            var sink = new KafkaEventSink(config.kafka(), (outcome, n) -> metrics.kafka("out", outcome, n));
            opened.add(sink);
            listeners.add(sink);
        }
        return event -> listeners.forEach(l -> l.on(event));
    }

    /**
     * Probes the API server and Prometheus every interval. The probe has its own client — no retries, short timeouts —
     * so "unreachable" is known within an interval (the shared client retries a refused connection for minutes).
     */
    private void startReachability(KubernetesClient client, PrometheusMetricsSource source) {
        long probeMillis = Math.max(500, Math.min(5_000, policy.evaluationInterval().toMillis()));
        KubernetesClient probeClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0).withConnectionTimeout((int) probeMillis).withRequestTimeout((int) probeMillis).build()).build();
        opened.add(probeClient);
        reachability = new Reachability(List.of(new Reachability.Probe("kubernetes", () -> apiUnreachable(probeClient)),
                new Reachability.Probe("prometheus", source::unreachable)), policy.evaluationInterval(), metrics);
        opened.add(reachability);
        reachability.start();
    }

    private Leadership leadership(EngineConfig config, KubernetesClient client, Consumer<String> log) {
        if (config.leaderElection() == null) return Leadership.ALWAYS;
        election = new LeaderElection(client, config.leaderElection().settings(),
                leading -> log.accept((leading ? "leading: " : "following: ") + config.leaderElection().identity()
                        + (leading ? " holds lease " : " gave up lease ") + config.leaderElection().leaseName()));
        return election;
    }

    /** The webhook's and the Kafka source's alerts, in that order, each oldest first. */
    private AlertSource alertSources(EngineConfig config, Leadership leadership) {
        var sources = new ArrayList<AlertSource>();
        if (config.webhook() != null) {
            webhook = new AlertmanagerWebhook(config.webhook().settings(), leadership, metrics);
            sources.add(webhook);
        }
        if (config.kafka() != null && config.kafka().sourceTopic() != null) {
            var kafka = new KafkaAlertSource(config.kafka(), leadership, (outcome, n) -> metrics.kafka("in", outcome, n));
            sources.add(kafka);
            opened.add(kafka);
            kafka.start();
        }
        return () -> {
            var all = new ArrayList<AlertSource.Alert>();
            for (AlertSource s : sources) all.addAll(s.drain());
            return all;
        };
    }

    /** Empty when the API server answered (any HTTP status counts: it is there), else why not. */
    private static java.util.Optional<String> apiUnreachable(KubernetesClient client) {
        try {
            client.getKubernetesVersion();
            return java.util.Optional.empty();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() > 0) return java.util.Optional.empty();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            return java.util.Optional.of("API server at " + client.getMasterUrl() + ": " + root);
        }
    }

    /**
     * Ready while the Kubernetes API and Prometheus each answered within the last {@link Reachability#UNREACHABLE_AFTER}
     * evaluation intervals; leader and follower alike (readiness on leadership would stall rolling updates).
     */
    private EngineServer.Status readiness() {
        if (loop == null || server == null) return new EngineServer.Status(false, "starting");
        var unreachable = reachability == null ? java.util.Optional.<String>empty() : reachability.unreachable();
        if (unreachable.isPresent()) return new EngineServer.Status(false, unreachable.get());
        return new EngineServer.Status(true, election == null ? "single replica" : election.isLeader() ? "leader" : "standby (following "
                + (election.currentLeader().isEmpty() ? "nobody yet" : election.currentLeader()) + ")");
    }

    public LiveEngine loop() { return loop; }

    public LiveMetrics metrics() { return metrics; }

    public Policy policy() { return policy; }

    /** The port of /metrics, /healthz and /readyz. */
    public int serverPort() { return server.port(); }

    /** The webhook's port, or -1 without a webhook. */
    public int webhookPort() { return webhook == null ? -1 : webhook.port(); }

    /** Waits for {@code n} engine ticks; false on timeout. */
    public boolean awaitTicks(long n, Duration timeout) throws InterruptedException {
        return loop.awaitTicks(n, timeout);
    }

    @Override public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                LOG.log(System.Logger.Level.WARNING, "closing " + opened.get(i) + " failed", e);
            }
        }
        opened.clear();
    }
}
