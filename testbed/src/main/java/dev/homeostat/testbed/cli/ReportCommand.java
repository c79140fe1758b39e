package dev.homeostat.testbed.cli;

import dev.homeostat.reports.SuiteReport;
import dev.homeostat.testbed.run.SuiteOutput;
import dev.homeostat.testbed.shard.ShardMerge;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code homeostat report}: work on suite reports; {@code merge} joins the shards of a sharded run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Work on suite reports.",
        subcommands = {ReportCommand.Merge.class})
public final class ReportCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "report: missing subcommand; one of: merge");
    }

    /** {@code homeostat report merge DIR... [--out DIR]}. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {
                    "Merge the folders of 'homeostat run SUITE --shard I/N' (all N of them) into the report an unsharded run writes:",
                    "re-scores every pair from its journals, writes report.json, summary.md and journals/ into --out.",
                    "Run it from the working directory the shards ran in: their shard.json name the suite by that path.",
                    "Exit code: 0 every scenario met its expectations, 1 one did not, 2 bad input (a pair missing or in two shards,",
                    "shards of different suites or N)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {Homeostat.CODE_OK, Homeostat.CODE_FAILED, Homeostat.CODE_BAD_INPUT, Homeostat.CODE_IO})
    public static final class Merge implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR", description = "The output folders of the shards (each holds shard.json and journals/).")
        List<Path> shards;

        @Option(names = "--out", paramLabel = "DIR", description = "Folder for the merged report. Default: out/<suite name>.")
        Path out;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            var plan = ShardMerge.plan(shards);
            Path outDir = out != null ? out : Path.of("out", plan.suite().name());
            SuiteReport report;
            try (var staged = StagedOutput.open("--out", outDir)) {
                report = plan.writeTo(staged.dir());
                staged.publish();
            }
            SuiteOutput.printTable(spec.commandLine().getOut(), report, outDir);
            return report.passed() ? Homeostat.EXIT_OK : Homeostat.EXIT_FAILED;
        }
    }
}
