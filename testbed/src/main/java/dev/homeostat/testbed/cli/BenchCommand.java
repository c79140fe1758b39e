package dev.homeostat.testbed.cli;

import dev.homeostat.testbed.bench.Bench;
import dev.homeostat.testbed.bench.BenchConfig;
import dev.homeostat.testbed.bench.BenchFiles;
import dev.homeostat.testbed.bench.BenchResult;
import dev.homeostat.testbed.bench.DetectorOverride;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLimits;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code homeostat bench}: every policy × every detector override on the same scenarios and seeds. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
                "Run a detector × policy grid on a suite with identical seeds and compare the configurations.",
                "Compared: F1, precision, recall, MTTD, MTTR, downtime reduction, needless actions, escalations (means over all runs),",
                "Pareto-best on (F1 up, MTTR down, needless down) marked *, one best named. Writes bench.md, bench.json, bench.png.",
                "Exit code: 0 done, 2 bad input."})
public final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIOS", description = "A scenario YAML file or a folder of them, e.g. scenarios/bench.")
    Path scenarios;

    @Option(names = "--detectors", paramLabel = "NAME[:k=v,...],...",
            description = {"Detector overrides; each replaces the detector of every signal that is not a threshold (repeatable).",
                    "A piece with '=' and no ':' continues the previous detector: mad:window=40,k=6,ewma is two. Default: as written."})
    List<String> detectors = new ArrayList<>();

    @Option(names = "--policies", split = ",", paramLabel = "FILE.yaml", description = "Policies to run, labelled by file name. Default: each scenario's own.")
    List<Path> policies = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds per scenario, counted up from its first seed (overrides spec.seeds).")
    Integer seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for bench.md, bench.json, bench.png (default ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "bench");

    @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel. Default: the number of cores (${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        ScenarioLimits.checkSeedsOption(seeds);
        if (threads < 1) throw new IllegalArgumentException("--threads: must be >= 1, was " + threads);
        List<BenchConfig> grid = BenchConfig.grid(policies, DetectorOverride.parse(detectors));
        List<Scenario> loaded = new ScenarioLoader().loadAll(scenarios);
        if (seeds != null) loaded = loaded.stream().map(s -> s.withSeedCount(seeds)).toList();
        var perConfiguration = loaded;
        ScenarioLimits.checkBudget(java.util.stream.IntStream.range(0, grid.size()).boxed().flatMap(i -> perConfiguration.stream()).toList(),
                ScenarioLimits.DEFAULT_WORK_BUDGET, "or bench fewer policies and detectors at a time");
        try (var staged = StagedOutput.open("--out", out)) {
            int code = run(loaded, grid, staged.dir());
            staged.publish();
            return code;
        }
    }

    private int run(List<Scenario> loaded, List<BenchConfig> grid, Path dir) {

        var stdout = spec.commandLine().getOut();
        int total = grid.size() * loaded.stream().mapToInt(s -> s.seeds().size()).sum();
        var done = new AtomicInteger();
        BenchResult result = Bench.run(suiteName(scenarios), loaded, grid, threads, p -> {
            synchronized (stdout) {
                stdout.printf("  [%d/%d] %s: %s seed %d%n", done.incrementAndGet(), total, p.configuration(), p.scenario(), p.seed());
                stdout.flush();
            }
        });
        var files = BenchFiles.write(result, dir).stream().map(f -> out.resolve(dir.relativize(f))).toList();
        stdout.println();
        stdout.print(BenchFiles.table(result));
        stdout.println();
        for (Path f : files) stdout.println("wrote " + f);
        stdout.flush();
        return Homeostat.EXIT_OK;
    }

    private static String suiteName(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        String s = name == null ? "suite" : name.toString();
        return s.replaceFirst("\\.ya?ml$", "");
    }
}
