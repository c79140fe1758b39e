package dev.homeostat.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.testbed.chaos.LiveRunResult;
import dev.homeostat.testbed.cli.RulesCommand;
import dev.homeostat.testbed.run.SuiteRunner;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Catalogue manifests run both ways on the same cluster and policy: each in a plain simulation of its own
 * ({@link #simulate}), and all of them one after another on one live {@link RehearsalStack} ({@link #start}): {@code sim serve}
 * at {@link #SPEED}× wall time scraped by a real Prometheus evaluating deploy/engine/base/prometheus-rules.yaml plus an
 * alert rule per signal, a real Alertmanager routing to the engine's webhook, the live engine against Prometheus and
 * the mock API, and each manifest applied by the live chaos runner, with a recovery gap before the next. Both sides
 * are scored by the same {@link Scorer}; the live chaos runner keeps its journal in simulated time (wall × speed),
 * so both sides' MTTD and MTTR are in simulated seconds.
 *
 * <p>The policy is the same in simulated time: the live one's durations are the simulated one's divided by the speed
 * (evaluation every 10 s simulated), as are the recording rules' windows and the scrape interval (15 s simulated,
 * the simulation's own).
 */
final class Rehearsal {
    /**
     * Simulated seconds per wall second on the live side ({@code -Drehearsal.speed}, default 30). Every wall-time
     * figure of the live stack that stands for simulated time (scrape and evaluation interval, rule windows, the
     * policy's durations, Alertmanager's intervals, sleeps, the SLO probe's poll) is derived from it through
     * {@link #wallMillis}; what stays in wall time is {@code sim serve}'s 200 ms sync and the processes' own timeouts.
     */
    static final double SPEED = speed(System.getProperty("rehearsal.speed", "30"));
    /** The manifests to rehearse ({@code -Drehearsal.only=pod-kill,http-abort}, file names without .yaml); empty: all. */
    static final Set<String> ONLY = Arrays.stream(System.getProperty("rehearsal.only", "").split(","))
            .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    static final String TOKEN = "rehearsal-token-0123456789abcdef";
    /** Where the fault starts in the simulation: after the detectors' warm-up, off the scrape grid. */
    private static final String FAULT_AT = "5m7s";
    /**
     * The error ratio both the engine's threshold and Prometheus' alert fire above: low (twice the SLO's 1 %), as an
     * outage of one container start-up is short next to the one-minute rate window and averages out small.
     */
    private static final String THRESHOLD = "0.02";
    /** Every service's latency SLO and the latency signal's threshold, seconds: one figure keeps the live SLO query one expression. */
    private static final String LATENCY = "0.4";
    /** Working set over the memory limit above which a pod is about to be OOM-killed. */
    private static final String MEMORY = "0.9";
    /** CPU cores a pod uses above which it is stressed (the pods request 250–500m and idle far below a core). */
    private static final String CPU = "1.0";
    /** The SLO as the simulation judges it, live: the error ratio, or 1 while the p99 latency is over its SLO. */
    static final String SLO_QUERY = ("max by (namespace, service) (label_replace(service:http_request_errors:ratio_rate1m, \"slo\", \"errors\", \"\", \"\")"
            + " or label_replace(service:http_request_duration_seconds:p99_rate1m > bool %s, \"slo\", \"latency\", \"\", \"\"))").formatted(LATENCY);

    private final Path root;
    private final Path dir;

    Rehearsal(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    /** The repository's root. */
    Path root() { return root; }

    /** MTTD and MTTR in simulated seconds (null: not detected / no impact), and the score they come from. */
    record Side(Double mttdSeconds, Double mttrSeconds, RunScore score) {
        boolean detected() {
            return score.detectedIncidents() > 0;
        }

        /** Every injected fault was a no-op (nothing selected, or the signal did not move). */
        boolean noEffect() {
            return score.scoredIncidents().isEmpty();
        }

        static Side of(RunScore score, double simulatedPerMilli) {
            return new Side(score.mttdMillis() == null ? null : score.mttdMillis() * simulatedPerMilli / 1000,
                    score.mttrMillis() == null ? null : score.mttrMillis() * simulatedPerMilli / 1000, score);
        }
    }

    /** The live side of one manifest: its score and the chaos runner's result, or why the run threw. */
    record Live(Side side, LiveRunResult result, String failure) { }

    static boolean available() {
        return onPath("prometheus") && onPath("prometheus-alertmanager");
    }

    private static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (Files.isExecutable(Path.of(d, binary))) return true;
        return false;
    }

    /**
     * The policy with its durations divided by {@code scale} (1: simulated time; {@link #SPEED}: wall time): the
     * signals a user has — service error ratio and p99 latency, pod memory and CPU, pod readiness — each a threshold.
     */
    static String policy(double scale) {
        return """
                apiVersion: homeostat.dev/v1alpha1
                kind: RemediationPolicy
                metadata: {name: rehearsal}
                spec:
                  evaluationInterval: %1$s
                  lookback: %2$s
                  signals:
                    - {name: service-errors, metric: "service:http_request_errors:ratio_rate1m", target: service, detector: "threshold:above=%3$s,for=1"}
                    - {name: service-latency, metric: "service:http_request_duration_seconds:p99_rate1m", target: service, detector: "threshold:above=%4$s,for=1"}
                    - {name: pod-memory, metric: "pod:container_memory_working_set_bytes:ratio_limit", target: pod, detector: "threshold:above=%5$s,for=2"}
                    - {name: pod-cpu, metric: "pod:container_cpu_usage:rate1m", target: pod, detector: "threshold:above=%6$s,for=2"}
                    - {name: pod-not-ready, metric: kube_pod_status_ready, target: pod, detector: "threshold:below=0.5,for=3"}
                  rules:
                    - name: restart-worst-pod-of-service
                      match: {signals: [service-errors, service-latency], targetKind: service}
                      actions: [restart-pod, page]
                      verifyAfter: %7$s
                    - name: restart-pod
                      match: {signals: [pod-memory, pod-cpu, pod-not-ready], targetKind: pod}
                      actions: [restart-pod, page]
                      verifyAfter: %7$s
                  guards: {cooldown: %2$s, maxActionsPerMinute: 10, maxUnavailableFraction: 0.34}
                """.formatted(ms(10_000, scale), ms(300_000, scale), THRESHOLD, LATENCY, MEMORY, CPU, ms(100_000, scale));
    }

    static String ms(long simulatedMillis, double scale) {
        return Math.round(simulatedMillis / scale) + "ms";
    }

    /** Simulated milliseconds as wall milliseconds on the live side, at {@link #SPEED}. */
    static long wallMillis(long simulatedMillis) {
        return Math.round(simulatedMillis / SPEED);
    }

    private static double speed(String text) {
        double speed = Double.parseDouble(text);
        if (!(speed >= 1 && speed <= 30)) throw new IllegalArgumentException("-Drehearsal.speed=" + text + ": must be 1 to 30 (the live stack is tuned up to 30×)");
        return speed;
    }

    /**
     * The cluster both sides run: the services the catalogue selects (frontend, cart, catalog, checkout), one latency
     * SLO for all; frontend calls cart and checkout, and checkout the payment provider outside the cluster, so that the
     * catalogue's target, external-target and DNS-pattern manifests have edges to act on; node-4 runs on the EC2
     * instance the catalogue's AWSChaos restarts. {@code faults}: the scenario's faults block (empty for {@code sim serve}, where faults come through the API).
     */
    String scenarioText(String name, String duration, String faults) throws IOException {
        Path policy = dir.resolve("policy-simulated.yaml");
        Files.writeString(policy, policy(1));
        String slo = "{availability: 0.99, latencyP99: " + Math.round(Double.parseDouble(LATENCY) * 1000) + "ms, window: 60s}";
        return """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: %1$s}
                spec:
                  duration: %2$s
                  scrapeInterval: 15s
                  seed: 1
                  cluster:
                    nodes:
                      - {name: node-1, cpu: 4, memory: 16Gi}
                      - {name: node-2, cpu: 4, memory: 16Gi}
                      - {name: node-3, cpu: 4, memory: 16Gi}
                      - {name: node-4, cpu: 4, memory: 16Gi, providerID: "aws:///us-east-1b/i-0d4e5f60718293a4b"}
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
                      - name: checkout
                        replicas: 3
                        container: {cpuRequest: 250m, memoryLimit: 256Mi, memoryBase: 120Mi, memoryRequest: 128Mi, startupTime: 8s}
                    services:
                      - name: frontend
                        requestsPerSecond: 150
                        slo: %3$s
                        calls: [{service: cart, perRequest: 0.3}, {service: checkout, perRequest: 0.2}]
                      - {name: cart, requestsPerSecond: 80, slo: %3$s}
                      - {name: catalog, requestsPerSecond: 60, slo: %3$s}
                      - {name: checkout, requestsPerSecond: 80, slo: %3$s, calls: [{host: payments.example.com}]}
                %4$s
                  engine: {policy: %5$s}
                  scoring: {grace: 5m, alertCooldown: 5m, escalationThreshold: 15m}
                """.formatted(name, duration, slo, faults, policy);
    }

    /**
     * The scenario of one manifest: the manifest at {@link #FAULT_AT}; 24 minutes leave every catalogue fault time to
     * end and recover, and give a Schedule one firing, as the live run watches one.
     */
    Path scenario(Path manifest) throws IOException {
        String name = manifest.getFileName().toString().replace(".yaml", "");
        Path scenario = dir.resolve("calibration-" + name + ".yaml");
        Files.writeString(scenario, scenarioText("calibration-" + name, "24m",
                "  faults:\n    - {manifest: %s, at: %s}".formatted(manifest, FAULT_AT)));
        return scenario;
    }

    /** Each manifest in a simulation (baseline and engine run, seed 1), scored as {@code homeostat run} scores it; by manifest. */
    Map<Path, Side> simulate(List<Path> manifests) throws IOException {
        var scenarios = new ArrayList<Scenario>();
        var policies = new LinkedHashMap<Scenario, Policy>();
        for (Path m : manifests) {
            var scenario = new ScenarioLoader().load(scenario(m));
            scenarios.add(scenario);
            policies.put(scenario, PolicyLoader.load(scenario.policy()));
        }
        var runs = new SuiteRunner(2, r -> { }).run(scenarios, policies);
        var out = new LinkedHashMap<Path, Side>();
        for (int i = 0; i < manifests.size(); i++) {
            String name = scenarios.get(i).name();
            var run = runs.stream().filter(r -> r.scenario().name().equals(name)).findFirst().orElseThrow();
            out.put(manifests.get(i), Side.of(run.score(), 1));
        }
        return out;
    }

    /** Starts the live stack once: sim serve, Prometheus, Alertmanager, the engine. */
    RehearsalStack start() throws Exception {
        return new RehearsalStack(this, Files.createDirectories(dir.resolve("live")));
    }

    /** One row of the calibration table: a manifest's simulated side and live side. */
    record Row(String manifest, Side simulated, Live live) {
        Side rehearsed() {
            return live.side();
        }

        /** Why cells are empty (or the live run's trouble); empty when every cell has a figure. */
        String note() {
            var notes = new ArrayList<String>();
            if (live.failure() != null) return "live run failed: " + live.failure();
            if (live.result().outcome() != LiveRunResult.Outcome.RECOVERED) notes.add("live run " + live.result().outcome());
            Side live = rehearsed();
            if (simulated.noEffect()) notes.add("injection had no effect in simulation");
            if (live.noEffect()) notes.add("no target pods live");
            boolean sim = simulated.detected(), real = live.detected();
            if (!sim && !real) notes.add("not detected either way");
            else if (!real) notes.add("detected in sim only");
            else if (!sim) notes.add("detected live only");
            boolean simImpact = simulated.mttrSeconds() != null, realImpact = live.mttrSeconds() != null;
            int simIncidents = simulated.score().scoredIncidents().size(), liveIncidents = live.score().scoredIncidents().size();
            if (simIncidents != liveIncidents && simIncidents > 0 && liveIncidents > 0)
                notes.add("sim scores " + simIncidents + " incidents (one per fault, from its start), live " + liveIncidents
                        + " (one per resource, from its apply)");
            if (!simImpact && !realImpact) notes.add("no SLO impact (MTTR undefined)");
            else if (!realImpact) notes.add("SLO impact in sim only");
            else if (!simImpact) notes.add("SLO impact live only");
            return String.join("; ", notes);
        }
    }

    /** The sim-vs-live gap as a Markdown table; times in simulated seconds, gap = rehearsed − simulated. */
    static String table(List<Row> rows) {
        var out = new StringBuilder("""
                | manifest | simulated MTTD | rehearsed MTTD | gap | simulated MTTR | rehearsed MTTR | gap | note |
                |---|---:|---:|---:|---:|---:|---:|---|
                """);
        for (Row r : rows) {
            Double liveMttd = r.rehearsed() == null ? null : r.rehearsed().mttdSeconds();
            Double liveMttr = r.rehearsed() == null ? null : r.rehearsed().mttrSeconds();
            out.append("| ").append(r.manifest())
                    .append(" | ").append(seconds(r.simulated().mttdSeconds())).append(" | ").append(seconds(liveMttd))
                    .append(" | ").append(gap(r.simulated().mttdSeconds(), liveMttd))
                    .append(" | ").append(seconds(r.simulated().mttrSeconds())).append(" | ").append(seconds(liveMttr))
                    .append(" | ").append(gap(r.simulated().mttrSeconds(), liveMttr))
                    .append(" | ").append(r.note().replace("|", "/")).append(" |\n");
        }
        return out.toString();
    }

    private static String seconds(Double s) {
        return s == null ? "–" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String gap(Double simulated, Double rehearsed) {
        return simulated == null || rehearsed == null ? "–" : String.format(Locale.ROOT, "%+.1f s", rehearsed - simulated);
    }

    /**
     * The recording rules with their time compressed by the speed ([1m] of simulated time is [2000ms] of wall time at
     * 30×), and an alert rule per signal of the policy, labelled with the signal's name so the engine routes it.
     */
    static String compressedRules(Path rules, String interval) throws IOException {
        String window = wallMillis(60_000) + "ms";
        // A counter grows in simulated seconds, and rate() divides by wall seconds: CPU cores (the one absolute rate;
        // the others are ratios, where the speed cancels) come out SPEED times too high unless divided back.
        String cpu = "rate(container_cpu_usage_seconds_total{container!=\"\", container!=\"POD\"}[1m])";
        var yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        JsonNode recording = yaml.readTree(rules.toFile()).path("spec").path("groups"); // a PrometheusRule: its spec is the rule file
        boolean cpuSeen = false;
        var groups = yaml.createArrayNode();
        for (JsonNode g : recording) {
            var group = (com.fasterxml.jackson.databind.node.ObjectNode) g.deepCopy();
            group.put("interval", interval);
            for (JsonNode r : group.path("rules")) {
                String expr = r.path("expr").asText();
                cpuSeen |= expr.contains(cpu);
                ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("expr", expr.replace(cpu, cpu + " / " + SPEED).replace("[1m]", "[" + window + "]"));
            }
            groups.add(group);
        }
        if (!cpuSeen) throw new IllegalStateException(rules + ": no '" + cpu + "' any more; adjust Rehearsal.compressedRules to the CPU rule");
        // The alert per signal exactly as `homeostat rules` generates it, from the live (wall-time) policy.
        Policy live = PolicyLoader.parse(policy(SPEED), "rehearsal-policy.yaml");
        String alerts = RulesCommand.render(live, Map.of(), "rule-file", "rehearsal", "default");
        for (JsonNode g : yaml.readTree(alerts).path("groups")) groups.add(g);
        var file = yaml.createObjectNode();
        file.set("groups", groups);
        return yaml.writeValueAsString(file);
    }

}
