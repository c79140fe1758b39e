package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.LabelRequirement;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import io.fabric8.chaosmesh.v1alpha1.PodSelectorSpec;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chaos Mesh's {@code selector}, {@code mode} and {@code value} (common to every pod-scoped kind) as
 * the simulator's {@link PodSelector} and {@link SelectionMode}, with Chaos Mesh's semantics:
 * empty {@code namespaces} means the experiment's own namespace; a non-empty {@code pods} map is used
 * as it stands and the other selectors are ignored.
 */
public final class ChaosSelectors {
    static final String MODES = "one, all, fixed, fixed-percent, random-max-percent";

    /** Which pods, and how many of them. */
    public record Target(PodSelector selector, SelectionMode mode) { }

    private ChaosSelectors() { }

    /**
     * @param spec path of the spec holding {@code selector}, {@code mode}, {@code value} (usually {@code spec})
     */
    public static Target translate(String spec, PodSelectorSpec selector, String mode, String value, ManifestContext ctx) {
        return translate(spec, selector, mode, value, null, ctx);
    }

    /** As above, restricted to pods running a container named in {@code containerNames} (null or empty: any). */
    public static Target translate(String spec, PodSelectorSpec selector, String mode, String value, List<String> containerNames,
                                   ManifestContext ctx) {
        PodSelector s = selector(spec + ".selector", selector, ctx);
        if (containerNames != null && !containerNames.isEmpty()) {
            noteBlankContainerNames(spec, containerNames, ctx);
            s = s.withContainers(containerNames.stream().map(n -> n == null ? "" : n).collect(java.util.stream.Collectors.toSet()));
        }
        return new Target(s, mode(spec, mode, value, ctx));
    }

    /**
     * A blank name in {@code containerNames} ({@code ['']}, as a form left blank writes it): Chaos Mesh's webhook takes it
     * and its container selector matches it to no container, so it adds no target; a note says so, and so does the simulation.
     */
    static void noteBlankContainerNames(String spec, List<String> containerNames, ManifestContext ctx) {
        for (int i = 0; i < containerNames.size(); i++)
            if (containerNames.get(i) == null || containerNames.get(i).isBlank()) {
                boolean only = containerNames.stream().allMatch(n -> n == null || n.isBlank());
                ctx.note(spec + ".containerNames[" + i + "]", "a blank name matches no container: Chaos Mesh takes it and injects "
                        + (only ? "nothing, as the simulation does; to hit the pods' first container leave containerNames out" : "only into the containers named besides it"));
                return;
            }
    }

