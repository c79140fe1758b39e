package dev.homeostat.testbed.cli;

import dev.homeostat.testbed.scenario.ScenarioException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Bad input ends with one line and exit code 2, an I/O failure with one line and exit code 3; anything else is a bug
 * and shows its stack trace.
 */
final class BadInputHandler implements CommandLine.IExecutionExceptionHandler {
    @Override public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) throws Exception {
        if (ex instanceof ScenarioException || ex instanceof IllegalArgumentException) {
            cmd.getErr().println("homeostat: " + oneLine(ex.getMessage()));
            return Homeostat.EXIT_BAD_INPUT;
        }
        if (ex instanceof UncheckedIOException io) {
            cmd.getErr().println("homeostat: " + IoText.describe(io));
            return Homeostat.EXIT_IO;
        }
        throw ex;
    }

    static String oneLine(String message) {
        return message == null ? "bad input" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
