package dev.homeostat.chaos.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * Checks a manifest's tree against the CRD schema before any translator reads it, the way {@code kubectl apply}
 * would: every field known (else "unknown field", with a suggestion), every value of its type and in its enum or
 * range, then each field's {@link Support}: a refused field fails at once ({@link Support.NotModelled},
 * {@link Support.CannotExist}); a {@link Support.NotModelledYet} field is checked inside and its refusal deferred
 * (a translator may still find a plainer error); a {@link Support.Planned} field leaves a note.
 */
public final class SchemaCheck {
    /** Where the findings go; {@link #fail} returns the exception to throw. */
    public interface Sink {
        RuntimeException fail(String field, String problem);

        void defer(String field, String sentence);

        void note(String field, String sentence);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Sink sink;

    private SchemaCheck(Sink sink) { this.sink = sink; }

    /** Checks {@code node} (at {@code path}) against {@code shape}. */
    public static void check(String path, JsonNode node, Shape shape, Sink sink) {
        new SchemaCheck(sink).value(path, node, shape, false);
    }

    private void value(String path, JsonNode node, Shape shape, boolean quiet) {
        if (node == null || node.isNull() || node.isMissingNode()) return;
        switch (shape) {
            case Shape.Any any -> { }
            case Shape.Text t -> text(path, node, t);
            case Shape.Whole w -> whole(path, node, w);
            case Shape.Flag f -> {
                if (!node.isBoolean()) throw mismatch(path, node, shape);
            }
            case Shape.ListOf l -> {
                if (!node.isArray()) throw mismatch(path, node, shape);
                for (int i = 0; i < node.size(); i++) value(path + "[" + i + "]", node.get(i), l.item(), quiet);
            }
            case Shape.MapOf m -> {
                if (!node.isObject()) throw mismatch(path, node, shape);
                for (Map.Entry<String, JsonNode> e : node.properties()) value(path + "." + e.getKey(), e.getValue(), m.value(), quiet);
            }
            case Shape.Fields f -> {
                if (!node.isObject()) throw mismatch(path, node, shape);
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                    Field def = f.field(e.getKey()).orElseThrow(() -> sink.fail(child, unknownField(e.getKey(), f)));
                    field(child, e.getValue(), def, quiet);
                }
            }
            case Shape.Core c -> core(path, node, c);
        }
    }

    private void field(String path, JsonNode node, Field def, boolean quiet) {
        if (quiet || empty(node)) {
            value(path, node, def.shape(), quiet);
            return;
        }
        switch (def.support()) {
            case Support.NotModelled s -> throw sink.fail(path, s.sentence());
            case Support.CannotExist s -> throw sink.fail(path, s.sentence());
            case Support.NotModelledYet s -> {
                value(path, node, def.shape(), true);
                sink.defer(path, s.sentence());
            }
            case Support.Planned s -> {
                value(path, node, def.shape(), true);
                sink.note(path, s.sentence());
            }
            case Support.Simulated s -> value(path, node, def.shape(), false);
            case Support.LiveOnly s -> value(path, node, def.shape(), false);
        }
    }

    /** Absent for the purpose of a refusal: null, an empty string, list or map (Kubernetes omits them). */
    public static boolean empty(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode()
                || node.isTextual() && node.asText().isEmpty()
                || (node.isArray() || node.isObject()) && node.isEmpty();
    }

    private void text(String path, JsonNode node, Shape.Text t) {
        if (!node.isTextual()) {
            if (node.isNumber() || node.isBoolean())
                throw sink.fail(path, "must be a quoted string such as \"" + node.asText() + "\": the CRD types it as a string and kubectl rejects a bare "
                        + (node.isNumber() ? "number" : "boolean"));
            throw mismatch(path, node, t);
        }
        if (!t.oneOf().isEmpty() && !t.oneOf().contains(node.asText())) {
            String value = node.asText();
            String known = String.join(", ", t.oneOf().stream().filter(v -> !v.isEmpty()).toList());
            String hint = Suggest.closest(value, t.oneOf()).map(c -> "did you mean \"" + c + "\"? (one of " + known + ")").orElse("use one of " + known);
            throw sink.fail(path, "unknown value \"" + value + "\"; " + hint);
        }
    }

