package dev.homeostat.remediation.port;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import java.util.List;

/**
 * Alerts from outside the engine's own detectors (live: Alertmanager's webhook). The engine loop
 * drains it once per evaluation: firing alerts become {@link Anomaly anomalies} routed like the
 * detectors' own; resolved ones are passed on as such so that nothing acts on them.
 */
@FunctionalInterface
public interface AlertSource {
    /** Removes and returns every alert received since the last call, oldest first; never blocks. */
    List<Alert> drain();

    /** One alert as received: firing (with the anomaly it stands for) or resolved. */
    sealed interface Alert {
        /** Alertmanager's fingerprint of the label set: the same alert keeps it while it fires. */
        String fingerprint();

        /** A firing alert about {@code anomaly.target()}; its signal is the alert's name. */
        record Firing(String fingerprint, Anomaly anomaly) implements Alert { }

        /** A resolved alert; {@code target} is null when its labels name none. Never routed. */
        record Resolved(String fingerprint, String signal, Target target, long endsAtMillis) implements Alert { }

        /**
         * The team's own SLO page ({@code SLOErrorBudgetBurn}) for {@code service} ({@code service/<ns>/<name>})
         * notified as firing (since {@code atMillis}, its startsAt) or resolved (at its endsAt): never routed; while it is
         * open the engine holds its own page for the service and the services calling it.
         */
        record TeamPage(String fingerprint, String service, boolean firing, long atMillis) implements Alert { }
    }
}
