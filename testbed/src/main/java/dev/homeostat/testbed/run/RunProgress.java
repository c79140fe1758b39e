package dev.homeostat.testbed.run;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a suite, one {@link #done} per finished (scenario, seed) pair, called from worker threads.
 * All of it goes to stderr, so stdout carries only the result table and a pipe or a CI log never sees a
 * bar redrawn over it; {@link #close()} finishes the bar before the caller prints the table.
 */
public sealed interface RunProgress extends AutoCloseable permits RunProgress.Bar, RunProgress.Lines, RunProgress.Quiet {
    /** How progress shows. */
    enum Mode {
        /** A redrawn progress bar: only on an interactive terminal. */
        BAR,
        /** One plain line per finished pair, e.g. {@code [3/6] memory-leak-checkout seed 3 done}. */
        LINES,
        /** Nothing ({@code --quiet}). */
        QUIET;

        /**
         * {@code --quiet} wins; a CI system (env var {@code CI} set, as GitHub Actions, GitLab and most
         * others do) or output that is not an interactive terminal gets plain lines, since a redrawn bar
         * turns into noise in a log file; an interactive terminal gets the bar.
         */
        public static Mode choose(boolean quiet, boolean interactiveTerminal, Map<String, String> env) {
            if (quiet) return QUIET;
            if (env.containsKey("CI") || !interactiveTerminal) return LINES;
            return BAR;
        }
    }

    void done(SuiteRunner.SeedRun run);

    @Override void close();

    /** {@code total} pairs will finish; {@code err} takes the plain lines (the bar draws on System.err itself). */
    static RunProgress open(Mode mode, String task, int total, PrintWriter err) {
        return switch (mode) {
            case BAR -> new Bar(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.UNICODE_BLOCK).setUpdateIntervalMillis(200).build());
            case LINES -> new Lines(err, total, new AtomicInteger());
            case QUIET -> new Quiet();
        };
    }

    /** Whether this JVM talks to a person at a terminal (Java 22+: {@code Console.isTerminal()}). */
    static boolean interactiveTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    record Bar(ProgressBar bar) implements RunProgress {
        @Override public void done(SuiteRunner.SeedRun run) {
            bar.setExtraMessage(run.scenario().name() + " seed " + run.seed());
            bar.step();
        }

        @Override public void close() {
            bar.close();
        }
    }

    record Lines(PrintWriter err, int total, AtomicInteger finished) implements RunProgress {
        @Override public void done(SuiteRunner.SeedRun run) {
            // One lock around count and print, so the numbers come out in order and lines never interleave.
            synchronized (err) {
                err.printf("[%d/%d] %s seed %d done%n", finished.incrementAndGet(), total, run.scenario().name(), run.seed());
                err.flush();
            }
        }

        @Override public void close() {
            err.flush();
        }
    }

    record Quiet() implements RunProgress {
        @Override public void done(SuiteRunner.SeedRun run) { }

        @Override public void close() { }
    }
}
