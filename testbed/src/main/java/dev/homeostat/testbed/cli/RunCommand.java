package dev.homeostat.testbed.cli;

import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyException;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.ReportWriter;
import dev.homeostat.reports.ScenarioReport;
import dev.homeostat.reports.SuiteReport;
import dev.homeostat.reports.journal.JournalIo;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.ScenarioResult;
import dev.homeostat.testbed.run.SuiteRunner;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioException;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code homeostat run}: a scenario or a suite, baseline and engine per seed, scored into a report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
                "Run scenarios in the simulator, each seed twice (engine off = plain Kubernetes, engine on), and score them.",
                "Exit code: 0 every scenario met its expectations, 1 one did not, 2 bad input."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario YAML file, or a folder: every *.yaml under it is a scenario of the suite.")
    Path scenarios;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (report.json, summary.md, journals/). Default: out/<suite name>.")
    Path out;

    @Option(names = "--seeds", paramLabel = "N", description = "Run N seeds per scenario, counted up from the scenario's seed (overrides spec.seeds).")
    Integer seeds;

    @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel. Default: the number of cores (${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        if (seeds != null && seeds < 1) throw new IllegalArgumentException("--seeds: must be >= 1, was " + seeds);
        String suite = suiteName(scenarios);
        Path outDir = out != null ? out : Path.of("out", suite);

        // Everything is loaded and checked before the first run: bad input never leaves a half-written report.
        List<Scenario> loaded = new ScenarioLoader().loadAll(scenarios);
        if (seeds != null) loaded = loaded.stream().map(s -> s.withSeedCount(seeds)).toList();
        Map<Scenario, Policy> policies = new LinkedHashMap<>();
        for (Scenario s : loaded) {
            try {
                policies.put(s, PolicyLoader.load(s.policy()));
            } catch (PolicyException e) {
                throw new ScenarioException(s.source(), 0, "spec.engine.policy", e.getMessage());
            }
        }

        var stdout = spec.commandLine().getOut();
        int total = loaded.stream().mapToInt(s -> s.seeds().size()).sum();
        var done = new AtomicInteger();
        var runs = new SuiteRunner(threads, run -> {
            synchronized (stdout) {
                stdout.printf("  [%d/%d] %s seed %d%n", done.incrementAndGet(), total, run.scenario().name(), run.seed());
                stdout.flush();
            }
        }).run(loaded, policies);

        for (var run : runs) {
            Path dir = outDir.resolve("journals").resolve(run.scenario().name());
            JournalIo.write(run.baseline(), dir.resolve("seed-" + run.seed() + ".baseline.jsonl"));
            JournalIo.write(run.engine(), dir.resolve("seed-" + run.seed() + ".engine.jsonl"));
        }
        var report = report(suite, loaded, runs);
        ReportWriter.write(report, outDir);
        stdout.println();
        stdout.print(ReportWriter.table(report));
        stdout.println();
        stdout.println("report:  " + outDir.resolve(ReportWriter.REPORT_JSON));
        stdout.println("summary: " + outDir.resolve(ReportWriter.SUMMARY_MD));
        stdout.flush();
        return report.passed() ? Homeostat.EXIT_OK : Homeostat.EXIT_FAILED;
    }

    private static SuiteReport report(String suite, List<Scenario> scenarios, List<SuiteRunner.SeedRun> runs) {
        var byScenario = new LinkedHashMap<Scenario, List<RunScore>>();
        for (Scenario s : scenarios) byScenario.put(s, new ArrayList<>());
        for (var run : runs) byScenario.get(run.scenario()).add(run.score());
        var reports = new ArrayList<ScenarioReport>();
        byScenario.forEach((scenario, scores) ->
                reports.add(ScenarioReport.of(ScenarioResult.of(scenario.name(), scores), scenario.expectations())));
        return SuiteReport.of(suite, reports);
    }

    private static String suiteName(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        String s = name == null ? "suite" : name.toString();
        return s.endsWith(".yaml") ? s.substring(0, s.length() - 5) : s.endsWith(".yml") ? s.substring(0, s.length() - 4) : s;
    }
}
