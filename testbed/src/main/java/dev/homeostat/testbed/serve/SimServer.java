package dev.homeostat.testbed.serve;

import com.sun.net.httpserver.HttpServer;
import dev.homeostat.chaos.TargetCluster;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.testbed.scenario.Scenario;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code homeostat sim serve}: a scenario's simulation paced to wall time × speed, its latest samples at
 * {@code /metrics} (Prometheus text format, {@link ExpositionText}) and its cluster mirrored into a Kubernetes
 * API — the fabric8 mock server in CRUD mode on 127.0.0.1 — with writes made there applied back
 * ({@link ClusterMirror}).
 *
 * <p>One pacer thread owns the simulation: every {@link ServeOptions#syncEvery} it applies the API's writes, runs
 * the simulation up to (wall time since start) × speed with {@link Simulation#runUntil}, mirrors the result and
 * renders the scrape text. Virtual time stays deterministic inside each slice; only where the slices fall and
 * when outside writes land follow the wall clock — as in any rehearsal. After the simulated run's end the last
 * state keeps being served until {@link #close()}.
 */
public final class SimServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SimServer.class.getName());
    /** The mock server logs every request at INFO: several a second here. Held so the setting is not collected. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    static { MOCK_LOG.setLevel(java.util.logging.Level.WARNING); }

    private final Simulation simulation;
    private final SimulationSpec spec;
    private final ServeOptions options;
    private final Consumer<String> log;
    private final KubernetesMockServer api;
    private final KubernetesClient client;
    private final ClusterMirror mirror;
    private final HttpServer http;
    private final Thread pacer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Where virtual time 0 lies on the pacer's clock: the mirror writes the pods' times from the same origin. */
    private final long startNanos;
    private volatile String scrape = "";
    private volatile long virtualMillis;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private SimServer(Scenario scenario, ServeOptions options, Consumer<String> log) throws IOException {
        this.options = options;
        this.log = log;
        SimulationSpec s = scenario.simulation();
        if (!options.withFaults()) s = new SimulationSpec(s.cluster(), s.duration(), s.scrapeInterval(), List.of()).withMetricsRetention(s.metricsRetention());
        // Only the latest samples are served: a short retention keeps a long rehearsal's memory flat.
        Duration keep = s.scrapeInterval().multipliedBy(8);
        if (s.metricsRetention().isZero() || s.metricsRetention().compareTo(keep) > 0) s = s.withMetricsRetention(keep);
        this.spec = s;
        this.simulation = new Simulation(spec, options.seed(), this::onSimEvent);
        this.api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        boolean ok = false;
        try {
            api.init(InetAddress.getByName("127.0.0.1"), options.apiPort());
            this.client = api.createClient();
            this.startNanos = System.nanoTime();
            var clock = new ApiClock(System.currentTimeMillis(), options.speed());
            this.mirror = new ClusterMirror(client, spec, TargetCluster.scenario(scenario.clusterName(), spec.cluster().machines()), log, clock);
            simulation.runUntil(0);
            mirror.init(simulation);
            render();
            this.http = HttpServer.create(options.listen(), 0);
            http.createContext("/metrics", exchange -> {
                byte[] body = scrape.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", ExpositionText.CONTENT_TYPE);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            ok = true;
        } finally {
            if (!ok) api.destroy();
        }
        this.pacer = Thread.ofPlatform().name("homeostat-sim-serve").daemon().unstarted(this::pace);
    }

    /** A run-time Workflow's steps reach the API as Chaos Mesh's WorkflowNodes; nothing else of the simulation's events is served. */
    private void onSimEvent(SimEvent event) {
        if (mirror != null) mirror.on(event);
    }

    /** Starts serving {@code scenario}; {@code log} gets one line per API write applied and per injection. */
    public static SimServer start(Scenario scenario, ServeOptions options, Consumer<String> log) throws IOException {
        Objects.requireNonNull(scenario, "scenario");
        var server = new SimServer(scenario, Objects.requireNonNull(options, "options"), Objects.requireNonNull(log, "log"));
        server.pacer.start();
        return server;
    }

    private void pace() {
        long start = startNanos; // wall time paces the run; virtual time inside it stays the simulator's
        long sliceNanos = options.syncEvery().toNanos();
        try {
            while (running) {
                long target = (long) ((System.nanoTime() - start) / 1e6 * options.speed());
                mirror.readBack(simulation, target);
                if (simulation.now() < simulation.endMillis()) simulation.runUntil(target);
                virtualMillis = simulation.now();
                mirror.sync(simulation);
                render();
                long next = start + ((System.nanoTime() - start) / sliceNanos + 1) * sliceNanos;
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                failure = e;
                log.accept("sim serve failed: " + e);
                LOG.log(System.Logger.Level.ERROR, "sim serve pacer failed", e);
            }
        } finally {
            stopped.countDown();
        }
    }

    private void render() {
        var pods = new ArrayList<ExpositionText.PodResources>();
        for (PodView p : simulation.pods()) {
            if ("Terminating".equals(p.phase()) || p.deployment() == null) continue;
            for (DeploymentSpec d : spec.cluster().deployments())
                if (d.namespace().equals(p.namespace()) && d.name().equals(p.deployment()) && d.container() != null) {
                    ContainerSpec c = d.container();
                    pods.add(new ExpositionText.PodResources(p, c.name(), c.cpuRequest(), c.memoryRequest(), c.memoryLimit()));
                }
        }
        var objects = new ExpositionText.StateMetrics(pods, simulation.deployments());
        long scrapeMillis = spec.scrapeInterval().toMillis();
        // New counters at 0 for a scrape interval and a half: Prometheus, scraping at that interval, sees them start.
        scrape = ExpositionText.render(simulation.metrics(), simulation.now(), scrapeMillis * 2, objects, scrapeMillis * 3 / 2);
    }

    /** {@code http://host:port/metrics}. */
    public URI metricsUrl() {
        var a = http.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/metrics");
    }

    /** The mock Kubernetes API's base URL. */
    public URI apiUrl() { return URI.create("http://127.0.0.1:" + api.getPort()); }

    /** A client of the mock API (owned by this server: closed with it). */
    public KubernetesClient client() { return client; }

    /** Virtual time reached, ms. */
    public long virtualMillis() { return virtualMillis; }

    public ServeOptions options() { return options; }

    /** The Chaos Mesh resources injected so far. */
    public List<String> injected() { return mirror.injected(); }

    /** The pacer's failure, if it stopped on one. */
    public RuntimeException failure() { return failure; }

    /** The last scrape text (what {@code /metrics} answers now). */
    public String scrapeText() { return scrape; }

    /** Stops the pacer, the HTTP endpoint and the API server; idempotent. */
    @Override public void close() {
        running = false;
        pacer.interrupt();
        try {
            if (pacer.isAlive() || pacer.getState() != Thread.State.NEW) stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        client.close();
        api.destroy();
    }
}
