package dev.homeostat.testbed.chaos;

import dev.homeostat.reports.journal.Journal;
import java.nio.file.Path;
import java.util.List;

/**
 * How a live run ended. In every outcome what the run created has been deleted ({@code cleanedUp} says whether
 * every delete went through) and the journal has been written.
 *
 * @param created      {@code kind/namespace/name} of each experiment applied
 * @param targets      {@code pod/ns/name} the selectors matched at apply time, narrowed to the pods Chaos Mesh recorded
 *                     injecting ({@code status.experiment.containerRecords}) where it did
 * @param signalMoved  whether a target's pods changed (deleted, restarted, readiness) or an SLO was violated
 */
public record LiveRunResult(Outcome outcome, String detail, Path journalFile, Journal journal, List<String> created,
                            List<String> targets, boolean signalMoved, boolean cleanedUp) {
    public LiveRunResult {
        created = List.copyOf(created);
        targets = List.copyOf(targets);
    }

    /** Closed: each outcome has its exit code. */
    public enum Outcome {
        /** The window passed and the targets and SLO recovered. */
        RECOVERED(0),
        /** {@code --timeout} came before recovery. */
        TIMEOUT(1),
        /** Something threw (API server, SLO probe); the detail says what. */
        FAILED(1),
        /** Ctrl-C / SIGTERM: the shutdown hook cleaned up. 130 = 128 + SIGINT, as shells report it. */
        INTERRUPTED(130);

        private final int exitCode;

        Outcome(int exitCode) { this.exitCode = exitCode; }

        public int exitCode() { return exitCode; }
    }
}
