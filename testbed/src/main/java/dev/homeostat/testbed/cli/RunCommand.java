package dev.homeostat.testbed.cli;

import dev.homeostat.testbed.run.LoadedSuite;
import dev.homeostat.testbed.scenario.ScenarioLimits;
import dev.homeostat.testbed.run.RunProgress;
import dev.homeostat.testbed.run.SuiteOutput;
import dev.homeostat.testbed.run.SuitePair;
import dev.homeostat.testbed.run.SuiteRunner;
import dev.homeostat.testbed.shard.Shard;
import dev.homeostat.testbed.shard.ShardManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code homeostat run}: a scenario or a suite, baseline and engine per seed, scored into a report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
                "Run scenarios in the simulator, each seed twice (engine off = plain Kubernetes, engine on), and score them.",
                "Progress goes to stderr (a bar on a terminal, one line per run otherwise or when CI is set); the table to stdout.",
                "A scenario without expectations is reported as 'no expectations', never as a pass",
                "(with --require-expectations it fails: exit 1).",
                "Everything is checked before the first simulation (the scenarios, the limits, the estimated work, --out);",
                "the output is staged and moved into --out at the end, so an interrupted run leaves --out as it was."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {Homeostat.CODE_OK, Homeostat.CODE_FAILED, Homeostat.CODE_BAD_INPUT, Homeostat.CODE_IO})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario YAML file, or a folder: every *.yaml under it is a scenario of the suite (other objects, e.g. Chaos Mesh manifests, are skipped with a line each).")
    Path scenarios;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (report.json, summary.md, journals/). Default: out/<suite name>, or out/<suite name>-shard-I with --shard.")
    Path out;

    @Option(names = "--seeds", paramLabel = "N", description = "Run N seeds per scenario, counted up from the scenario's seed (overrides spec.seeds).")
    Integer seeds;

    @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel. Default: the number of cores (${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--shard", paramLabel = "I/N", description = {
            "Run only shard I of N (0 <= I < N): the (scenario, seed) pairs whose index in the suite (scenarios by path, then seeds) is I modulo N.",
            "Writes journals/ and shard.json but no report (exit 0); 'homeostat report merge' joins the N folders into the report."})
    String shard;

    @Option(names = {"-q", "--quiet"}, description = "No progress: print nothing but the table.")
    boolean quiet;

    @Option(names = "--policy", paramLabel = "FILE.yaml", description = "Run every scenario with this engine policy instead of its own (to compare two policies on one suite).")
    Path policy;

    @Option(names = "--require-expectations", description = "Fail (exit 1) when a scenario sets no expectations: a gate that checks nothing is no gate.")
    boolean requireExpectations;

    @Option(names = "--max-work", paramLabel = "POD_STEPS", description = {
            "Refuse a suite whose estimated work (pods x simulation steps, both runs of every seed) is above this; default ${DEFAULT-VALUE}",
            "(about 8 minutes of one core). The refusal prints the estimate; raise this to run it anyway."})
    long maxWork = ScenarioLimits.DEFAULT_WORK_BUDGET;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        Shard only = shard == null ? null : Shard.parse(shard);
        var suite = LoadedSuite.load(scenarios, seeds, policy);   // everything checked before the first run
        suite.skipped().forEach(line -> spec.commandLine().getErr().println("homeostat: " + line));
        List<SuitePair> pairs = only == null ? suite.pairs() : only.select(suite.pairs());
        Path outDir = out != null ? out : Path.of("out", only == null ? suite.name() : suite.name() + "-shard-" + only.index());
        ScenarioLimits.checkBudget(suite.scenarios(), maxWork, "or raise the budget with --max-work {work}");
        if (threads < 1) throw new IllegalArgumentException("--threads: must be >= 1, was " + threads);
        try (var staged = StagedOutput.open("--out", outDir)) {
            int code = run(suite, only, pairs, staged.dir(), outDir);
            staged.publish();
            return code;
        }
    }

    /** Runs the pairs and writes into {@code dir} (the staging folder); messages name {@code outDir}, where the files end up. */
    private int run(LoadedSuite suite, Shard only, List<SuitePair> pairs, Path dir, Path outDir) {
        var mode = RunProgress.Mode.choose(quiet, RunProgress.interactiveTerminal(), System.getenv());
        List<SuiteRunner.SeedRun> runs;
        try (var progress = RunProgress.open(mode, suite.name(), pairs.size(), spec.commandLine().getErr())) {
            runs = new SuiteRunner(threads, progress::done).runPairs(pairs, suite.policies());
        }
        SuiteOutput.writeJournals(runs, dir);

        var stdout = spec.commandLine().getOut();
        if (only != null) {
            // A shard does not judge: its scenarios' seeds are spread over N shards, so only the merge can.
            Path manifest = outDir.resolve(ShardManifest.of(suite, only, pairs).write(dir).getFileName());
            stdout.printf("shard %s of suite %s: %d of %d runs; journals in %s, manifest %s%n",
                    only, suite.name(), pairs.size(), suite.pairs().size(), outDir.resolve(SuiteOutput.JOURNALS), manifest);
            stdout.printf("no report yet: when all %d shards are done, run 'homeostat report merge DIR...' on their folders%n", only.count());
            stdout.flush();
            return Homeostat.EXIT_OK;
        }
        var report = SuiteOutput.writeReport(suite.name(), suite.scenarios(), runs, dir);
        SuiteOutput.printTable(stdout, report, outDir);
        if (requireExpectations)
            report.scenarios().stream().filter(s -> s.noExpectations())
                    .forEach(s -> stdout.printf("FAILED %s: no expectations (--require-expectations)%n", s.name()));
        stdout.flush();
        return report.passed(requireExpectations) ? Homeostat.EXIT_OK : Homeostat.EXIT_FAILED;
    }
}
