package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.homeostat.remediation.live.EngineConfig;
import dev.homeostat.remediation.live.LiveRuntime;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.testbed.chaos.LiveChaosRun;
import dev.homeostat.testbed.chaos.LiveRunOptions;
import dev.homeostat.testbed.chaos.PrometheusSloProbe;
import dev.homeostat.testbed.chaos.RunClock;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import dev.homeostat.testbed.serve.ServeOptions;
import dev.homeostat.testbed.serve.SimServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path end to end on one machine: {@code sim serve} (pod-kill scenario, 10× wall time) scraped by a
 * real Prometheus evaluating deploy/engine/prometheus-rules.yaml plus an alert rule, a real Alertmanager routing
 * to the engine's webhook, the live engine against Prometheus and the mock API, and the pod-kill catalogue
 * manifest applied by the live chaos runner. Skips when the Debian binaries are missing (CI installs them).
 */
class RehearsalTest {
    private static final double SPEED = 10;
    private static final String TOKEN = "rehearsal-token-0123456789abcdef";

    @TempDir Path dir;

    private static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (Files.isExecutable(Path.of(d, binary))) return true;
        return false;
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** The recording rules with their time compressed by the speed: [1m] of simulated time is [6s] of wall time at 10×. */
    private static String compressedRules(Path rules) throws Exception {
        long window = Math.max(4, Math.round(60 / SPEED));
        return Files.readString(rules).replace("[1m]", "[" + window + "s]").replace("interval: 15s", "interval: 1s")
                + """
                  - name: homeostat.alerts
                    interval: 1s
                    rules:
                      - alert: ServiceErrors
                        expr: service:http_request_errors:ratio_rate1m > 0.05
                        labels: {homeostat_signal: service-errors}
                """;
    }

    @Test
    void engineDetectsAndActsOnAPodKillRehearsedWithRealPrometheusAndAlertmanager() throws Exception {
        assumeTrue(onPath("prometheus") && onPath("prometheus-alertmanager"),
                "prometheus / prometheus-alertmanager not installed: apt-get install -y --no-install-recommends prometheus prometheus-alertmanager");
        Path root = RepositoryPaths.root();
        var processes = new ArrayList<Process>();
        var closeables = new ArrayList<AutoCloseable>();
        try {
            var scenario = new ScenarioLoader().load(root.resolve("scenarios/ci/pod-kill.yaml"));
            var sim = SimServer.start(scenario, new ServeOptions(SPEED, new InetSocketAddress("127.0.0.1", 0), 0, 1, false,
                    ServeOptions.DEFAULT_SYNC), line -> System.out.println("[sim] " + line));
            closeables.add(sim);
            int promPort = freePort(), amPort = freePort(), hookPort = freePort(), enginePort = freePort();

            Files.writeString(dir.resolve("rules.yaml"), compressedRules(root.resolve("deploy/engine/prometheus-rules.yaml")));
            Files.writeString(dir.resolve("token"), TOKEN);
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    rule_files: [rules.yaml]
                    alerting: {alertmanagers: [{static_configs: [{targets: ['127.0.0.1:%d']}]}]}
                    scrape_configs:
                      - job_name: sim
                        static_configs: [{targets: ['%s']}]
                    """.formatted(amPort, sim.metricsUrl().getAuthority()));
            Files.writeString(dir.resolve("alertmanager.yml"), """
                    route: {receiver: engine, group_wait: 0s, group_interval: 1s, repeat_interval: 1m}
                    receivers:
                      - name: engine
                        webhook_configs:
                          - url: http://127.0.0.1:%d/alerts
                            http_config: {authorization: {type: Bearer, credentials_file: %s}}
                    """.formatted(hookPort, dir.resolve("token")));
            processes.add(new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + promPort).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start());
            processes.add(new ProcessBuilder("prometheus-alertmanager", "--config.file=" + dir.resolve("alertmanager.yml"),
                    "--storage.path=" + dir.resolve("am"), "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start());

            Files.writeString(dir.resolve("policy.yaml"), """
                    apiVersion: homeostat.dev/v1alpha1
                    kind: RemediationPolicy
                    metadata: {name: rehearsal}
                    spec:
                      evaluationInterval: 1s
                      lookback: 30s
                      signals:
                        - name: service-errors
                          metric: service:http_request_errors:ratio_rate1m
                          target: service
                          detector: threshold:above=0.05,for=1
                      rules:
                        - name: restart-worst-pod-of-service
                          match: {signals: [service-errors], targetKind: service}
                          actions: [restart-pod, page]
                          verifyAfter: 10s
                      guards: {cooldown: 30s, maxActionsPerMinute: 10, maxUnavailableFraction: 0.34}
                    """);
            Path engineJournal = dir.resolve("engine.jsonl");
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
                    """.formatted(promPort, hookPort, enginePort), "rehearsal-engine.yaml", dir, Map.of());
            var engine = LiveRuntime.start(config, sim.client(), line -> System.out.println("[engine] " + line));
            closeables.add(engine);

            Thread.sleep(8_000); // Prometheus scrapes, rules warm up, the engine ticks on a healthy cluster
            long chaosStart = System.currentTimeMillis();
            var options = new LiveRunOptions(null, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(90), 0.01, dir, "rehearsal");
            var run = new LiveChaosRun(root.resolve("chaos-experiments/manifests/pod-kill.yaml"), sim.client(),
                    new PrometheusSloProbe(URI.create("http://127.0.0.1:" + promPort), PrometheusSloProbe.DEFAULT_QUERY, Duration.ofMillis(500), "default"),
                    RunClock.system(), options, line -> System.out.println("[chaos] " + line));
            var result = run.run();
            System.out.println("[chaos] " + result.outcome() + ": " + result.detail());

            Journal journal = merge(result.journal(), engineJournal, chaosStart);
            assertThat(journal.events()).anyMatch(e -> e instanceof JournalEvent.AnomalyRaised);
            assertThat(journal.events()).anyMatch(e -> e instanceof JournalEvent.ActionTaken);
            var score = Scorer.score(journal, result.journal());
            System.out.println("rehearsal score: " + score);
            assertThat(score).isNotNull();
        } finally {
            for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
            for (Process p : processes) {
                p.destroy();
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    /** The chaos run's journal (engine off) with the engine's JSON-lines events added on its time line. */
    private static Journal merge(Journal chaos, Path engineJournal, long t0) throws Exception {
        var events = new ArrayList<JournalEvent>();
        long end = 0;
        for (JournalEvent e : chaos.events()) {
            if (e instanceof JournalEvent.RunEnded r) end = r.t();
            else events.add(e);
        }
        var json = new ObjectMapper();
        for (String line : Files.exists(engineJournal) ? Files.readAllLines(engineJournal) : List.<String>of()) {
            JsonNode n = json.readTree(line);
            long t = n.path("timeMillis").asLong() - t0;
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
        events.sort(java.util.Comparator.comparingLong(JournalEvent::t));
        events.add(new JournalEvent.RunEnded(end));
        return new Journal(chaos.scenario(), chaos.seed(), true, events);
    }

    private static String ref(JsonNode target) {
        return target.path("kind").asText().toLowerCase() + "/" + target.path("namespace").asText() + "/" + target.path("name").asText();
    }

    private static String service(JsonNode anomaly) {
        return anomaly.path("service").isMissingNode() || anomaly.path("service").isNull() ? null
                : "service/" + anomaly.path("target").path("namespace").asText() + "/" + anomaly.path("service").asText();
    }
}