    private void whole(String path, JsonNode node, Shape.Whole w) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) throw mismatch(path, node, w);
        long v = node.asLong();
        if (v < w.min() || v > w.max())
            throw sink.fail(path, v + " is out of range; " + range(w));
    }

    private static String range(Shape.Whole w) {
        if (w.max() == Long.MAX_VALUE || w.max() == Integer.MAX_VALUE) return "must be at least " + w.min();
        if (w.min() == Long.MIN_VALUE) return "must be at most " + w.max();
        return "must be in " + w.min() + ".." + w.max();
    }

    private RuntimeException mismatch(String path, JsonNode node, Shape shape) {
        String found = node.isTextual() ? "\"" + node.asText() + "\"" : node.isObject() ? "a mapping" : node.isArray() ? "a list" : node.toString();
        String hint = !(shape instanceof Shape.Whole) || !node.isTextual() ? ""
                : node.asText().strip().matches("[-+]?\\d+") ? " (write it without quotes)"
                : node.asText().strip().matches("[-+]?\\d+(\\.\\d+)?\\s*[A-Za-z%]+") ? " (a plain number: this field takes no unit)" : "";
        return sink.fail(path, "expected " + shape.describe() + ", found " + found + hint);
    }

    /** A Workflow template's fields as the pre-2.0 Workflow API named them (its docs still show them), and their 2.x names. */
    public static final Map<String, String> WORKFLOW_RENAMES = Map.of("duration", "deadline", "tasks", "children", "conditionalTasks", "conditionalBranches");

    /** Argo Workflows' fields that people write in a Chaos Mesh Workflow, and what Chaos Mesh reads for each. */
    private static final Map<String, String> ARGO_FIELDS = Map.of(
            "suspend", "a Suspend template (templateType: Suspend) waits for its deadline: write deadline: <duration> and remove suspend",
            "entrypoint", "Chaos Mesh names the first template spec.entry",
            "steps", "list the steps' template names as children of a Serial template (templateType: Serial), or a Parallel one",
            "dag", "list the tasks' template names as children of a Parallel template (templateType: Parallel), or a Serial one",
            "container", "a container that decides a branch goes under task.container of a Task template (templateType: Task)");

    private static String unknownField(String key, Shape.Fields f) {
        var names = f.fields().keySet();
        if (key.equals("scheduler") && names.contains("selector"))
            return "unknown field \"scheduler\": Chaos Mesh 1.x's cron moved to a Schedule object in 2.x; wrap the experiment in "
                    + "kind: Schedule with spec.schedule (e.g. \"@every 10m\"), spec.type and this spec under its kind's field (homeostat chaos upgrade writes it)";
        String renamed = WORKFLOW_RENAMES.get(key);
        if (renamed != null && names.contains(renamed))
            return "unknown field \"" + key + "\": the Workflow API before Chaos Mesh 2.0 named it so; Chaos Mesh 2.x reads " + renamed
                    + " (same value), and kubectl refuses " + key + " (homeostat chaos upgrade renames it)";
        String argo = f.name().equals("Template") || f.name().equals("WorkflowSpec") ? ARGO_FIELDS.get(key) : null;
        if (argo != null)
            return "unknown field \"" + key + "\": that is Argo Workflows' form, which Chaos Mesh's Workflow does not read; " + argo;
        String suggestion = Suggest.didYouMean(key, names);
        return "unknown field \"" + key + "\"" + (suggestion.isEmpty() ? " in " + f.name() + "; its fields are " + String.join(", ", names) : suggestion);
    }

    /** A Kubernetes core type: read into fabric8's model; whatever lands in an {@code additionalProperties} is unknown. */
    private void core(String path, JsonNode node, Shape.Core c) {
        if (!node.isObject()) throw mismatch(path, node, c);
        Object model;
        try {
            model = MAPPER.treeToValue(node, c.type());
        } catch (Exception e) {
            throw sink.fail(path, "not a valid " + c.name() + ": " + firstLine(e.getMessage()));
        }
        String leftover = leftover(model, "");
        if (leftover != null) {
            String key = leftover.substring(leftover.lastIndexOf('.') + 1);
            throw sink.fail(path + leftover, "unknown field \"" + key + "\" in a Kubernetes " + c.name());
        }
    }

    private static String leftover(Object o, String path) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean) return null;
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String l = leftover(list.get(i), path + "[" + i + "]");
                if (l != null) return l;
            }
            return null;
        }
        if (o instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                String l = leftover(e.getValue(), path + "." + e.getKey());
                if (l != null) return l;
            }
            return null;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) return null;
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) continue;
            Object v;
            try {
                v = m.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) return path + "." + extra.keySet().iterator().next();
                continue;
            }
            String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            String l = leftover(v, path + "." + name);
            if (l != null) return l;
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
