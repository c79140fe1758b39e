package dev.homeostat.remediation.live.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes label-selector semantics, evaluated here so one list call serves every selector (and
 * so it works the same on the mock API server). A null selector selects nothing; an empty one
 * everything (as a policy/v1 PodDisruptionBudget's does).
 */
final class LabelSelectors {
    private LabelSelectors() { }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) return false;
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(have.get(e.getKey()))) return false;
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!matches(r, have)) return false;
            }
        }
        return true;
    }

    /** A Service's selector: a plain map; an empty or missing one selects no pods (its Endpoints are managed by hand). */
    static boolean matchesServiceSelector(Map<String, String> serviceSelector, Map<String, String> labels) {
        if (serviceSelector == null || serviceSelector.isEmpty()) return false;
        Map<String, String> have = labels == null ? Map.of() : labels;
        return serviceSelector.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> have) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator()) {
            case "In" -> have.containsKey(r.getKey()) && values.contains(have.get(r.getKey()));
            case "NotIn" -> !have.containsKey(r.getKey()) || !values.contains(have.get(r.getKey()));
            case "Exists" -> have.containsKey(r.getKey());
            case "DoesNotExist" -> !have.containsKey(r.getKey());
            default -> false; // an operator this code does not know selects nothing: never disrupt on a guess
        };
    }
}
