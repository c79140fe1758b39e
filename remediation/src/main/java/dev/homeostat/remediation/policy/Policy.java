package dev.homeostat.remediation.policy;

import dev.homeostat.remediation.model.Anomaly;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated RemediationPolicy: what to watch ({@code signals}), what to do ({@code rules}, first
 * match wins) and within which limits ({@code guards}); {@code liftAfter}: how long what prompted a measure the
 * engine keeps in force (a cordon, a retry cut, an open circuit) must stay clear before it is lifted. {@code source}
 * names where it came from, for messages. Build one with {@link PolicyLoader}.
 */
public record Policy(String name, String source, Duration evaluationInterval, Duration lookback, List<Signal> signals,
                     List<Rule> rules, GuardSettings guards, Duration liftAfter, Paging paging) {
    /** A policy whose every page goes out ({@code spec.paging} absent). */
    public Policy(String name, String source, Duration evaluationInterval, Duration lookback, List<Signal> signals,
                  List<Rule> rules, GuardSettings guards, Duration liftAfter) {
        this(name, source, evaluationInterval, lookback, signals, rules, guards, liftAfter, null);
    }

    public Policy {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("metadata.name: required");
        Objects.requireNonNull(source, "source");
        if (evaluationInterval == null || evaluationInterval.toMillis() <= 0) throw new IllegalArgumentException("spec.evaluationInterval: must be > 0, e.g. 15s");
        if (lookback == null || lookback.toMillis() <= 0) throw new IllegalArgumentException("spec.lookback: must be > 0, e.g. 5m");
        if (signals == null || signals.isEmpty()) throw new IllegalArgumentException("spec.signals: define at least one signal");
        signals = List.copyOf(signals);
        rules = rules == null ? List.of() : List.copyOf(rules);
        Objects.requireNonNull(guards, "guards");
        if (liftAfter == null || liftAfter.isNegative()) throw new IllegalArgumentException("spec.liftAfter: must be >= 0, e.g. 1m");
        var signalNames = new HashSet<String>();
        for (Signal s : signals) {
            if (!signalNames.add(s.name())) throw new IllegalArgumentException("spec.signals: duplicate signal name '" + s.name() + "'");
        }
        if (paging instanceof Paging.BurnRate rate) {
            Signal burn = signals.stream().filter(s -> s.name().equals(rate.signal())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("spec.paging.signal: no signal '" + rate.signal() + "'; name the signal that reads the SLO burn rate, e.g. slo-burn"));
            if (burn.target() != dev.homeostat.remediation.model.Target.Kind.SERVICE)
                throw new IllegalArgumentException("spec.paging.signal: '" + rate.signal() + "' must have target: service (an SLO burn rate per service)");
        }
        var ruleNames = new HashSet<String>();
        for (Rule r : rules) {
            if (!ruleNames.add(r.name())) throw new IllegalArgumentException("spec.rules: duplicate rule name '" + r.name() + "'");
            for (String s : r.match().signals()) {
                if (!signalNames.contains(s)) throw new IllegalArgumentException("spec.rules: rule '" + r.name() + "' names unknown signal '" + s + "'");
            }
        }
    }

    /** A policy that lifts its measures after {@link Defaults#LIFT_AFTER}. */
    public Policy(String name, String source, Duration evaluationInterval, Duration lookback, List<Signal> signals,
                  List<Rule> rules, GuardSettings guards) {
        this(name, source, evaluationInterval, lookback, signals, rules, guards, Defaults.LIFT_AFTER);
    }

    /** The first rule whose match takes the anomaly's signal, detector and target kind. */
    public Optional<Rule> ruleFor(Anomaly anomaly) {
        return ruleFor(anomaly, null);
    }

    /** The first rule whose match takes the anomaly and its diagnosis. */
    public Optional<Rule> ruleFor(Anomaly anomaly, dev.homeostat.remediation.diagnosis.Diagnosis diagnosis) {
        return rules.stream().filter(r -> r.match().fits(anomaly, diagnosis)).findFirst();
    }

    /** Some rule acts on diagnoses: the engine diagnoses anomalies before routing them. */
    public boolean diagnoses() {
        return rules.stream().anyMatch(r -> r.match().byDiagnosis());
    }
}
