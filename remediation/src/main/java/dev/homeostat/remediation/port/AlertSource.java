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
    }
}
