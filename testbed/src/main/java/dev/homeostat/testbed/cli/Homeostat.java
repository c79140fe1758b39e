package dev.homeostat.testbed.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code homeostat} command line. Exit codes: 0 all good, 1 a scenario missed its expectations,
 * 2 bad input (file, line and field named on stderr, nothing written), 3 an I/O failure (a file could not be
 * written or read after the input was accepted).
 */
@Command(name = "homeostat", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Chaos-validated resilience testbed for Kubernetes self-healing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {Homeostat.CODE_OK, Homeostat.CODE_FAILED, Homeostat.CODE_BAD_INPUT, Homeostat.CODE_IO},
        subcommands = {RunCommand.class, ChaosCommand.class, SimCommand.class, CompareCommand.class, BenchCommand.class, ReportCommand.class, DetectCommand.class,
                TrainCommand.class, EngineCommand.class, RulesCommand.class, PerfCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Homeostat {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_IO = 3;

    // the exit-code list of --help (picocli's exitCodeList), shared by the commands that write reports
    static final String CODE_OK = "0:every scenario met its expectations (or the command did its work)";
    static final String CODE_FAILED = "1:an expectation failed, or a gate (compare) found a regression";
    static final String CODE_BAD_INPUT = "2:bad input: one line names the file, line and field; nothing was written";
    static final String CODE_IO = "3:an I/O failure: a file could not be written or read (disk full, permissions)";

    public static void main(String[] args) {
        // Every exit (System.exit, Ctrl-C, SIGTERM) first asks the platform logger whether to log it, and the first ask
        // starts the logging backend: seconds on a busy machine. Asked now, beside the work, an interrupt ends at once.
        Thread.ofPlatform().daemon().name("homeostat-logging-warmup")
                .start(() -> System.getLogger("java.lang.Runtime").isLoggable(System.Logger.Level.DEBUG));
        System.exit(execute(args));
    }

    /** Runs the command line in this JVM and returns its exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, writing to {@code out} and {@code err} (the tests read them). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        // the commands' descriptions are written in lines of up to 120 columns; picocli's default 80 broke each in two
        return new CommandLine(new Homeostat())
                .setUsageHelpWidth(120)
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
