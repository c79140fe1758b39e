package dev.homeostat.testbed.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code homeostat} command line. Exit codes: 0 all good, 1 a scenario missed its expectations,
 * 2 bad input (file, line and field named on stderr).
 */
@Command(name = "homeostat", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Chaos-validated resilience testbed for Kubernetes self-healing.",
        subcommands = {RunCommand.class, ChaosCommand.class, SimCommand.class, CompareCommand.class, BenchCommand.class, ReportCommand.class, DetectCommand.class,
                TrainCommand.class, EngineCommand.class, RulesCommand.class, PerfCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Homeostat {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line in this JVM and returns its exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, writing to {@code out} and {@code err} (the tests read them). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Homeostat())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new BadInputHandler())
                .setParameterExceptionHandler((ex, a) -> {
                    ex.getCommandLine().getErr().println("homeostat: " + ex.getMessage());
                    ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
                    return EXIT_BAD_INPUT;
                })
                .execute(args);
    }
}
