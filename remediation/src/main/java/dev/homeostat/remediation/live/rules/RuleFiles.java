package dev.homeostat.remediation.live.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerting rules as YAML, in the two shapes Prometheus users load: a PrometheusRule object for the Prometheus
 * Operator, or a plain rule file ({@code groups:}, what {@code rule_files:} and {@code promtool check rules} take).
 * Same input, same bytes.
 */
public final class RuleFiles {
    /** A named group of rules at one evaluation interval. */
    public record Group(String name, Duration interval, List<SignalAlertRules.Rule> rules) { }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    private RuleFiles() { }

    /** {@code groups:} as a plain Prometheus rule file. */
    public static String ruleFile(List<Group> groups) {
        return ruleFileOf(groups(groups));
    }

    /** A {@code monitoring.coreos.com/v1} PrometheusRule named {@code name} in {@code namespace}. */
    public static String prometheusRule(String name, String namespace, List<Group> groups) {
        return prometheusRuleOf(name, namespace, groups(groups));
    }

    /** {@code groups:} of already-built group trees (the signal groups, plus others such as the SLO burn-rate groups). */
    public static String ruleFileOf(List<Object> groups) {
        return write(Map.of("groups", groups));
    }

    /** A PrometheusRule of already-built group trees. */
    public static String prometheusRuleOf(String name, String namespace, List<Object> groups) {
        var root = new LinkedHashMap<String, Object>();
        root.put("apiVersion", "monitoring.coreos.com/v1");
        root.put("kind", "PrometheusRule");
        var meta = new LinkedHashMap<String, Object>();
        meta.put("name", name);
        if (namespace != null) meta.put("namespace", namespace);
        meta.put("labels", Map.of("app.kubernetes.io/name", "homeostat-engine"));
        root.put("metadata", meta);
        root.put("spec", Map.of("groups", groups));
        return write(root);
    }

    /** The groups as the maps and lists the YAML is written from. */
    public static List<Object> groups(List<Group> groups) {
        var out = new ArrayList<Object>();
        for (Group g : groups) {
            var group = new LinkedHashMap<String, Object>();
            group.put("name", g.name());
            group.put("interval", SignalAlertRules.promDuration(g.interval()));
            var rules = new ArrayList<Object>();
            for (SignalAlertRules.Rule r : g.rules()) {
                var rule = new LinkedHashMap<String, Object>();
                rule.put("alert", r.alert());
                rule.put("expr", r.expr());
                if (!r.forDuration().isZero()) rule.put("for", SignalAlertRules.promDuration(r.forDuration()));
                rule.put("labels", r.labels());
                rule.put("annotations", r.annotations());
                rules.add(rule);
            }
            group.put("rules", rules);
            out.add(group);
        }
        return out;
    }

    private static String write(Object tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rules could not be written as YAML: " + e.getOriginalMessage(), e);
        }
    }
}
