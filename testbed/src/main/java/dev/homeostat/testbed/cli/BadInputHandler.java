package dev.homeostat.testbed.cli;

import dev.homeostat.testbed.scenario.ScenarioException;
import picocli.CommandLine;

/** Bad input ends with its message and exit code 2; anything else is a bug and shows its stack trace. */
final class BadInputHandler implements CommandLine.IExecutionExceptionHandler {
    @Override public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) throws Exception {
        if (ex instanceof ScenarioException || ex instanceof IllegalArgumentException) {
            cmd.getErr().println("homeostat: " + ex.getMessage());
            return Homeostat.EXIT_BAD_INPUT;
        }
        throw ex;
    }
}
