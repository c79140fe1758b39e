package dev.homeostat.testbed.cli;

import dev.homeostat.reports.AtomicFiles;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLimits;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import dev.homeostat.testbed.train.BaselineRun;
import dev.homeostat.testbed.train.LabelledWindow;
import dev.homeostat.testbed.train.Trainer;
import dev.homeostat.testbed.train.WindowExporter;
import dev.homeostat.testbed.train.WindowSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code homeostat train}: the feedback loop from simulated incidents to a detector. Labelled windows
 * (exported from runs, or produced here from baseline runs of scenarios) train the random forest the
 * {@code classifier} detector loads.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
                "Train the failure-mode classifier (detector 'classifier:model=FILE') on labelled pod windows.",
                "Windows come from *.windows.csv files under --from folders, or from baseline runs (engine off) of the",
                "scenarios under --scenarios. Prints cross-validated accuracy (folds hold out whole seeds) with a confusion",
                "table, then writes the model atomically. Exit code: 0 done, 2 bad input."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "DIR", description = "Folder holding *.windows.csv files (repeatable; searched recursively).")
    List<Path> from = new ArrayList<>();

    @Option(names = "--scenarios", paramLabel = "DIR|FILE", description = "Run these scenarios' simulations (engine off) to produce the windows.")
    Path scenarios;

    @Option(names = "--seeds", paramLabel = "N", description = "With --scenarios: seeds per scenario, counted up from its seed (default: the scenario's own).")
    Integer seeds;

    @Option(names = "--export", paramLabel = "DIR", description = "With --scenarios: also write each run's windows as <scenario>-seed<N>.windows.csv here.")
    Path export;

    @Option(names = "--window", paramLabel = "N", description = "With --scenarios: scrape samples per window (default: ${DEFAULT-VALUE}).")
    int window = WindowSpec.DEFAULT.length();

    @Option(names = "--step", paramLabel = "N", description = "With --scenarios: samples between windows (default: ${DEFAULT-VALUE}).")
    int step = WindowSpec.DEFAULT.step();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the model, e.g. models/failure.bin.")
    Path out;

    @Option(names = "--trees", paramLabel = "N", description = "Trees in the random forest (default: ${DEFAULT-VALUE}).")
    int trees = 100;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the forest: same seed and windows, same model bytes (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--folds", paramLabel = "K", description = "Cross-validation folds, 0 = none (default: ${DEFAULT-VALUE}).")
    int folds = 5;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        // Flags first: bad input fails before any simulation runs or anything is written.
        if (from.isEmpty() && scenarios == null) throw new IllegalArgumentException("train: give --from DIR (exported windows) or --scenarios DIR (run them here)");
        if (scenarios == null && (seeds != null || export != null))
            throw new IllegalArgumentException("--seeds/--export: only with --scenarios (they say how to run scenarios)");
        ScenarioLimits.checkSeedsOption(seeds);
        var options = new Trainer.Options(trees, seed, folds);
        var windowSpec = new WindowSpec(window, step);
        List<Path> files = from.isEmpty() ? List.of() : Trainer.windowFiles(from);
        List<Scenario> loaded = scenarios == null ? List.of() : new ScenarioLoader().loadAll(scenarios);
        StagedOutput.checkFile("--out", out);
        StagedOutput.checkFolder("--export", export);

        var stdout = spec.commandLine().getOut();
        List<LabelledWindow> windows = new ArrayList<>(files.isEmpty() ? List.of() : Trainer.readAll(files));
        for (Scenario s : loaded) {
            Scenario run = seeds == null ? s : s.withSeedCount(seeds);
            for (long sd : run.seeds()) {
                var result = BaselineRun.run(run, sd);
                List<LabelledWindow> w = WindowExporter.windows(result.metrics(), result.journal(), windowSpec);
                if (export != null) WindowExporter.write(w, dev.homeostat.reports.OutPaths.child(export, WindowExporter.fileName(run.name(), sd)));
                windows.addAll(w);
            }
        }
        if (!windows.isEmpty() && windows.stream().mapToInt(LabelledWindow::length).distinct().count() > 1)
            throw new IllegalArgumentException("--window " + window + ": the --from files hold windows of " + windows.getFirst().length()
                    + " samples; use the same window length everywhere");
        String source = files.isEmpty() ? "--scenarios " + scenarios : scenarios == null ? "--from " + from : "--from " + from + " and --scenarios " + scenarios;
        Trainer.Result result = Trainer.train(windows, options, source);
        AtomicFiles.write(out, result.model().toBytes());
        stdout.print(result.report());
        stdout.println("model: " + out + " (" + result.model().features().size() + " features, classes " + result.model().classes()
                + ", window " + result.model().windowLength() + " samples); use it as detector classifier:model=" + out);
        stdout.flush();
        return Homeostat.EXIT_OK;
    }
}
