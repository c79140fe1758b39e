package dev.homeostat.testbed.bench;

import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.remediation.policy.Match;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.policy.Signal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@code --detectors} of {@code homeostat bench}: which detector replaces the policy's own.
 *
 * <p>An override replaces the detector of every signal whose detector is not a {@code threshold}: static
 * bounds (memory over 75% of the limit) encode a fact about the workload rather than a learned notion of
 * normal, so swapping them for a statistical detector would benchmark a different question. A rule whose
 * {@code match.detector} names a replaced detector is rewritten to the override's name, so it still fires.
 */
public final class DetectorOverride {
    static final String KEPT = "threshold";

    private DetectorOverride() { }

    /**
     * Parses the option values. Each value is a comma-separated list of detector specs; since specs have
     * commas of their own ({@code mad:window=40,k=6}), a comma-separated piece that holds {@code =} but no
     * {@code :} continues the previous spec's parameters: {@code mad:window=40,k=6,ewma} is two detectors.
     * Every spec is checked against the detector registry; duplicates are refused.
     */
    public static List<DetectorSpec> parse(List<String> values) {
        var texts = new ArrayList<String>();
        for (String value : values) {
            for (String piece : value.split(",")) {
                String p = piece.trim();
                if (p.isEmpty()) continue;
                boolean continuesParams = p.contains("=") && !p.contains(":");
                if (continuesParams) {
                    if (texts.isEmpty()) {
                        throw new IllegalArgumentException("--detectors: '" + p + "' is a parameter without a detector; "
                                + "write name[:key=value,...], e.g. --detectors mad:window=40,k=6,ewma");
                    }
                    texts.set(texts.size() - 1, texts.getLast() + "," + p);
                } else {
                    texts.add(p);
                }
            }
        }
        var specs = new LinkedHashSet<DetectorSpec>();
        for (String text : texts) {
            DetectorSpec spec;
            try {
                spec = DetectorSpec.parse(text);
                DetectorRegistry.validate(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--detectors: " + e.getMessage(), e);
            }
            if (spec.name().equals(KEPT)) {
                throw new IllegalArgumentException("--detectors: '" + text + "': threshold detectors are never replaced, so "
                        + "a threshold override would change nothing; give a statistical detector, known: "
                        + String.join(", ", DetectorRegistry.names()));
            }
            if (!specs.add(spec)) throw new IllegalArgumentException("--detectors: '" + text + "' is given twice; give each once");
        }
        return List.copyOf(specs);
    }

    /** {@code policy} with {@code detector} in place of every non-threshold detector. */
    public static Policy apply(Policy policy, DetectorSpec detector) {
        var signals = new ArrayList<Signal>();
        var replacedNames = new LinkedHashSet<String>();
        for (Signal s : policy.signals()) {
            if (s.detector().name().equals(KEPT)) {
                signals.add(s);
            } else {
                replacedNames.add(s.detector().name());
                signals.add(new Signal(s.name(), s.metrics(), s.target(), detector));
            }
        }
        var rules = new ArrayList<Rule>();
        for (Rule r : policy.rules()) {
            Match m = r.match();
            if (m.detector() == null || !replacedNames.contains(m.detector())) {
                rules.add(r); // untouched rules stay the very same object, with every setting they have
                continue;
            }
            rules.add(r.withMatch(new Match(m.signals(), m.targetKind(), detector.name())));
        }
        return new Policy(policy.name(), policy.source(), policy.evaluationInterval(), policy.lookback(), signals, rules, policy.guards(), policy.liftAfter(), policy.paging());
    }
}
