package dev.homeostat.testbed.chaos;

import static dev.homeostat.testbed.chaos.ChaosCommandTest.chaos;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.testbed.cli.Homeostat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeostat chaos run MANIFEST --simulate} as a user types it. */
class ChaosSimulateTest {
    private static final String POLICY = Path.of("..", "remediation", "policies", "default.yaml").toString();

    @TempDir Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve("in").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private static final String POD_KILL = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: kill-web, namespace: shop}
            spec:
              action: pod-kill
              mode: one
              selector: {labelSelectors: {app: web}}
            """;

    private ChaosCommandTest.Result simulate(Path manifest, Path out, String... more) {
        var args = Stream.concat(Stream.of("run", manifest.toString(), "--simulate", "--engine-policy", POLICY, "--out", out.toString()), Stream.of(more));
        return chaos(args.toArray(String[]::new));
    }

    private static List<String> files(Path root) throws IOException {
        if (!Files.exists(root)) return List.of();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void podKill_takesEffect_exit0_writesScenarioAndReports_andTheScenarioRunsAgainToTheSameScores() throws IOException {
        Path out = dir.resolve("out");
        var r = simulate(write("pod-kill.yaml", POD_KILL), out);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("pod-kill.yaml: took effect \\(shop/target-1-\\w+: pod deleted.*\\); detected yes, MTTD \\S+, MTTR \\S+ -> \\S+, "
                + "downtime \\S+ -> \\S+, pages \\d+ -> \\d+ \\(baseline -> engine\\)");
        assertThat(r.out()).contains("report:  " + out.resolve("report.json"), "scenarios: " + out.resolve("scenarios"));
        assertThat(files(out)).contains("report.json", "summary.md", "index.html", "junit.xml", "scenarios/pod-kill/scenario.yaml",
                "scenarios/pod-kill/pod-kill.yaml", "journals/pod-kill/seed-1.baseline.jsonl", "journals/pod-kill/seed-1.engine.jsonl")
                .noneMatch(f -> f.contains(".homeostat-staging-"));
        assertThat(out.resolve("scenarios/pod-kill/pod-kill.yaml")).hasSameTextualContentAs(dir.resolve("in/pod-kill.yaml"));

        // the generated scenario, as it stands, through 'homeostat run'
        Path again = dir.resolve("again");
        var err = new StringWriter();
        int exit = Homeostat.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "run", out.resolve("scenarios/pod-kill/scenario.yaml").toString(), "--out", again.toString(), "--quiet");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(again.resolve("journals/pod-kill/seed-1.engine.jsonl")).hasSameBinaryContentAs(out.resolve("journals/pod-kill/seed-1.engine.jsonl"));
        assertThat(again.resolve("journals/pod-kill/seed-1.baseline.jsonl")).hasSameBinaryContentAs(out.resolve("journals/pod-kill/seed-1.baseline.jsonl"));
        assertThat(scenarioScores(again)).isEqualTo(scenarioScores(out));
    }

    /** The scenario's entry of report.json without the file it names (the path the run was given). */
    private static JsonNode scenarioScores(Path out) throws IOException {
        var node = (ObjectNode) new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("scenarios").get(0);
        node.remove("file");
        return node;
    }

    @Test
    void httpChaosReplacingOnlyTheBody_noEffect_exit1_sayingWhy() throws IOException {
        var r = simulate(write("body.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: HTTPChaos
                metadata: {name: body-replace, namespace: shop}
                spec:
                  mode: all
                  selector: {labelSelectors: {app: checkout}}
                  target: Response
                  port: 8080
                  replace: {body: eyJvayI6ZmFsc2V9}
                  duration: 3m
                """), dir.resolve("out"));

        assertThat(r.exit()).as(r.err()).isEqualTo(Homeostat.EXIT_FAILED);
        assertThat(r.out()).contains("body.yaml: NO EFFECT (the rule changes only what a message carries, not whether or when it is answered; "
                + "simulated requests carry no body, headers or queries)");
        assertThat(files(dir.resolve("out"))).contains("report.json", "scenarios/body/scenario.yaml");
    }

    @Test
    void badManifest_exit2_withTheLineChaosValidatePrints_andNothingWritten() throws IOException {
        Path out = dir.resolve("out");
        Path bad = write("bad.yaml", POD_KILL.replace("pod-kill", "pod-explode"));
        var r = simulate(bad, out);

        assertThat(r.exit()).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        String validated = chaos("validate", bad.toString()).out().lines().findFirst().orElseThrow();
        assertThat(r.err().strip()).isEqualTo(validated).startsWith(bad + ":5: spec.action: ");
        assertThat(files(out)).isEmpty();
    }

    @Test
    void simulateWithLive_exit2_inOneSentence() throws IOException {
        var r = simulate(write("pod-kill.yaml", POD_KILL), dir.resolve("out"), "--live");

        assertThat(r.exit()).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("homeostat: --live: not with --simulate (it runs in the simulator, not against a cluster); drop one of them");
        assertThat(chaos("run", dir.resolve("in/pod-kill.yaml").toString(), "--seed", "3").err()).contains("--seed: only with --simulate");
        assertThat(files(dir.resolve("out"))).isEmpty();
    }

    @Test
    void schedule_every10m_firesWithinTheRun_andTakesEffect() throws IOException {
        Path out = dir.resolve("out");
        var r = simulate(write("every-10m.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: kill-every-10m, namespace: shop}
                spec:
                  schedule: "@every 10m"
                  concurrencyPolicy: Forbid
                  historyLimit: 3
                  type: PodChaos
                  podChaos:
                    action: pod-kill
                    mode: one
                    selector: {labelSelectors: {app: web}}
                """), out);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("every-10m.yaml: took effect \\(\\d of \\d injections; first: shop/target-1-\\w+: pod deleted\\); detected");
        // applied at 5m, first firing at 15m: the run lasts until 35 minutes after it
        assertThat(Files.readString(out.resolve("scenarios/every-10m/scenario.yaml"))).contains("duration: 50m");
        assertThat(Files.readString(out.resolve("journals/every-10m/seed-1.baseline.jsonl"))).contains("{\"type\":\"FaultStarted\",\"t\":900000,");
    }

    @Test
    void sameManifestAndSeed_byteIdenticalOutputs_anotherSeed_anotherRun() throws IOException {
        Path manifest = write("pod-kill.yaml", POD_KILL);
        assertThat(simulate(manifest, dir.resolve("a"), "--seed", "7").exit()).isZero();
        assertThat(simulate(manifest, dir.resolve("b"), "--seed", "7").exit()).isZero();
        assertThat(simulate(manifest, dir.resolve("c"), "--seed", "8").exit()).isZero();

        List<String> files = files(dir.resolve("a"));
        assertThat(files(dir.resolve("b"))).isEqualTo(files);
        for (String f : files) assertThat(dir.resolve("b").resolve(f)).as(f).hasSameBinaryContentAs(dir.resolve("a").resolve(f));
        assertThat(Files.readString(dir.resolve("c/journals/pod-kill/seed-8.baseline.jsonl"))).isNotEqualTo(
                Files.readString(dir.resolve("a/journals/pod-kill/seed-7.baseline.jsonl")));
    }

    @Test
    void folder_eachManifestItsScenario_otherObjectsSkipped_oneWithoutEffect_exit1_andTheScenariosRunAgainAsASuite() throws IOException {
        write("shop/pod-kill.yaml", POD_KILL);
        write("shop/Body_Replace.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: HTTPChaos
                metadata: {name: body-replace}
                spec:
                  mode: one
                  selector: {labelSelectors: {app: checkout}}
                  target: Request
                  port: 8080
                  replace: {body: e30=}
                  duration: 2m
                """);
        write("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");
        Path out = dir.resolve("out");
        var r = simulate(dir.resolve("in"), out);

        assertThat(r.exit()).as(r.err()).isEqualTo(Homeostat.EXIT_FAILED);
        assertThat(r.err()).contains("config.yaml: no Chaos Mesh object: skipped");
        assertThat(r.out()).contains("Body_Replace.yaml: NO EFFECT (", "pod-kill.yaml: took effect (");
        assertThat(files(out)).contains("scenarios/shop-pod-kill/scenario.yaml", "scenarios/shop-body-replace/Body_Replace.yaml")
                .noneMatch(f -> f.contains("config"));

        var err = new StringWriter();
        int exit = Homeostat.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "run", out.resolve("scenarios").toString(), "--out", dir.resolve("again").toString(), "--quiet");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(files(dir.resolve("again"))).contains("journals/shop-pod-kill/seed-1.engine.jsonl", "journals/shop-body-replace/seed-1.engine.jsonl");
    }

    @Test
    void scenarioName_isTheManifestsPathAsADns1123Label() {
        assertThat(SimulatedChaosRun.name(Path.of("shop", "Pod_Kill.yaml"))).isEqualTo("shop-pod-kill");
        assertThat(SimulatedChaosRun.name(Path.of("--.yml"))).isEqualTo("manifest");
        assertThat(SimulatedChaosRun.name(Path.of("a".repeat(70) + "-b.yaml"))).hasSize(63);
    }

    @Test
    void withoutEnginePolicy_theDefaultIsReadFromTheWorkingFolder_andItsAbsenceIsBadInput() throws IOException {
        // the tests run in testbed/, where remediation/policies/default.yaml is not
        var r = chaos("run", write("pod-kill.yaml", POD_KILL).toString(), "--simulate", "--out", dir.resolve("out").toString());

        assertThat(r.exit()).isEqualTo(Homeostat.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("--engine-policy remediation/policies/default.yaml: no such file (the default, relative to the working folder)");
        assertThat(files(dir.resolve("out"))).isEmpty();
    }

    @Test
    void verdict_ofSeveralChecks_countsThem_orNamesEveryReasonNoneTookEffect() {
        var two = new dev.homeostat.testbed.scenario.ManifestScenario.Effect(true,
                "injection-check: no effect (no pod matched the selector); injection-check: took effect (shop/web-1: pod deleted)");
        assertThat(SimulatedChaosRun.verdict(two)).isEqualTo("took effect (1 of 2 injections; first: shop/web-1: pod deleted)");
        var none = new dev.homeostat.testbed.scenario.ManifestScenario.Effect(false,
                "injection-check: no effect (a); injection-check: no effect (a); injection-check: no effect (b (c))");
        assertThat(SimulatedChaosRun.verdict(none)).isEqualTo("NO EFFECT (none of 3 injections: a; b (c))");
        var one = new dev.homeostat.testbed.scenario.ManifestScenario.Effect(false, "no verdict journalled");
        assertThat(SimulatedChaosRun.verdict(one)).isEqualTo("NO EFFECT (no verdict journalled)");
    }

    @Test
    void aPausedExperiment_injectsNothing_andSaysSoWithoutBlamingACron() throws IOException {
        var r = simulate(write("paused.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata:
                  name: kill-paused
                  namespace: shop
                  annotations: {experiment.chaos-mesh.org/pause: "true"}
                spec: {action: pod-kill, mode: one, selector: {labelSelectors: {app: web}}}
                """), dir.resolve("out"));

        assertThat(r.exit()).as(r.err()).isEqualTo(Homeostat.EXIT_FAILED);
        assertThat(r.out()).contains("metadata.annotations: paused", "paused.yaml: NO EFFECT (nothing was injected within the run's 40 minutes);");
    }
}
