package dev.homeostat.remediation.policy;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import java.util.List;

/**
 * Which anomalies a rule takes: one of {@code signals}, and when set, only from {@code detector}
 * (by name, e.g. {@code mad}) and on targets of {@code targetKind}. Null means "any".
 */
public record Match(List<String> signals, Target.Kind targetKind, String detector) {
    public Match {
        if (signals == null || signals.isEmpty()) throw new IllegalArgumentException("signals: name at least one signal of spec.signals");
        signals = List.copyOf(signals);
    }

    public boolean fits(Anomaly anomaly) {
        return signals.contains(anomaly.signal())
                && (targetKind == null || targetKind == anomaly.target().kind())
                && (detector == null || detector.equals(anomaly.detector()));
    }
}