    /**
     * The selector of an experiment whose manifest was already checked ({@link ChaosManifests} accepted it), read back from
     * its model with the same rules: what the live chaos runner evaluates against a cluster's pods. {@code namespace} is
     * the experiment's (an empty {@code namespaces} means it). A selector the check would refuse throws
     * {@link IllegalArgumentException}.
     */
    public static PodSelector selector(PodSelectorSpec s, String namespace) {
        var doc = new YamlDocument(1, 1, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), Map.of());
        var ctx = new ManifestContext("selector", doc, java.time.Duration.ZERO, "selector", namespace, Horizon.firstFiring(), TargetCluster.unknown());
        return selector("selector", s, ctx);
    }

    static PodSelector selector(String path, PodSelectorSpec s, ManifestContext ctx) {
        if (s == null) throw ctx.fail(path, "required: which pods, e.g. selector: {namespaces: [default], labelSelectors: {app: cart}}");
        Map<String, List<String>> podsByNamespace = s.getPods() == null ? Map.of() : new TreeMap<>(s.getPods());
        if (!podsByNamespace.isEmpty()) {
            Set<String> pods = new HashSet<>();
            podsByNamespace.forEach((ns, names) -> {
                String problem = namespaceProblem(ns);
                if (problem != null) throw ctx.fail(path + ".pods." + ns, problem + ", so no pod is in it");
                if (names == null || names.isEmpty())
                    throw ctx.fail(path + ".pods." + ns, "list at least one pod name under namespace " + ns);
                for (String n : names) {
                    if (n == null || n.isBlank()) throw ctx.fail(path + ".pods." + ns, "pod names must not be empty");
                    pods.add(ns + "/" + n);
                }
            });
            return new PodSelector(Set.of(), Map.of(), pods);
        }
        List<String> namespaces = s.getNamespaces() == null ? List.of() : s.getNamespaces();
        Map<String, String> labels = s.getLabelSelectors() == null ? Map.of() : s.getLabelSelectors();
        List<LabelRequirement> expressions = expressions(path + ".expressionSelectors", s.getExpressionSelectors(), ctx);
        Map<String, Set<String>> fields = new TreeMap<>();
        if (s.getFieldSelectors() != null)
            for (var e : s.getFieldSelectors().entrySet()) {
                if (!PodSelector.FIELDS.contains(e.getKey()))
                    throw ctx.cannotExist(path + ".fieldSelectors." + e.getKey(), "a simulated pod has no " + e.getKey() + ": its fields are "
                            + String.join(", ", PodSelector.FIELDS));
                if (e.getValue() == null || e.getValue().isBlank())
                    throw ctx.fail(path + ".fieldSelectors." + e.getKey(), "value must not be empty, e.g. status.phase: Running");
                fields.put(e.getKey(), Set.of(e.getValue()));
            }
        phases(path + ".podPhaseSelectors", s.getPodPhaseSelectors(), fields, ctx);
        Map<String, String> nodeLabels = s.getNodeSelectors() == null ? Map.of() : s.getNodeSelectors();
        for (var e : nodeLabels.entrySet()) {
            if (e.getValue() == null) throw ctx.fail(path + ".nodeSelectors." + e.getKey(), "label value must not be empty; write e.g. topology.kubernetes.io/zone: zone-a");
            label(path + ".nodeSelectors." + e.getKey(), e.getKey(), e.getValue(), ctx);
        }
        Set<String> nodes = nodes(path + ".nodes", s.getNodes(), nodeLabels.isEmpty() ? fields.get("spec.nodeName") : null, ctx);
        for (int i = 0; i < namespaces.size(); i++) {
            if (namespaces.get(i) == null || namespaces.get(i).isBlank())
                throw ctx.fail(path + ".namespaces[" + i + "]", "namespace must not be empty");
            String problem = namespaceProblem(namespaces.get(i));
            if (problem != null) throw ctx.fail(path + ".namespaces[" + i + "]", problem + ", so the selector matches no pod");
        }
        for (var e : labels.entrySet()) {
            if (e.getValue() == null)
                throw ctx.fail(path + ".labelSelectors." + e.getKey(), "label value must not be empty; write e.g. app: cart");
            label(path + ".labelSelectors." + e.getKey(), e.getKey(), e.getValue(), ctx);
        }
        // Chaos Mesh's webhook: no namespaces means the namespace of the experiment object itself (an empty selector
        // therefore selects every pod of that namespace, as it does live).
        Set<String> effective = namespaces.isEmpty() ? Set.of(ctx.namespace()) : Set.copyOf(namespaces);
        // Chaos Mesh lists pods namespace by namespace and narrows each list by the field selector: outside them, none
        Set<String> fieldNamespace = fields.get("metadata.namespace");
        if (fieldNamespace != null && java.util.Collections.disjoint(effective, fieldNamespace))
            throw ctx.fail(path + ".fieldSelectors.metadata.namespace", "is " + fieldNamespace.iterator().next() + " but the selector looks in "
                    + (namespaces.isEmpty() ? "the experiment's own namespace, " + ctx.namespace() + "," : "namespaces " + new java.util.TreeSet<>(namespaces))
                    + " so no pod matches; list " + fieldNamespace.iterator().next() + " under namespaces");
        Map<String, String> annotations = s.getAnnotationSelectors() == null ? Map.of() : s.getAnnotationSelectors();
        for (var e : annotations.entrySet())
            if (e.getValue() == null) throw ctx.fail(path + ".annotationSelectors." + e.getKey(), "annotation value must not be empty; write e.g. team: payments");
        return new PodSelector(effective, labels, Set.of(), expressions, fields, Set.of(), nodeLabels, annotations, nodes);
    }

    /**
     * Why {@code namespace} cannot name a namespace (the API server takes a DNS-1123 label), with the nearest name that
     * can; null when it can. Chaos Mesh takes any string in a selector, and one that no namespace can have selects nothing.
     */
    static String namespaceProblem(String namespace) {
        if (namespace.length() <= 63 && namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) return null;
        String near = namespace.toLowerCase(java.util.Locale.ROOT).replaceAll("[^-a-z0-9]", "").replaceAll("^-+|-+$", "");
        return "\"" + namespace + "\" cannot name a namespace (a DNS-1123 label: lowercase letters, digits and '-', starting and ending "
                + "with a letter or digit, at most 63 characters)" + (near.isEmpty() || near.length() > 63 ? "" : "; did you mean \"" + near + "\"?");
    }

    private static final String NOTHING_SELECTED = ": Chaos Mesh cannot build its label selector and injects nothing";

    /** Refuses a label selector entry whose key or value no label can have. */
    private static void label(String field, String key, String value, ManifestContext ctx) {
        String problem = LabelSyntax.keyProblem(key);
        if (problem == null) problem = LabelSyntax.valueProblem(value);
        if (problem != null) throw ctx.fail(field, problem + NOTHING_SELECTED);
    }

    /** The pod phases Kubernetes has: what {@code podPhaseSelectors} picks among. */
    static final List<String> PHASES = List.of("Pending", "Running", "Succeeded", "Failed", "Unknown");

    /**
     * Chaos Mesh's {@code nodes}: pods on any of them (with {@code nodeSelectors}, on any node either picks: Chaos Mesh
     * joins the two lists of nodes). Alone beside a field selector on {@code spec.nodeName} ({@code fieldNode}), a list
     * that misses its node selects nothing, which is refused.
     */
    private static Set<String> nodes(String path, List<String> values, Set<String> fieldNode, ManifestContext ctx) {
        if (values == null || values.isEmpty()) return Set.of();
        for (int i = 0; i < values.size(); i++)
            if (values.get(i) == null || values.get(i).isBlank()) throw ctx.fail(path + "[" + i + "]", "node must not be empty");
        if (fieldNode != null && java.util.Collections.disjoint(values, fieldNode))
            throw ctx.fail(path, "selects nodes " + values + " but fieldSelectors spec.nodeName is " + fieldNode.iterator().next() + ", so no pod matches; keep one");
        return Set.copyOf(values);
    }

    /**
     * Chaos Mesh's {@code podPhaseSelectors}, read as it reads them (a label selector over the phase): {@code Running}
     * includes the phase, {@code !Pending} excludes it; pods in any included phase (every phase when only exclusions are
     * given) and in no excluded one, as {@code status.phase} narrowed by a field selector on it.
     */
    private static void phases(String path, List<String> values, Map<String, Set<String>> fields, ManifestContext ctx) {
        if (values == null || values.isEmpty()) return;
        var included = new java.util.TreeSet<String>();
        var excluded = new java.util.TreeSet<String>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i) == null ? "" : values.get(i).strip();
            String phase = v.startsWith("!") ? v.substring(1).strip() : v;
            if (phase.isEmpty() || !phase.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?"))
                throw ctx.fail(path + "[" + i + "]", "\"" + v + "\" is not a phase; write one of " + String.join(", ", PHASES) + ", or !Phase to leave one out");
            (v.startsWith("!") ? excluded : included).add(phase);
        }
        var any = new java.util.TreeSet<>(included.isEmpty() ? PHASES : included);
        any.removeAll(excluded);
        Set<String> earlier = fields.get("status.phase");
        if (earlier != null) any.retainAll(earlier);
        if (any.isEmpty())
            throw ctx.fail(path, "selects phases " + values + (earlier == null ? "" : " but fieldSelectors status.phase is " + earlier.iterator().next())
                    + ", so no pod matches; keep one");
        fields.put("status.phase", Set.copyOf(any));
    }

    private static List<LabelRequirement> expressions(String path, List<LabelSelectorRequirement> list, ManifestContext ctx) {
        if (list == null) return List.of();
        List<LabelRequirement> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            LabelSelectorRequirement r = list.get(i);
            String at = path + "[" + i + "]";
            if (r == null) throw ctx.fail(at, "empty requirement; write {key: app, operator: In, values: [cart]}");
            if (r.getKey() == null || r.getKey().isBlank()) throw ctx.fail(at + ".key", "required: the label key");
            String keyProblem = LabelSyntax.keyProblem(r.getKey());
            if (keyProblem != null) throw ctx.fail(at + ".key", keyProblem + NOTHING_SELECTED);
            if (r.getValues() != null)
                for (int v = 0; v < r.getValues().size(); v++) {
                    String valueProblem = r.getValues().get(v) == null ? null : LabelSyntax.valueProblem(r.getValues().get(v));
                    if (valueProblem != null) throw ctx.fail(at + ".values[" + v + "]", valueProblem + NOTHING_SELECTED);
                }
            LabelRequirement.Operator op = switch (r.getOperator() == null ? "" : r.getOperator()) {
                case "In" -> LabelRequirement.Operator.IN;
                case "NotIn" -> LabelRequirement.Operator.NOT_IN;
                case "Exists" -> LabelRequirement.Operator.EXISTS;
                case "DoesNotExist" -> LabelRequirement.Operator.DOES_NOT_EXIST;
                case "" -> throw ctx.fail(at + ".operator", "required: In, NotIn, Exists or DoesNotExist");
                default -> throw ctx.fail(at + ".operator", "unknown operator \"" + r.getOperator() + "\"; use In, NotIn, Exists or DoesNotExist");
            };
            try {
                out.add(new LabelRequirement(r.getKey(), op, r.getValues()));
            } catch (IllegalArgumentException e) {
                throw ctx.fail(at + ".values", e.getMessage().replaceFirst("^[^:]*: ", ""));
            }
        }
        return List.copyOf(out);
    }

    static SelectionMode mode(String spec, String mode, String value, ManifestContext ctx) {
        String modeField = spec + ".mode";
        String valueField = spec + ".value";
        if (mode == null || mode.isBlank()) throw ctx.fail(modeField, "required; one of " + MODES);
        return switch (mode) {
            // Chaos Mesh ignores value with one and all (its webhook checks it only for the other modes).
            case "one" -> SelectionMode.one();
            case "all" -> SelectionMode.all();
            case "fixed" -> new SelectionMode(SelectionMode.Kind.FIXED,
                    integer(valueField, value, 1, Integer.MAX_VALUE, "mode fixed needs the number of pods to hit, e.g. value: \"2\"", ctx));
            case "fixed-percent" -> new SelectionMode(SelectionMode.Kind.FIXED_PERCENT,
                    integer(valueField, value, 1, 100, "mode fixed-percent needs the percent of pods to hit in 1..100, e.g. value: \"50\"", ctx));
            case "random-max-percent" -> new SelectionMode(SelectionMode.Kind.RANDOM_MAX_PERCENT,
                    integer(valueField, value, 1, 100, "mode random-max-percent needs the maximum percent of pods to hit in 1..100, e.g. value: \"50\"", ctx));
            default -> throw ctx.fail(modeField, "unknown mode \"" + mode + "\"; use one of " + MODES);
        };
    }

    private static int integer(String field, String value, int min, int max, String need, ManifestContext ctx) {
        if (value == null || value.isBlank()) throw ctx.fail(field, "missing: " + need);
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException notAnInteger) {
            // reported below with the same fix as an out-of-range number
        }
        throw ctx.fail(field, "invalid value \"" + value + "\": " + need);
    }

}
