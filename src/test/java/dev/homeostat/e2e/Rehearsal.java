package dev.homeostat.e2e;

import dev.homeostat.remediation.live.EngineConfig;
import dev.homeostat.remediation.live.LiveRuntime;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.testbed.chaos.LiveChaosRun;
import dev.homeostat.testbed.chaos.LiveRunOptions;
import dev.homeostat.testbed.chaos.PrometheusSloProbe;
import dev.homeostat.testbed.chaos.RunClock;
import dev.homeostat.testbed.chaos.SloProbe;
import dev.homeostat.testbed.run.SuiteRunner;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import dev.homeostat.testbed.serve.ServeOptions;
import dev.homeostat.testbed.serve.SimServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One catalogue manifest run both ways on the same cluster and policy: in a plain simulation ({@link #simulate}) and
 * live ({@link #rehearse}): {@code sim serve} at {@link #SPEED}× wall time scraped by a real Prometheus evaluating
 * deploy/engine/prometheus-rules.yaml plus an alert rule, a real Alertmanager routing to the engine's webhook, the
 * live engine against Prometheus and the mock API, and the manifest applied by the live chaos runner. Both sides are
 * scored by the same {@link Scorer}; the live chaos runner keeps its journal in simulated time (wall × speed), so both
 * sides' MTTD and MTTR are in simulated seconds.
 *
 * <p>The policy is the same in simulated time: the live one's durations are the simulated one's divided by the speed
 * (evaluation every 10 s simulated = 1 s wall), as are the recording rules' windows and the scrape interval.
 */
final class Rehearsal {
    static final double SPEED = 10;
    private static final String TOKEN = "rehearsal-token-0123456789abcdef";
    /** Where the fault starts in the simulation: after the detectors' warm-up, off the scrape grid. */
    private static final String FAULT_AT = "5m7s";
    /**
     * The error ratio both the engine's threshold and Prometheus' alert fire above: low (twice the SLO's 1 %), as an
     * outage of one container start-up is short next to the one-minute rate window and averages out small.
     */
    private static final String THRESHOLD = "0.02";

    private final Path root;
    private final Path dir;

    Rehearsal(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    /** MTTD and MTTR in simulated seconds (null: not detected / no impact), and the score they come from. */
    record Side(Double mttdSeconds, Double mttrSeconds, RunScore score) {
        boolean detected() {
            return score.detectedIncidents() > 0;
        }

        static Side of(RunScore score, double simulatedPerMilli) {
            return new Side(score.mttdMillis() == null ? null : score.mttdMillis() * simulatedPerMilli / 1000,
                    score.mttrMillis() == null ? null : score.mttrMillis() * simulatedPerMilli / 1000, score);
        }
    }

    static boolean available() {
        return onPath("prometheus") && onPath("prometheus-alertmanager");
    }

    private static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (Files.isExecutable(Path.of(d, binary))) return true;
        return false;
    }

    /** The policy with its durations divided by {@code scale} (1: simulated time; {@link #SPEED}: wall time). */
    static String policy(double scale) {
        return """
                apiVersion: homeostat.dev/v1alpha1
                kind: RemediationPolicy
                metadata: {name: rehearsal}
                spec:
                  evaluationInterval: %s
                  lookback: %s
                  signals:
                    - name: service-errors
                      metric: service:http_request_errors:ratio_rate1m
                      target: service
                      detector: threshold:above=%s,for=1
                  rules:
                    - name: restart-worst-pod-of-service
                      match: {signals: [service-errors], targetKind: service}
                      actions: [restart-pod, page]
                      verifyAfter: %s
                  guards: {cooldown: %s, maxActionsPerMinute: 10, maxUnavailableFraction: 0.34}
                """.formatted(ms(10_000, scale), ms(300_000, scale), THRESHOLD, ms(100_000, scale), ms(300_000, scale));
    }

    private static String ms(long simulatedMillis, double scale) {
        return Math.round(simulatedMillis / scale) + "ms";
    }

    /** The scenario both sides run: the CI pod-kill cluster plus cart, the manifest at {@link #FAULT_AT}, the policy in simulated time. */
    Path scenario(Path manifest) throws IOException {
        String name = manifest.getFileName().toString().replace(".yaml", "");
        Path policy = dir.resolve("policy-simulated.yaml");
        Files.writeString(policy, policy(1));
        Path scenario = dir.resolve("calibration-" + name + ".yaml");
        Files.writeString(scenario, """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: calibration-%s}
                spec:
                  duration: 40m
                  scrapeInterval: 15s
                  seed: 1
                  cluster:
                    nodePool: {prefix: node, count: 3, cpu: 4, memory: 16Gi}
                    deployments:
                      - name: frontend
                        replicas: 3
                        container: {cpuRequest: 500m, memoryRequest: 256Mi, memoryLimit: 512Mi, memoryBase: 180Mi, startupTime: 8s, serviceTime: 20ms, concurrency: 8}
                      - name: cart
                        replicas: 3
                        container: {cpuRequest: 250m, memoryLimit: 256Mi, memoryBase: 120Mi, memoryRequest: 128Mi, startupTime: 8s}
                      - name: catalog
                        replicas: 2
                        container: {cpuRequest: 250m, memoryLimit: 256Mi, memoryBase: 120Mi, memoryRequest: 128Mi}
                    services:
                      - {name: frontend, requestsPerSecond: 150, slo: {availability: 0.99, latencyP99: 400ms, window: 60s}}
                      - {name: cart, requestsPerSecond: 80, slo: {availability: 0.99, latencyP99: 300ms, window: 60s}}
                      - {name: catalog, requestsPerSecond: 60, slo: {availability: 0.99, latencyP99: 300ms, window: 60s}}
                  faults:
                    - {manifest: %s, at: %s}
                  engine: {policy: %s}
                  scoring: {grace: 5m, alertCooldown: 5m, escalationThreshold: 15m}
                """.formatted(name, manifest, FAULT_AT, policy));
        return scenario;
    }

    /** The manifest in a simulation (baseline and engine run, seed 1), scored as {@code homeostat run} scores it. */
    Side simulate(Path manifest) throws IOException {
        var scenario = new ScenarioLoader().load(scenario(manifest));
        var runs = new SuiteRunner(1, r -> { }).run(List.of(scenario), Map.of(scenario, PolicyLoader.load(scenario.policy())));
        return Side.of(runs.getFirst().score(), 1);
    }

    /** The manifest live; everything started here is stopped before it returns, also on failure. */
    Side rehearse(Path manifest) throws Exception {
        String name = manifest.getFileName().toString().replace(".yaml", "");
        Path work = Files.createDirectories(dir.resolve("live-" + name));
        var processes = new ArrayList<Process>();
        var closeables = new ArrayList<AutoCloseable>();
        try {
            var scenario = new ScenarioLoader().load(scenario(manifest));
            var sim = SimServer.start(scenario, new ServeOptions(SPEED, new InetSocketAddress("127.0.0.1", 0), 0, 1, false,
                    ServeOptions.DEFAULT_SYNC), line -> System.out.println("[sim] " + line));
            closeables.add(sim);
            int promPort = freePort(), amPort = freePort(), hookPort = freePort(), enginePort = freePort();

            Files.writeString(work.resolve("rules.yaml"), compressedRules(root.resolve("deploy/engine/prometheus-rules.yaml")));
            Files.writeString(work.resolve("token"), TOKEN);
            Files.writeString(work.resolve("prometheus.yml"), """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    rule_files: [rules.yaml]
                    alerting: {alertmanagers: [{static_configs: [{targets: ['127.0.0.1:%d']}]}]}
                    scrape_configs:
                      - job_name: sim
                        static_configs: [{targets: ['%s']}]
                    """.formatted(amPort, sim.metricsUrl().getAuthority()));
            Files.writeString(work.resolve("alertmanager.yml"), """
                    route: {receiver: engine, group_wait: 0s, group_interval: 1s, repeat_interval: 1m}
                    receivers:
                      - name: engine
                        webhook_configs:
                          - url: http://127.0.0.1:%d/alerts
                            http_config: {authorization: {type: Bearer, credentials_file: %s}}
                    """.formatted(hookPort, work.resolve("token")));
            processes.add(new ProcessBuilder("prometheus", "--config.file=" + work.resolve("prometheus.yml"), "--storage.tsdb.path=" + work.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + promPort).redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start());
            processes.add(new ProcessBuilder("prometheus-alertmanager", "--config.file=" + work.resolve("alertmanager.yml"),
                    "--storage.path=" + work.resolve("am"), "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=")
                    .redirectErrorStream(true).redirectOutput(work.resolve("alertmanager.log").toFile()).start());

            Files.writeString(work.resolve("policy.yaml"), policy(SPEED));
            Path engineJournal = work.resolve("engine.jsonl");
            var config = EngineConfig.parse("""
                    apiVersion: homeostat.dev/v1alpha1
                    kind: EngineConfig
                    metadata: {name: rehearsal}
                    spec:
                      policy: policy.yaml
                      journal: engine.jsonl
                      prometheus: {url: http://127.0.0.1:%d}
                      kubernetes: {namespaces: [default]}
                      webhook: {listen: 127.0.0.1:%d, tokenFile: token}
                      server: {listen: 127.0.0.1:%d}
                      leaderElection: {enabled: false}
                    """.formatted(promPort, hookPort, enginePort), "rehearsal-engine.yaml", work, Map.of());
            var engine = LiveRuntime.start(config, sim.client(), line -> System.out.println("[engine] " + line));
            closeables.add(engine);

            Thread.sleep(8_000); // Prometheus scrapes, rules warm up, the engine ticks on a healthy cluster
            long chaosStart = System.currentTimeMillis();
            // The chaos runner on the simulation's time line: its journal, fault windows (a 2m HTTPChaos is 12 s of
            // wall time at 10×), poll and timeout are in simulated time, so the live score is in the simulation's units.
            var options = new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofSeconds(200), Duration.ofSeconds(900), 0.01, work, "rehearsal");
            var prometheus = new PrometheusSloProbe(URI.create("http://127.0.0.1:" + promPort), PrometheusSloProbe.DEFAULT_QUERY,
                    Duration.ofMillis(500), "default");
            SloProbe probe = simulatedNow -> prometheus.read(System.currentTimeMillis()); // Prometheus lives in wall time
            var run = new LiveChaosRun(manifest, sim.client(), probe, simulatedClock(chaosStart), options,
                    line -> System.out.println("[chaos] " + line));
            var result = run.run();
            System.out.println("[chaos] " + result.outcome() + ": " + result.detail());

            Journal journal = merge(result.journal(), engineJournal, chaosStart);
            var score = Scorer.score(journal, result.journal(), scenario.scoring());
            System.out.println("rehearsal score (" + name + "): " + score);
            return Side.of(score, 1);
        } finally {
            for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
            for (Process p : processes) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    /** Wall time since {@code origin} times the speed: simulated milliseconds, as far as pacing keeps up. */
    private static RunClock simulatedClock(long origin) {
        return new RunClock() {
            @Override public long millis() {
                return origin + Math.round((System.currentTimeMillis() - origin) * SPEED);
            }

            @Override public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(Math.max(1, Math.round(d.toMillis() / SPEED)));
            }
        };
    }

    /** One row of the calibration table. */
    record Row(String manifest, Side simulated, Side rehearsed) { }

    /** The sim-vs-live gap as a Markdown table; times in simulated seconds, gap = rehearsed − simulated. */
    static String table(List<Row> rows) {
        var out = new StringBuilder("""
                | manifest | simulated MTTD | rehearsed MTTD | gap | simulated MTTR | rehearsed MTTR | gap |
                |---|---:|---:|---:|---:|---:|---:|
                """);
        for (Row r : rows) {
            out.append("| ").append(r.manifest())
                    .append(" | ").append(seconds(r.simulated().mttdSeconds())).append(" | ").append(seconds(r.rehearsed().mttdSeconds()))
                    .append(" | ").append(gap(r.simulated().mttdSeconds(), r.rehearsed().mttdSeconds()))
                    .append(" | ").append(seconds(r.simulated().mttrSeconds())).append(" | ").append(seconds(r.rehearsed().mttrSeconds()))
                    .append(" | ").append(gap(r.simulated().mttrSeconds(), r.rehearsed().mttrSeconds())).append(" |\n");
        }
        return out.toString();
    }

    private static String seconds(Double s) {
        return s == null ? "–" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String gap(Double simulated, Double rehearsed) {
        return simulated == null || rehearsed == null ? "–" : String.format(Locale.ROOT, "%+.1f s", rehearsed - simulated);
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** The recording rules with their time compressed by the speed: [1m] of simulated time is [6s] of wall time at 10×. */
    private static String compressedRules(Path rules) throws IOException {
        long window = Math.max(4, Math.round(60 / SPEED));
        return Files.readString(rules).replace("[1m]", "[" + window + "s]").replace("interval: 15s", "interval: 1s")
                + """
                  - name: homeostat.alerts
                    interval: 1s
                    rules:
                      - alert: ServiceErrors
                        expr: service:http_request_errors:ratio_rate1m > %s
                        labels: {homeostat_signal: service-errors}
                """.formatted(THRESHOLD);
    }

    /** The chaos run's journal (engine off) with the engine's JSON-lines events added on its time line. */
    private static Journal merge(Journal chaos, Path engineJournal, long t0) throws IOException {
        var events = new ArrayList<JournalEvent>();
        long end = 0;
        for (JournalEvent e : chaos.events()) {
            if (e instanceof JournalEvent.RunEnded r) end = r.t();
            else events.add(e);
        }
        var json = new ObjectMapper();
        for (String line : Files.exists(engineJournal) ? Files.readAllLines(engineJournal) : List.<String>of()) {
            JsonNode n = json.readTree(line);
            long t = Math.round((n.path("timeMillis").asLong() - t0) * SPEED); // wall → the chaos journal's simulated ms
            if (t < 0 || t > end) continue;
            switch (n.path("type").asText()) {
                case "AnomalyDetected" -> {
                    JsonNode a = n.path("anomaly");
                    events.add(new JournalEvent.AnomalyRaised(t, ref(a.path("target")), service(a), a.path("signal").asText(),
                            a.path("detector").asText(), a.path("score").asDouble(), a.path("explanation").asText()));
                }
                case "ActionExecuted" -> events.add(new JournalEvent.ActionTaken(t, n.path("action").path("type").asText(),
                        ref(n.path("action").path("target")), n.path("service").isNull() ? null : "service/default/" + n.path("service").asText(),
                        n.path("rule").asText(), true, n.path("applied").asBoolean(), n.path("detail").asText()));
                // A guard or the remediator held the action back (pod-kill: no single pod to blame) — still the engine's decision.
                case "ActionSuppressed" -> events.add(new JournalEvent.ActionTaken(t, n.path("action").path("type").asText(),
                        ref(n.path("action").path("target")), null, n.path("rule").asText(), true, false, n.path("detail").asText()));
                default -> { }
            }
        }
        events.sort(Comparator.comparingLong(JournalEvent::t));
        events.add(new JournalEvent.RunEnded(end));
        return new Journal(chaos.scenario(), chaos.seed(), true, events);
    }

    private static String ref(JsonNode target) {
        return target.path("kind").asText().toLowerCase(Locale.ROOT) + "/" + target.path("namespace").asText() + "/" + target.path("name").asText();
    }

    private static String service(JsonNode anomaly) {
        return anomaly.path("service").isMissingNode() || anomaly.path("service").isNull() ? null
                : "service/" + anomaly.path("target").path("namespace").asText() + "/" + anomaly.path("service").asText();
    }
}
