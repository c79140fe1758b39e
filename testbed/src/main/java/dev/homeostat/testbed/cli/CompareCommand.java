package dev.homeostat.testbed.cli;

import dev.homeostat.units.GoDuration;
import dev.homeostat.reports.AtomicFiles;
import dev.homeostat.reports.SuiteReport;
import dev.homeostat.testbed.compare.Comparison;
import dev.homeostat.testbed.compare.ComparisonText;
import dev.homeostat.testbed.compare.ReportInput;
import dev.homeostat.testbed.compare.Thresholds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code homeostat compare}: the CI gate between a base report and a new one. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
                "Compare two report.json files scenario by scenario and metric by metric.",
                "Per metric: means, delta, Welch p-value, verdict. A regression is a change in the bad direction beyond its",
                "threshold; significance is not required unless --require-significance.",
                "Scenarios found in one report only are listed, not judged.",
                "Exit code: 0 no regression, 1 a regression, 2 bad input."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASE", description = "The base report.json (or the folder holding it).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new report.json (or the folder holding it).")
    Path next;

    @Option(names = "--max-f1-drop", paramLabel = "X", description = "Largest allowed F1 drop, absolute (default ${DEFAULT-VALUE}).")
    double maxF1Drop = Thresholds.DEFAULTS.maxF1Drop();

    @Option(names = "--max-precision-drop", paramLabel = "X", description = "Largest allowed precision drop (default ${DEFAULT-VALUE}).")
    double maxPrecisionDrop = Thresholds.DEFAULTS.maxPrecisionDrop();

    @Option(names = "--max-recall-drop", paramLabel = "X", description = "Largest allowed recall drop (default ${DEFAULT-VALUE}).")
    double maxRecallDrop = Thresholds.DEFAULTS.maxRecallDrop();

    @Option(names = "--max-mttd-increase", paramLabel = "DURATION", description = "Largest allowed MTTD increase, Go style (default ${DEFAULT-VALUE}).")
    String maxMttdIncrease = "30s";

    @Option(names = "--max-mttr-increase", paramLabel = "DURATION", description = "Largest allowed MTTR increase, Go style (default ${DEFAULT-VALUE}).")
    String maxMttrIncrease = "1m";

    @Option(names = "--max-downtime-reduction-drop", paramLabel = "X", description = "Largest allowed drop of downtime reduction (default ${DEFAULT-VALUE}).")
    double maxDowntimeReductionDrop = Thresholds.DEFAULTS.maxDowntimeReductionDrop();

    @Option(names = "--max-needless-increase", paramLabel = "X", description = "Largest allowed increase of needless actions, mean over seeds (default ${DEFAULT-VALUE}).")
    double maxNeedlessIncrease = Thresholds.DEFAULTS.maxNeedlessIncrease();

    @Option(names = "--max-pages-increase", paramLabel = "X", description = "Largest allowed increase of the pages with the engine on (its own and the SLO alerts'), mean over seeds (default ${DEFAULT-VALUE}).")
    double maxPagesIncrease = Thresholds.DEFAULTS.maxPagesIncrease();

    @Option(names = "--alpha", paramLabel = "P", description = "Significance level; p-values below it are marked * (default ${DEFAULT-VALUE}).")
    double alpha = Thresholds.DEFAULTS.alpha();

    @Option(names = "--require-significance", description = "Count a change beyond its threshold as a regression only when p < alpha (or p is unknown).")
    boolean requireSignificance;

    @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the comparison as Markdown to this file.")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        var thresholds = new Thresholds(maxF1Drop, maxPrecisionDrop, maxRecallDrop, seconds("--max-mttd-increase", maxMttdIncrease),
                seconds("--max-mttr-increase", maxMttrIncrease), maxDowntimeReductionDrop, maxNeedlessIncrease,
                maxPagesIncrease, alpha, requireSignificance);
        SuiteReport baseReport = ReportInput.read(base, "BASE");
        SuiteReport newReport = ReportInput.read(next, "NEW");
        StagedOutput.checkFile("--out", out);
        Comparison comparison = Comparison.of(baseReport, newReport, thresholds);
        var stdout = spec.commandLine().getOut();
        stdout.print(ComparisonText.table(comparison, base.toString(), next.toString()));
        if (out != null) {
            AtomicFiles.write(out, ComparisonText.markdown(comparison, base.toString(), next.toString()).getBytes(StandardCharsets.UTF_8));
            stdout.println("markdown: " + out);
        }
        stdout.flush();
        return comparison.hasRegression() ? Homeostat.EXIT_FAILED : Homeostat.EXIT_OK;
    }

    private static double seconds(String flag, String text) {
        try {
            return GoDuration.parse(text).toMillis() / 1000.0;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": '" + text + "' is not a duration (" + e.getMessage() + ")", e);
        }
    }
}
