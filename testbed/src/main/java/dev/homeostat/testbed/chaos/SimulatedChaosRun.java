package dev.homeostat.testbed.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.ManifestException;
import dev.homeostat.chaos.YamlDocument;
import dev.homeostat.chaos.YamlDocuments;
import dev.homeostat.chaos.crd.ChaosMeshKinds;
import dev.homeostat.reports.ReportWriter;
import dev.homeostat.reports.ScenarioReport;
import dev.homeostat.reports.SuiteReport;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.testbed.run.SuiteOutput;
import dev.homeostat.testbed.run.SuitePair;
import dev.homeostat.testbed.run.SuiteRunner;
import dev.homeostat.testbed.scenario.ManifestScenario;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code homeostat chaos run --simulate}: each Chaos Mesh manifest, unchanged, in the scenario {@link ManifestScenario}
 * builds from its selectors, run as {@code homeostat run} runs a scenario (baseline and engine, one seed) and scored
 * into the same report. Per manifest its folder {@code scenarios/<name>/} holds {@code scenario.yaml} and a copy of the
 * manifest beside it (the scenario names it by file name, the engine policy by absolute path), so
 * {@code homeostat run scenarios/<name>/scenario.yaml} runs it again as it stands.
 */
public final class SimulatedChaosRun {
    /** The folder of the generated scenarios inside {@code --out}. */
    public static final String SCENARIOS = "scenarios";
    public static final String SCENARIO_FILE = "scenario.yaml";

    /** One manifest ready to run: its scenario name, its file, the name of its copy, the scenario built for it. */
    public record Trial(String name, Path manifest, String copyName, ManifestScenario scenario) {
        /** The scenario file, relative to the output folder. */
        public Path scenarioFile() { return Path.of(SCENARIOS, name, SCENARIO_FILE); }
    }

    /** What a trial did: whether the manifest took effect (and the checks that say so) and its scores. */
    public record Outcome(Trial trial, ManifestScenario.Effect effect, ScenarioReport report) { }

    public record Result(SuiteReport report, List<Outcome> outcomes) {
        public boolean allTookEffect() { return outcomes.stream().allMatch(o -> o.effect().tookEffect()); }
    }

    private SimulatedChaosRun() { }

    /**
     * Builds a trial per file of {@code files} (checked by {@code chaos validate} already) found under {@code path}; a
     * file of a folder that holds no Chaos Mesh object is skipped with a line to {@code skipped}. Bad input (no Chaos Mesh
     * object at all, two files giving one scenario name) is an IllegalArgumentException naming the file.
     */
    public static List<Trial> prepare(Path path, List<Path> files, Path policy, long seed, Consumer<String> skipped) {
        var trials = new ArrayList<Trial>();
        var names = new HashSet<String>();
        String policyRef = policy.toAbsolutePath().normalize().toString();
        for (Path file : files) {
            List<JsonNode> roots = chaosMeshObjects(file);
            if (roots.isEmpty()) {
                if (file.equals(path)) throw new IllegalArgumentException(file + ": no Chaos Mesh object in this file; give a Chaos Mesh manifest");
                skipped.accept(file + ": no Chaos Mesh object: skipped");
                continue;
            }
            String name = name(Files.isDirectory(path) ? path.relativize(file) : file.getFileName());
            if (!names.add(name))
                throw new IllegalArgumentException(file + ": gives the scenario name " + name + " that another manifest here gives; rename one of them");
            String fileName = file.getFileName().toString();
            String copy = fileName.equals(SCENARIO_FILE) ? "manifest.yaml" : fileName;
            trials.add(new Trial(name, file, copy, ManifestScenario.of(name, file, roots, copy, policyRef, seed)));
        }
        if (trials.isEmpty()) throw new IllegalArgumentException(path + ": no Chaos Mesh object in these files; give Chaos Mesh manifests");
        return trials;
    }

