package dev.homeostat.simulator.fault;

import java.util.List;
import java.util.Map;

/**
 * One Kubernetes set-based label requirement (Chaos Mesh's {@code expressionSelectors}):
 * {@code key In (values)}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}.
 */
public record LabelRequirement(String key, Operator operator, List<String> values) {
    public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    public LabelRequirement {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("expressionSelectors.key: required");
        if (operator == null) throw new IllegalArgumentException("expressionSelectors.operator: required (In, NotIn, Exists, DoesNotExist)");
        values = values == null ? List.of() : List.copyOf(values);
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) throw new IllegalArgumentException("expressionSelectors.values: operator " + operator + " needs at least one value");
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) throw new IllegalArgumentException("expressionSelectors.values: operator " + operator + " takes no values");
            }
        }
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case IN -> v != null && values.contains(v);
            case NOT_IN -> v == null || !values.contains(v);
            case EXISTS -> v != null;
            case DOES_NOT_EXIST -> v == null;
        };
    }
}
