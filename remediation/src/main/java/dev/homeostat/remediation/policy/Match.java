package dev.homeostat.remediation.policy;

import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import java.util.List;

/**
 * Which anomalies a rule takes: one of {@code signals} (empty: any signal), with one of {@code diagnoses} when set
 * ({@code recent-change}, {@code pod-local}, …; null: any), and when set only from {@code detector} (by name, e.g.
 * {@code mad}) and on targets of {@code targetKind}. A rule that names diagnoses acts on the diagnosis' subject (the
 * Deployment to roll back, the pods that stand out, the node); one that does not acts on the anomaly's target.
 */
public record Match(List<String> signals, Target.Kind targetKind, String detector, List<String> diagnoses) {
    public Match {
        signals = signals == null ? List.of() : List.copyOf(signals);
        if (signals.isEmpty() && diagnoses == null) throw new IllegalArgumentException("signals: name at least one signal of spec.signals, or diagnoses");
        if (diagnoses != null) {
            diagnoses = List.copyOf(diagnoses);
            for (String d : diagnoses)
                if (!Diagnosis.KINDS.contains(d)) throw new IllegalArgumentException("diagnoses: unknown diagnosis '" + d + "'; known: " + String.join(", ", Diagnosis.KINDS));
        }
    }

    /** A match by signals only. */
    public Match(List<String> signals, Target.Kind targetKind, String detector) {
        this(signals, targetKind, detector, null);
    }

    public boolean fits(Anomaly anomaly) {
        return fits(anomaly, null);
    }

    /** The anomaly, diagnosed as {@code diagnosis} (null: not diagnosed), is this rule's. */
    public boolean fits(Anomaly anomaly, Diagnosis diagnosis) {
        return (signals.isEmpty() || signals.contains(anomaly.signal()))
                && (targetKind == null || targetKind == anomaly.target().kind())
                && (detector == null || detector.equals(anomaly.detector()))
                && (diagnoses == null || (diagnosis != null && diagnoses.contains(diagnosis.kind())));
    }

    /** The rule acts on the diagnosis' subject rather than the anomaly's target. */
    public boolean byDiagnosis() { return diagnoses != null; }
}