    /**
     * Writes each trial's scenario folder into {@code dir} (a staging folder), loads the scenarios, runs them on
     * {@code threads} threads and writes journals and reports there, as {@code homeostat run} does. A scenario that does
     * not load (a selector naming what no cluster can hold) is an IllegalArgumentException naming the manifest.
     */
    public static Result run(String suite, List<Trial> trials, Policy policy, Path dir, int threads) {
        var scenarios = new ArrayList<Scenario>();
        var loader = new ScenarioLoader();
        for (Trial t : trials) {
            Path folder = dir.resolve(t.scenarioFile()).getParent();
            try {
                Files.createDirectories(folder);
                Files.copy(t.manifest(), folder.resolve(t.copyName()));
                Files.writeString(folder.resolve(SCENARIO_FILE), t.scenario().yaml());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + folder + ": " + e.getMessage(), e);
            }
            Scenario s;
            try {
                s = loader.load(folder.resolve(SCENARIO_FILE));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(t.manifest() + ": no simulated cluster can hold what its selectors name (" + e.getMessage() + ")", e);
            }
            // the report names the scenario where it ends up, relative to the output folder, whatever the staging folder was
            scenarios.add(new Scenario(s.name(), s.description(), t.scenarioFile(), s.simulation(), s.seeds(), s.policy(), s.scoring(),
                    s.expectations(), s.observation(), s.clusterName()));
        }
        Map<Scenario, Policy> policies = new LinkedHashMap<>();
        scenarios.forEach(s -> policies.put(s, policy));
        List<SuiteRunner.SeedRun> runs = new SuiteRunner(threads, r -> { }).runPairs(SuitePair.enumerate(scenarios), policies);
        SuiteOutput.writeJournals(runs, dir);
        SuiteReport report = SuiteOutput.writeReport(suite, scenarios, runs, dir);
        var outcomes = new ArrayList<Outcome>();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            var run = runs.stream().filter(r -> r.scenario().name().equals(t.name())).findFirst().orElseThrow();
            outcomes.add(new Outcome(t, t.scenario().effect(run.baseline()), report.scenarios().get(i)));
        }
        return new Result(report, outcomes);
    }

    /** The line printed per manifest: the injection check's verdict, then the headline scores, baseline → engine. */
    public static String line(Outcome o) {
        ScenarioReport s = o.report();
        String detected = s.recall() == null ? "n/a" : s.recall() >= 1 ? "yes" : s.recall() <= 0 ? "no" : "recall " + ReportWriter.ratio(s.recall());
        return o.trial().manifest() + ": " + verdict(o.effect()) + "; detected "
                + detected + ", MTTD " + ReportWriter.seconds(s.mttdSeconds()) + ", MTTR " + ReportWriter.seconds(s.mttrSecondsBaseline()) + " -> "
                + ReportWriter.seconds(s.mttrSeconds()) + ", downtime " + ReportWriter.seconds(s.downtimeSecondsBaseline()) + " -> "
                + ReportWriter.seconds(s.downtimeSecondsEngine()) + ", pages " + ReportWriter.count(s.pagesBaseline()) + " -> "
                + ReportWriter.count(s.pagesEngine()) + " (baseline -> engine)";
    }

    private static final java.util.regex.Pattern CHECK = java.util.regex.Pattern.compile("injection-check: (took effect|no effect) \\((.*)\\)");

    /**
     * "took effect (why)" or "NO EFFECT (why)": one injection check's words as the journal has them; of several (a
     * Schedule's firings, a Workflow's steps), how many took effect and the first one's words, or every distinct reason
     * none did.
     */
    static String verdict(ManifestScenario.Effect effect) {
        String word = effect.tookEffect() ? "took effect" : "NO EFFECT";
        List<String> checks = List.of(effect.detail().split("; (?=injection-check: )"));
        var effective = new java.util.ArrayList<String>();
        var reasons = new java.util.LinkedHashSet<String>();
        for (String c : checks) {
            var m = CHECK.matcher(c);
            if (!m.matches()) return word + " (" + effect.detail() + ")";
            if (m.group(1).equals("took effect")) effective.add(m.group(2));
            else reasons.add(m.group(2));
        }
        if (checks.size() == 1) return word + " (" + (effective.isEmpty() ? reasons.iterator().next() : effective.getFirst()) + ")";
        return effect.tookEffect()
                ? word + " (" + effective.size() + " of " + checks.size() + " injections; first: " + effective.getFirst() + ")"
                : word + " (none of " + checks.size() + " injections: " + String.join("; ", reasons) + ")";
    }

    /** The Chaos Mesh objects of a file (other objects are left out), in file order. */
    private static List<JsonNode> chaosMeshObjects(Path file) {
        List<YamlDocument> docs;
        try {
            docs = YamlDocuments.parse(file.toString(), Files.readString(file));
        } catch (IOException | ManifestException e) {
            // validation read it already; a file that changed since is bad input
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return docs.stream().map(YamlDocument::root)
                .filter(r -> ChaosMeshKinds.find(r.path("kind").asText()).isPresent() || r.path("apiVersion").asText().contains("chaos-mesh.org"))
                .toList();
    }

    /** A scenario name (a DNS-1123 label) from a manifest's path: {@code shop/Pod_Kill.yaml} → {@code shop-pod-kill}. */
    static String name(Path relative) {
        String s = relative.toString().replace('\\', '/');
        s = s.replaceFirst("\\.(ya?ml|json)$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 63) s = s.substring(0, 63).replaceAll("-+$", "");
        return s.isEmpty() ? "manifest" : s;
    }
}
