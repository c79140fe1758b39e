package dev.homeostat.testbed.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.Horizon;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A scenario that tries one Chaos Mesh manifest, unchanged, in the cluster its selectors describe
 * ({@link SelectorCluster}): a workload per selector and namespace, a service per workload at 700 requests/s (about
 * 60 % busy, so that extra work such as duplicated packets shows), the calls a NetworkChaos target, external targets
 * and DNS patterns imply ({@link #calls}), named after the manifest's {@code remoteCluster} when it has one; the
 * manifest applied at 5m of a run long enough for a Schedule's first firing ({@link #runMinutes}). {@code chaos run
 * --simulate} runs it; the acceptance harness measures folders of manifests with it.
 *
 * @param yaml        the scenario file's text
 * @param runMinutes  its {@code spec.duration}
 * @param statusCheck every object is a StatusCheck: it injects nothing, and takes effect when its verdict is journalled
 * @param firesTooLate its first firing is later than a scenario can last, so the run does not wait for it
 */
public record ManifestScenario(String yaml, long runMinutes, boolean statusCheck, boolean firesTooLate) {
    /** When the manifest is applied. */
    public static final Duration APPLIED = Duration.ofMinutes(5);

    /**
     * A first firing later than this (minutes after the scenario starts) is not waited for: a scenario lasts 30 days at
     * most, and 35 minutes follow the first experiment.
     */
    private static final long MAX_WAIT_MINUTES = 30L * 24 * 60 - 35;

    /** Whether the manifest took effect, and the injection checks (or their absence) that say so. */
    public record Effect(boolean tookEffect, String detail) { }

    /**
     * The scenario {@code name} for the Chaos Mesh objects {@code roots} of {@code manifest} (a file that validated),
     * naming the manifest as {@code manifestRef} and the engine policy as {@code policyRef} (each relative to the
     * scenario file, or absolute), first seed {@code seed}.
     */
    public static ManifestScenario of(String name, Path manifest, List<JsonNode> roots, String manifestRef, String policyRef, long seed) {
        if (roots.isEmpty()) throw new IllegalArgumentException(manifest + ": no Chaos Mesh object to simulate");
        String defaultNamespace = roots.getFirst().path("metadata").path("namespace").asText("default");
        var cluster = SelectorCluster.of(roots);
        // a StatusCheck selects nothing: one service for its URL to miss or name; nor does a cloud kind: its machine's node runs it
        String deployments = cluster.isEmpty() ? cluster.nodesYaml() + "    deployments:\n      - {name: web, namespace: "
                + defaultNamespace + ", replicas: 3}\n" : cluster.yaml();
        List<String> keys = cluster.isEmpty() ? List.of(defaultNamespace + "/web") : cluster.keys();
        long start = firstStartMinutes(manifest);
        long minutes = start > MAX_WAIT_MINUTES ? 40 : Math.max(40, start + 35);
        var yaml = new StringBuilder("""
                # Generated from %s: a cluster holding the pods its selectors pick, the manifest applied at 5m.
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: %s}
                spec:
                  duration: %dm
                  seed: %d
                  cluster:
                %s""".formatted(manifest.getFileName(), name, minutes, seed, clusterName(roots))).append(deployments);
        yaml.append("    services:\n");
        String first = keys.getFirst();
        String calls = calls(roots.stream().map(r -> r.path("spec")).toList(), first, new LinkedHashSet<>(keys));
        for (String k : keys) {
            // a service the first one calls gets its 700 requests/s from it
            boolean called = !k.equals(first) && calls.contains("service:");
            yaml.append("      - {name: ").append(k.substring(k.indexOf('/') + 1)).append(", namespace: ").append(k, 0, k.indexOf('/'))
                    .append(", requestsPerSecond: ").append(called ? "0" : "700").append(k.equals(first) ? calls : "").append("}\n");
        }
        yaml.append("  faults:\n    - {manifest: ").append(quoted(manifestRef)).append(", at: 5m}\n  engine: {policy: ").append(quoted(policyRef)).append("}\n");
        boolean statusCheck = roots.stream().allMatch(r -> r.path("kind").asText().equals("StatusCheck"));
        return new ManifestScenario(yaml.toString(), minutes, statusCheck, start > MAX_WAIT_MINUTES);
    }

    /** What the run's journal (the baseline's: the injection check is the simulator's, not the engine's) says of the manifest. */
    public Effect effect(Journal journal) {
        if (statusCheck) {
            var verdicts = journal.events().stream().filter(JournalEvent.ClusterEvent.class::isInstance).map(JournalEvent.ClusterEvent.class::cast)
                    .filter(c -> c.target().startsWith("statuscheck/") && c.what().matches("status check .*: (passed|failed) after .*"))
                    .map(JournalEvent.ClusterEvent::what).toList();
            return verdicts.isEmpty() ? new Effect(false, "no verdict journalled") : new Effect(true, String.join("; ", verdicts));
        }
        var checks = journal.events().stream().filter(JournalEvent.ClusterEvent.class::isInstance).map(JournalEvent.ClusterEvent.class::cast)
                .map(JournalEvent.ClusterEvent::what).filter(w -> w.startsWith("injection-check: ")).toList();
        if (checks.isEmpty())
            return new Effect(false, "nothing was injected within the run's " + runMinutes + " minutes"
                    + (firesTooLate ? " (its first firing is later than a scenario can last, 30 days)" : ""));
        return new Effect(checks.stream().anyMatch(w -> w.startsWith("injection-check: took effect")), String.join("; ", checks));
    }

    /**
     * When the first experiment starts, in minutes of the run: the run lasts 40 minutes, or until 35 minutes after that
     * when later, as a Schedule's cron (daily at 14:00, Mondays at 10:00) first fires hours or days after the apply at 5m
     * and only its firing can take effect; a first firing later than a scenario can last (30 days; {@code @monthly}, a cron
     * on February 31st whose first firing is at the end of time) is not waited for. 0 when nothing starts (a paused
     * experiment). The manifest has validated, so it translates.
     */
    private static long firstStartMinutes(Path manifest) {
        return ChaosManifests.contents(manifest, APPLIED, Horizon.firstFiring()).faults().stream()
                .mapToLong(f -> f.start().toMinutes()).min().orElse(0);
    }

    /**
     * The scenario's {@code spec.cluster.name} line: the cluster an experiment (or one a Schedule or Workflow embeds)
     * names in {@code remoteCluster}, as Chaos Mesh injects it there; none when no experiment names one.
     */
    public static String clusterName(List<JsonNode> roots) {
        for (JsonNode root : roots) {
            var name = root.path("spec").findValues("remoteCluster").stream().filter(JsonNode::isTextual).map(JsonNode::asText)
                    .filter(n -> !n.isEmpty()).findFirst();
            if (name.isPresent()) return "    name: " + name.get() + "\n";
        }
        return "";
    }

    /**
     * The calls of the first selector's service, as the manifest implies them: with a NetworkChaos target, to the other
     * selectors' services, once per request ({@code <name>.<namespace>} in another namespace), and to the hosts it names
     * (external targets that are names or addresses, and DNS patterns with {@code ?} read as any letter and a trailing
     * {@code *} as "com"). A target among the first service's own pods (selector and target name pods of one StatefulSet) is
     * peer traffic: its pods acknowledge each request to every other pod ({@code peers: {mode: all}}, synchronous
     * replication), so a fault on any pair of them shows.
     */
    static String calls(List<JsonNode> specs, String first, Set<String> services) {
        var calls = new ArrayList<String>();
        String ns = first.substring(0, first.indexOf('/'));
        boolean target = specs.stream().anyMatch(spec -> spec.findValues("target").stream().anyMatch(JsonNode::isObject));
        for (String k : services)
            if (target && !k.equals(first))
                calls.add("{service: " + k.substring(k.indexOf('/') + 1) + (k.startsWith(ns + "/") ? "" : "." + k.substring(0, k.indexOf('/'))) + "}");
        // anywhere in the spec: a Schedule's or Workflow's experiment holds them one level down
        for (JsonNode t : all(specs, "externalTargets")) if (!t.asText().contains("/")) calls.add("{host: \"" + t.asText() + "\", perRequest: 0.1}");
        for (JsonNode p : all(specs, "patterns")) {
            String host = p.asText().replace('?', 'x');
            calls.add("{host: \"" + (host.endsWith("*") ? host.substring(0, host.length() - 1) + "com" : host) + "\", perRequest: 0.1}");
        }
        String peers = target && services.size() == 1 ? ", peers: {mode: all}" : "";
        return (calls.isEmpty() ? "" : ", calls: [" + String.join(", ", calls) + "]") + peers;
    }

    private static List<JsonNode> all(List<JsonNode> specs, String field) {
        var out = new ArrayList<JsonNode>();
        for (JsonNode spec : specs) for (JsonNode list : spec.findValues(field)) list.forEach(out::add);
        return out;
    }

    /** A path as a YAML double-quoted string (a Windows path's backslashes, a path with ': ' or '#'). */
    private static String quoted(String path) {
        return "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
