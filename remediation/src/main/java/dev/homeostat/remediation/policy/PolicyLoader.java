package dev.homeostat.remediation.policy;

import dev.homeostat.units.GoDuration;
import dev.homeostat.units.YamlSyntax;
import dev.homeostat.units.YamlTree;
import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.remediator.RemediatorRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import dev.homeostat.remediation.policy.PolicyNodes.At;

/**
 * Reads a RemediationPolicy YAML document into a validated {@link Policy}. Everything is checked
 * here, before a run starts: every error names the file, the field path and the fix, e.g.
 * {@code policy.yaml: spec.rules[1].actions[0]: unknown action 'restart-pods'; known: restart-pod, rollback, …}.
 *
 * <p>Detector specs are checked for syntax with {@link DetectorSpec#parse} and for names and
 * parameters by a validator, {@link DetectorRegistry#validate} unless one is given.
 */
public final class PolicyLoader {

    private PolicyLoader() { }

    public static Policy load(Path file) {
        return load(file, DetectorRegistry::validate);
    }

    public static Policy load(Path file, Consumer<DetectorSpec> detectorValidator) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PolicyException(file.toString(), "", "file not found; check the path");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PolicyException(file.toString(), "", "not UTF-8 text; save the policy as UTF-8");
        } catch (IOException e) {
            if (Files.isDirectory(file)) throw new PolicyException(file.toString(), "", "is a folder; give a RemediationPolicy YAML file");
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), detectorValidator);
    }

    public static Policy parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, DetectorRegistry::validate);
    }

    /** Parses {@code yaml}; {@code sourceName} (usually the file name) prefixes every error message. */
    public static Policy parse(String yaml, String sourceName, Consumer<DetectorSpec> detectorValidator) {
        String text = yaml == null ? "" : yaml;
        var syntax = YamlSyntax.check(text);
        if (syntax != null) throw new PolicyException(sourceName, syntax.line(), syntax.column(), "", syntax.reason());
        List<YamlTree.Document> documents;
        try {
            documents = YamlTree.documents(text);
        } catch (YamlTree.Problem p) {
            throw new PolicyException(sourceName, p.line(), p.path(), p.reason());
        } catch (IOException e) {
            throw new PolicyException(sourceName, "", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (documents.isEmpty()) {
            throw new PolicyException(sourceName, "", "empty document; start with 'apiVersion: " + Defaults.API_VERSION + "' and 'kind: " + Defaults.KIND + "'");
        }
        var first = documents.getFirst();
        return new Reader(sourceName, first.lines(), detectorValidator).policy(new PolicyNodes.At(first.root(), ""));
    }

    private static final class Reader extends PolicyNodes {
        private final Consumer<DetectorSpec> detectorValidator;

        Reader(String source, Map<String, Integer> lines, Consumer<DetectorSpec> detectorValidator) {
            super(source, lines);
            this.detectorValidator = detectorValidator;
        }

        Policy policy(At root) {
            object(root, "apiVersion", "kind", "metadata", "spec");
            String apiVersion = text(root.field("apiVersion"));
            if (!Defaults.API_VERSION.equals(apiVersion)) throw error(root.field("apiVersion"), "must be " + Defaults.API_VERSION + ", was '" + apiVersion + "'");
            String kind = text(root.field("kind"));
            if (!Defaults.KIND.equals(kind)) throw error(root.field("kind"), "must be " + Defaults.KIND + ", was '" + kind + "'");
            At metadata = root.field("metadata");
            object(metadata, "name", "namespace", "labels", "annotations");
            String name = text(metadata.field("name"));

            At spec = root.field("spec");
            object(spec, "evaluationInterval", "lookback", "signals", "rules", "guards", "liftAfter", "paging");
            Duration interval = duration(spec.field("evaluationInterval"), Defaults.EVALUATION_INTERVAL, false);
            Duration lookback = duration(spec.field("lookback"), Defaults.LOOKBACK, false);

            List<Signal> signals = new ArrayList<>();
            At signalsAt = spec.field("signals");
            list(signalsAt, true).forEach(at -> signals.add(signal(at)));
            checkUnique(signalsAt, signals.stream().map(Signal::name).toList(), "signal");
            Set<String> signalNames = new TreeSet<>(signals.stream().map(Signal::name).toList());

            List<Rule> rules = new ArrayList<>();
            At rulesAt = spec.field("rules");
            list(rulesAt, false).forEach(at -> rules.add(rule(at, signalNames)));
            checkUnique(rulesAt, rules.stream().map(Rule::name).toList(), "rule");

            GuardSettings guards = guards(spec.field("guards"));
            Duration liftAfter = duration(spec.field("liftAfter"), Defaults.LIFT_AFTER, true);
            Paging paging = paging(spec.field("paging"), signals);
            try {
                return new Policy(name, source, interval, lookback, signals, rules, guards, liftAfter, paging);
            } catch (IllegalArgumentException e) {
                throw new PolicyException(source, "", e.getMessage());
            }
        }

        /** {@code spec.paging: {when: slo-page-alerts}} or {@code {signal: slo-burn, minBurnRate: 6}}; absent: null, every page goes out. */
        private Paging paging(At at, List<Signal> signals) {
            if (at.absent()) return null;
            object(at, "when", "signal", "minBurnRate");
            At whenAt = at.field("when");
            if (!whenAt.absent()) {
                if (!at.field("signal").absent() || !at.field("minBurnRate").absent())
                    throw error(whenAt, "give either when or signal/minBurnRate, not both");
                if (!Paging.SloPageAlerts.WHEN.equals(text(whenAt)))
                    throw error(whenAt, "'" + text(whenAt) + "' is not a paging condition; write when: " + Paging.SloPageAlerts.WHEN + " (the team's SLO page alerts would fire)");
                return new Paging.SloPageAlerts();
            }
            At signalAt = at.field("signal");
            if (signalAt.absent()) throw error(at, "give when: " + Paging.SloPageAlerts.WHEN + ", or signal: <a service signal of the SLO burn rate> with minBurnRate");
            String signal = text(signalAt);
            Signal named = signals.stream().filter(s -> s.name().equals(signal)).findFirst()
                    .orElseThrow(() -> error(signalAt, "no signal '" + signal + "'; name the signal that reads the SLO burn rate (target: service), e.g. slo-burn"));
            if (named.target() != Target.Kind.SERVICE) throw error(signalAt, "'" + signal + "' must have target: service (an SLO burn rate per service)");
            At rateAt = at.field("minBurnRate");
            double rate = Defaults.PAGE_BURN_RATE;
            if (!rateAt.absent()) {
                if (!rateAt.node().isNumber() || !(rateAt.node().doubleValue() > 0)) throw error(rateAt, "must be a number > 0, the burn rate a page needs, e.g. 6");
                rate = rateAt.node().doubleValue();
            }
            return new Paging.BurnRate(signal, rate);
        }

        private Signal signal(At at) {
            object(at, "name", "metric", "metrics", "target", "detector", "peers");
            String name = text(at.field("name"));
            List<String> metrics = metrics(at);
            At targetAt = at.field("target");
            Target.Kind target = switch (text(targetAt)) {
                case "pod" -> Target.Kind.POD;
                case "service" -> Target.Kind.SERVICE;
                case "deployment" -> Target.Kind.DEPLOYMENT;
                default -> throw error(targetAt, "unknown target '" + targetAt.node().asText() + "'; known: pod, service, deployment");
            };
            DetectorSpec detector = detector(at.field("detector"));
            // peers: service (minus the peers' median), or peers: {label: service, compare: ratio | difference}
            At peersAt = at.field("peers");
            String peers = null;
            boolean ratio = false;
            if (!peersAt.absent()) {
                if (peersAt.node().isObject()) {
                    object(peersAt, "label", "compare");
                    peers = text(peersAt.field("label"));
                    At compareAt = peersAt.field("compare");
                    String compare = compareAt.absent() ? "difference" : text(compareAt);
                    if (!compare.equals("difference") && !compare.equals("ratio"))
                        throw error(compareAt, "unknown comparison '" + compare + "'; known: difference, ratio");
                    ratio = compare.equals("ratio");
                } else {
                    peers = text(peersAt);
                }
            }
            if (peers != null && metrics.size() > 1) throw error(peersAt, "peers applies to a signal of one metric; remove it or use metric:");
            return new Signal(name, metrics, target, detector, peers, ratio);
        }

        /** Exactly one of {@code metric: a} or {@code metrics: [a, b, ...]}; each a name or name{label="value"}. */
        private List<String> metrics(At at) {
            At one = at.field("metric");
            At many = at.field("metrics");
            if (!one.absent() && !many.absent()) {
                throw error(at, "give either 'metric' (one metric) or 'metrics' (a list, joined per target into a vector), not both");
            }
            if (one.absent() && many.absent()) {
                throw error(one, "required (or 'metrics: [a, b]' for a multivariate signal), e.g. pod:container_memory_working_set_bytes:ratio_limit");
            }
            List<String> out = new ArrayList<>();
            for (At m : one.absent() ? list(many, true) : List.of(one)) {
                String text = text(m);
                try {
                    MetricSelector.parse(text);
                } catch (IllegalArgumentException e) {
                    throw error(m, e.getMessage());
                }
                out.add(text);
            }
            return out;
        }

        private DetectorSpec detector(At at) {
            String text = text(at);
            DetectorSpec spec;
            try {
                spec = DetectorSpec.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage());
            }
            try {
                detectorValidator.accept(spec);
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage());
            }
            return spec;
        }

        private Rule rule(At at, Set<String> signalNames) {
            object(at, "name", "match", "actions", "verifyAfter", "mode", "scale", "duringRollout");
            String name = text(at.field("name"));
            At match = at.field("match");
            object(match, "signals", "targetKind", "detector", "diagnoses");
            List<String> diagnoses = null;
            At diagnosesAt = match.field("diagnoses");
            if (!diagnosesAt.absent()) {
                diagnoses = new ArrayList<>();
                for (At d : list(diagnosesAt, true)) {
                    String kind = text(d);
                    if (!dev.homeostat.remediation.diagnosis.Diagnosis.KINDS.contains(kind))
                        throw error(d, "unknown diagnosis '" + kind + "'; known: " + String.join(", ", dev.homeostat.remediation.diagnosis.Diagnosis.KINDS));
                    diagnoses.add(kind);
                }
            }
            List<String> signals = new ArrayList<>();
            At signalsAt = match.field("signals");
            if (!signalsAt.absent() || diagnoses == null) {
                for (At s : list(signalsAt, true)) {
                    String signal = text(s);
                    if (!signalNames.contains(signal)) throw error(s, "unknown signal '" + signal + "'; known: " + String.join(", ", signalNames));
                    signals.add(signal);
                }
            }
            Target.Kind targetKind = null;
            At kindAt = match.field("targetKind");
            if (!kindAt.absent()) {
                targetKind = switch (text(kindAt)) {
                    case "pod" -> Target.Kind.POD;
                    case "service" -> Target.Kind.SERVICE;
                    case "deployment" -> Target.Kind.DEPLOYMENT;
                    default -> throw error(kindAt, "unknown targetKind '" + kindAt.node().asText() + "'; known: pod, service, deployment");
                };
            }
            At detectorAt = match.field("detector");
            String detector = detectorAt.absent() ? null : text(detectorAt);

            List<String> actions = new ArrayList<>();
            for (At a : list(at.field("actions"), true)) {
                String action = text(a);
                if (!RemediatorRegistry.names().contains(action)) {
                    throw error(a, "unknown action '" + action + "'; known: " + String.join(", ", RemediatorRegistry.names()));
                }
                actions.add(action);
            }
            Duration verifyAfter = duration(at.field("verifyAfter"), Defaults.VERIFY_AFTER, false);
            At modeAt = at.field("mode");
            Mode mode = Defaults.MODE;
            if (!modeAt.absent()) {
                String m = text(modeAt);
                mode = Arrays.stream(Mode.values()).filter(v -> v.yamlName().equals(m)).findFirst()
                        .orElseThrow(() -> error(modeAt, "unknown mode '" + m + "'; known: auto, observe, recommend, approve"));
            }
            Scaling scaling = scaling(at.field("scale"), actions);
            boolean duringRollout = flag(at.field("duringRollout"), Defaults.DURING_ROLLOUT);
            return new Rule(name, new Match(signals, targetKind, detector, diagnoses), actions, verifyAfter, mode, scaling, duringRollout);
        }

        /**
         * {@code scale: {by: 1 | to: N, maxReplicas: M, maxFactor: F}}, only on a rule whose chain has {@code scale-up};
         * without either ceiling, the defaults' (both).
         */
        private Scaling scaling(At at, List<String> actions) {
            if (at.absent()) return Scaling.defaults();
            if (!actions.contains("scale-up")) throw error(at, "only a rule with the scale-up action takes scale; add scale-up to actions or remove scale");
            object(at, "by", "to", "maxReplicas", "maxFactor", "targetUtilization");
            At byAt = at.field("by");
            At toAt = at.field("to");
            if (byAt.absent() == toAt.absent()) throw error(at, "give exactly one of 'by' (e.g. by: 1) or 'to' (e.g. to: 4)");
            int by = byAt.absent() ? 0 : positive(byAt, "1");
            int to = toAt.absent() ? 0 : positive(toAt, "4");
            At maxAt = at.field("maxReplicas");
            At factorAt = at.field("maxFactor");
            boolean defaultCeiling = maxAt.absent() && factorAt.absent();
            int max = defaultCeiling ? Defaults.MAX_REPLICAS : maxAt.absent() ? 0 : positive(maxAt, String.valueOf(Defaults.MAX_REPLICAS));
            double factor = defaultCeiling ? Defaults.MAX_FACTOR : factorAt.absent() ? 0 : factor(factorAt);
            if (factor == 0 && to > max) throw error(toAt, to + " is above maxReplicas " + max + "; raise maxReplicas or lower to");
            At targetAt = at.field("targetUtilization");
            double target = 0;
            if (!targetAt.absent()) {
                if (to > 0) throw error(targetAt, "goes with 'by', not 'to': give by (the least it adds) or remove targetUtilization");
                if (!targetAt.node().isNumber() || !(targetAt.node().doubleValue() > 0 && targetAt.node().doubleValue() <= 1)) {
                    throw error(targetAt, "must be a number in (0, 1], the utilization (CPU over requests) to size for, e.g. 0.6");
                }
                target = targetAt.node().doubleValue();
            }
            return new Scaling(by, to, max, target, factor);
        }

        /** {@code maxFactor}: a number >= 1, the most replicas as a multiple of those before the engine first scaled. */
        private double factor(At at) {
            JsonNode n = at.node();
            if (!n.isNumber() || !(n.doubleValue() >= 1) || !Double.isFinite(n.doubleValue())) {
                throw error(at, "must be a number >= 1, the most replicas as a multiple of those the Deployment had"
                        + " before the engine first scaled it, e.g. " + (long) Defaults.MAX_FACTOR);
            }
            return n.doubleValue();
        }

        /** A whole number >= 1; YAML's {@code +1} (and the string "+1") counts as 1. */
        private int positive(At at, String example) {
            JsonNode n = at.node();
            int value;
            if (n.isIntegralNumber() && n.canConvertToInt()) {
                value = n.intValue();
            } else if (n.isTextual()) {
                try {
                    value = Integer.parseInt(n.asText().trim());
                } catch (NumberFormatException e) {
                    throw error(at, "must be a whole number >= 1, e.g. " + example + "; was '" + n.asText() + "'");
                }
            } else {
                throw error(at, "must be a whole number >= 1, e.g. " + example);
            }
            if (value < 1) throw error(at, "must be >= 1, e.g. " + example + "; was " + value);
            return value;
        }

        private boolean flag(At at, boolean fallback) {
            if (at.absent()) return fallback;
            if (!at.node().isBoolean()) throw error(at, "must be true or false");
            return at.node().booleanValue();
        }

        private GuardSettings guards(At at) {
            if (at.absent()) return GuardSettings.defaults();
            object(at, "cooldown", "maxActionsPerMinute", "maxUnavailableFraction", "dependencyAware");
            Duration cooldown = duration(at.field("cooldown"), Defaults.COOLDOWN, true);
            At rateAt = at.field("maxActionsPerMinute");
            int rate = Defaults.MAX_ACTIONS_PER_MINUTE;
            if (!rateAt.absent()) {
                if (!rateAt.node().canConvertToInt() || !rateAt.node().isIntegralNumber()) throw error(rateAt, "must be a whole number >= 1, e.g. 10");
                rate = rateAt.node().intValue();
                if (rate < 1) throw error(rateAt, "must be >= 1, e.g. 10; was " + rate);
            }
            At fractionAt = at.field("maxUnavailableFraction");
            double fraction = Defaults.MAX_UNAVAILABLE_FRACTION;
            if (!fractionAt.absent()) {
                if (!fractionAt.node().isNumber()) throw error(fractionAt, "must be a number within [0, 1], e.g. 0.34");
                fraction = fractionAt.node().doubleValue();
                if (!(fraction >= 0 && fraction <= 1)) throw error(fractionAt, "must be within [0, 1], e.g. 0.34; was " + fraction);
            }
            At dependencyAt = at.field("dependencyAware");
            if (!dependencyAt.absent() && !dependencyAt.node().isBoolean()) {
                throw error(dependencyAt, "must be true or false (false turns the dependency guard off); was '"
                        + dependencyAt.node().asText() + "'");
            }
            boolean dependencyAware = flag(dependencyAt, Defaults.DEPENDENCY_AWARE);
            return new GuardSettings(cooldown, rate, fraction, dependencyAware);
        }
    }
}
