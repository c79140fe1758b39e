package dev.homeostat.remediation.live.kafka;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.AlertSource;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The anomaly events an external detector (a data-science team's model, a stream job) publishes on the Kafka source
 * topic, one JSON object per record, checked like a webhook body: the first wrong field is named and the record is
 * refused whole. Schema ({@code schemaVersion} 1):
 *
 * <pre>{@code
 * {"schemaVersion": 1,                       // required, 1
 *  "id": "model-7/2025-01-31T12:00:00Z/checkout-1",   // required: repeats of one id are one event
 *  "time": "2025-01-31T12:00:00Z",           // required, RFC 3339
 *  "status": "firing",                       // required: firing | resolved (resolved ones are counted, never routed)
 *  "signal": "memory-saturation",            // required: a policy signal a rule matches
 *  "target": {"kind": "pod", "namespace": "shop", "name": "checkout-1"},  // kind: pod | deployment | service | node
 *  "service": "checkout",                    // optional: the service the target backs
 *  "score": 0.93,                            // optional number, default 1
 *  "detector": "churn-model-v7",             // optional, default "kafka"
 *  "explanation": "working set 0.93 of limit"}  // optional
 * }</pre>
 */
public final class AnomalyEvents {
    public static final int SCHEMA_VERSION = 1;
    public static final String DEFAULT_DETECTOR = "kafka";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnomalyEvents() { }

    /** One checked event: its id (for folding repeats) and the alert it becomes. */
    public record Event(String id, AlertSource.Alert alert) { }

    /** Parses one record's value; IllegalArgumentException naming the field when it does not fit the schema. */
    public static Event parse(byte[] value) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + dev.homeostat.remediation.live.JsonReason.of(e));
        } catch (IOException e) {
            throw new IllegalArgumentException("could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("value: expected a JSON object (anomaly event, schemaVersion 1)");
        JsonNode version = root.path("schemaVersion");
        if (!version.isInt() || version.asInt() != SCHEMA_VERSION)
            throw new IllegalArgumentException("schemaVersion: '" + version.asText() + "' is not supported; write 1");
        String id = text(root, "id");
        long time = time(root, "time");
        String status = text(root, "status");
        String signal = text(root, "signal");
        Target target = target(root.path("target"));
        String service = optional(root, "service");
        JsonNode scoreNode = root.path("score");
        if (!scoreNode.isMissingNode() && !scoreNode.isNull() && (!scoreNode.isNumber() || !Double.isFinite(scoreNode.asDouble())))
            throw new IllegalArgumentException("score: '" + scoreNode.asText() + "' is not a finite number");
        double score = scoreNode.isNumber() ? scoreNode.asDouble() : 1.0;
        String detector = optional(root, "detector");
        String explanation = optional(root, "explanation");
        AlertSource.Alert alert = switch (status) {
            case "firing" -> new AlertSource.Alert.Firing(id, new Anomaly(time, signal, detector == null ? DEFAULT_DETECTOR : detector, target, service, score,
                    explanation == null ? "event " + id + " from " + (detector == null ? DEFAULT_DETECTOR : detector) : explanation));
            case "resolved" -> new AlertSource.Alert.Resolved(id, signal, target, time);
            default -> throw new IllegalArgumentException("status: '" + status + "' is neither firing nor resolved");
        };
        return new Event(id, alert);
    }

    private static Target target(JsonNode node) {
        if (!node.isObject()) throw new IllegalArgumentException("target: missing or not an object with kind, namespace, name");
        String kind = text(node, "kind", "target.kind");
        String name = text(node, "name", "target.name");
        Target.Kind k;
        try {
            k = Target.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target.kind: '" + kind + "' is not pod, deployment, service or node");
        }
        String namespace = k == Target.Kind.NODE ? null : node.path("namespace").isTextual() && !node.path("namespace").asText().isBlank()
                ? node.path("namespace").asText() : "default";
        return new Target(k, namespace, name);
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException(path + ": missing or not a string");
        return v.asText();
    }

    private static String optional(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) return null;
        if (!v.isTextual()) throw new IllegalArgumentException(field + ": expected a string");
        return v.asText();
    }

    private static long time(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an RFC 3339 time such as 2025-01-31T12:00:00Z");
        }
    }
}
