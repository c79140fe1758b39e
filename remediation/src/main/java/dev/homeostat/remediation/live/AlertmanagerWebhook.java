package dev.homeostat.remediation.live;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.remediation.live.http.Endpoint;
import dev.homeostat.remediation.live.http.HttpEndpoints;
import dev.homeostat.remediation.live.http.HttpLimits;
import dev.homeostat.remediation.live.http.Reply;
import dev.homeostat.remediation.live.http.RequestHead;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.slo.SloAlertRules;
import dev.homeostat.remediation.port.AlertSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Alertmanager's webhook receiver ({@code POST /alerts}, payload version 4) as an {@link AlertSource}.
 *
 * <p>Every post needs {@code Authorization: Bearer <token>} (401 otherwise; compared in constant
 * time). A body that is not JSON or lacks a field gets 400 naming the field; a body over
 * {@code maxBodyBytes} gets 413. Accepted alerts wait in a bounded queue until the engine loop
 * drains it. A post whose new alerts do not fit is refused as a whole with 503 and
 * {@code Retry-After} — Alertmanager retries it — so nothing is dropped silently; a replica that is
 * not the leader refuses the same way, so a retry reaches the leader. Re-sent alerts (same
 * fingerprint, status and startsAt: Alertmanager repeats firing alerts every group interval) are
 * folded into the first.
 */
public final class AlertmanagerWebhook implements AlertSource, Endpoint, AutoCloseable {
    public static final String PATH = "/alerts";
    /** The detector name external anomalies carry, so a rule can match them with {@code detector: alertmanager}. */
    public static final String DETECTOR = "alertmanager";
    /** A label that overrides {@code alertname} as the anomaly's signal (policy signal names use dashes, alert names rarely do). */
    public static final String SIGNAL_LABEL = "homeostat_signal";
    static final int RETRY_AFTER_SECONDS = 10;
    private static final int REMEMBERED_KEYS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(AlertmanagerWebhook.class.getName());

    /** Where and how the receiver listens; validated here. */
    public record Settings(InetSocketAddress listen, String token, int queueCapacity, int maxBodyBytes, HttpLimits limits) {
        public Settings(InetSocketAddress listen, String token, int queueCapacity, int maxBodyBytes) {
            this(listen, token, queueCapacity, maxBodyBytes, HttpLimits.DEFAULTS);
        }

        public Settings {
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(listen, "listen");
            if (token == null || token.strip().length() < 16) {
                throw new IllegalArgumentException("webhook token: shorter than 16 characters; generate one, e.g. 'openssl rand -hex 32'");
            }
            if (queueCapacity < 1) throw new IllegalArgumentException("webhook queueCapacity: " + queueCapacity + " must be at least 1");
            if (maxBodyBytes < 1024) throw new IllegalArgumentException("webhook maxBodyBytes: " + maxBodyBytes + " must be at least 1024");
        }
    }

    private final Settings settings;
    private final byte[] tokenDigest;
    private final Leadership leadership;
    private final LiveMetrics metrics;
    private final ArrayDeque<Alert> queue = new ArrayDeque<>();
    /** Keys of alerts already taken, oldest first; bounded so a long-running receiver does not grow. */
    private final LinkedHashMap<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) { return size() > REMEMBERED_KEYS; }
    };
    private HttpEndpoints server;

    public AlertmanagerWebhook(Settings settings, Leadership leadership, LiveMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokenDigest = sha256(settings.token());
        this.leadership = Objects.requireNonNull(leadership, "leadership");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Binds the address and starts serving; returns this. */
    public synchronized AlertmanagerWebhook start() throws IOException {
        if (server != null) throw new IllegalStateException("already started");
        server = HttpEndpoints.start("webhook", settings.listen(), this, settings.limits());
        LOG.log(System.Logger.Level.INFO, "Alertmanager webhook listening on port {0}{1}", String.valueOf(server.port()), PATH);
        return this;
    }

    /** The bound port (useful when {@code listen} asked for port 0). */
    public synchronized int port() {
        if (server == null) throw new IllegalStateException("not started");
        return server.port();
    }

    @Override public synchronized List<Alert> drain() {
        List<Alert> out = List.copyOf(queue);
        queue.clear();
        metrics.webhookQueue(0);
        return out;
    }

    /** Alerts waiting for the engine loop. */
    public synchronized int queued() { return queue.size(); }

    @Override public synchronized void close() {
        if (server != null) server.close();
        server = null;
    }

    /** Path, method, token and declared length are checked before a byte of the body is read. */
    @Override public Decision head(RequestHead head) {
        Reply refusal = refusal(head);
        if (refusal != null) return new Decision.Answer(counted(refusal));
        return new Decision.ReadBody(settings.maxBodyBytes(), counted(tooLarge(head.contentLength())));
    }

    @Override public Reply body(RequestHead head, byte[] body) {
        List<Alert> alerts;
        try {
            alerts = parse(body);
        } catch (IllegalArgumentException e) {
            return counted(Reply.error(400, e.getMessage()));
        }
        return counted(offer(alerts));
    }

    private Reply refusal(RequestHead head) {
        if (!head.path().equals(PATH)) return Reply.error(404, "no such path; Alertmanager posts to " + PATH);
        if (!head.method().equals("POST")) return Reply.error(405, "use POST").with("Allow", "POST");
        String problem = authProblem(head.header("Authorization"));
        if (problem != null) return Reply.error(401, problem).with("WWW-Authenticate", "Bearer realm=\"homeostat\"");
        return null;
    }

    private Reply tooLarge(long declared) {
        return Reply.error(413, "body" + (declared >= 0 ? " of " + declared + " bytes" : "") + " exceeds the limit of " + settings.maxBodyBytes()
                + " bytes; lower max_alerts in the Alertmanager webhook_config");
    }

    private Reply counted(Reply reply) {
        metrics.webhookRequest(reply.code());
        return reply.code() == 503 ? reply.with("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)) : reply;
    }

    /** Null when the header carries the token, otherwise why not. */
    private String authProblem(String header) {
        if (header == null) return "missing Authorization header; send 'Authorization: Bearer <token>' (http_config.authorization in Alertmanager)";
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) return "Authorization is not a Bearer token; send 'Authorization: Bearer <token>'";
        // Digests of equal length compared with MessageDigest.isEqual: the time taken says nothing about the token.
        if (!MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()))) return "wrong bearer token";
        return null;
    }

    /** Queues the new alerts all or none, so a refused post can be retried whole without losing or doubling any. */
    synchronized Reply offer(List<Alert> alerts) {
        var fresh = new ArrayList<Alert>();
        var keys = new ArrayList<String>();
        int duplicates = 0;
        int untargeted = 0;
        var batchKeys = new java.util.HashSet<String>();
        for (Alert alert : alerts) {
            if (alert == null) { untargeted++; continue; }
            String key = key(alert);
            if (seen.containsKey(key) || !batchKeys.add(key)) { duplicates++; continue; }
            fresh.add(alert);
            keys.add(key);
        }
        if (!fresh.isEmpty() && !leadership.isLeader()) {
            metrics.webhookAlerts("not-leader", fresh.size());
            return Reply.error(503, "this replica is not the leader; retry (the Service sends the retry to any replica)");
        }
        if (queue.size() + fresh.size() > settings.queueCapacity()) {
            metrics.webhookAlerts("queue-full", fresh.size());
            LOG.log(System.Logger.Level.WARNING, "webhook queue full ({0} of {1}); refused a post of {2} new alerts with 503",
                    queue.size(), settings.queueCapacity(), fresh.size());
            return Reply.error(503, "queue full (" + queue.size() + " of " + settings.queueCapacity() + " alerts waiting); retry after "
                    + RETRY_AFTER_SECONDS + " s");
        }
        queue.addAll(fresh);
        keys.forEach(k -> seen.put(k, Boolean.TRUE));
        metrics.webhookAlerts("queued", fresh.size());
        metrics.webhookAlerts("duplicate", duplicates);
        metrics.webhookAlerts("untargeted", untargeted);
        metrics.webhookQueue(queue.size());
        if (untargeted > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0} firing alerts name no pod, deployment, service or node label; counted, not routed", untargeted);
        }
        ObjectNode ok = JSON.createObjectNode().put("status", "success").put("queued", fresh.size())
                .put("duplicates", duplicates).put("untargeted", untargeted);
        return Reply.json(200, ok.toString());
    }

    private static String key(Alert alert) {
        return switch (alert) {
            case Alert.Firing f -> f.fingerprint() + "|firing|" + f.anomaly().timeMillis();
            case Alert.Resolved r -> r.fingerprint() + "|resolved|" + r.endsAtMillis();
            case Alert.TeamPage p -> p.fingerprint() + "|team-page|" + p.firing() + "|" + p.atMillis();
        };
    }

    /**
     * The alerts of a version-4 payload; null entries stand for firing alerts that name no target.
     * Throws IllegalArgumentException naming the field that is wrong.
     */
    static List<Alert> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + JsonReason.of(e));
        } catch (IOException e) {
            throw new IllegalArgumentException("body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("body: expected a JSON object (Alertmanager webhook payload, version 4)");
        JsonNode version = root.path("version");
        if (!version.isMissingNode() && !version.asText().equals("4")) {
            throw new IllegalArgumentException("version: '" + version.asText() + "' is not supported; this receiver reads version 4");
        }
        text(root, "status", "status");
        JsonNode list = root.path("alerts");
        if (!list.isArray()) throw new IllegalArgumentException("alerts: missing or not a list");
        var out = new ArrayList<Alert>();
        for (int i = 0; i < list.size(); i++) out.add(alert(list.get(i), "alerts[" + i + "]"));
        return out;
    }

    private static Alert alert(JsonNode node, String path) {
        if (!node.isObject()) throw new IllegalArgumentException(path + ": expected an object");
        String status = text(node, "status", path + ".status");
        String fingerprint = text(node, "fingerprint", path + ".fingerprint");
        JsonNode labelsNode = node.path("labels");
        if (!labelsNode.isObject()) throw new IllegalArgumentException(path + ".labels: missing or not an object");
        var labels = new TreeMap<String, String>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields(); it.hasNext(); ) {
            var e = it.next();
            labels.put(e.getKey(), e.getValue().asText());
        }
        String alertname = labels.get("alertname");
        if (alertname == null || alertname.isBlank()) throw new IllegalArgumentException(path + ".labels.alertname: missing");
        String signal = labels.getOrDefault(SIGNAL_LABEL, alertname);
        long startsAt = time(node, "startsAt", path + ".startsAt");
        // the team's own burn-rate page, routed here too: what a human already has, not a signal to act on
        if (alertname.equals(SloAlertRules.ALERT) && !labels.containsKey(SIGNAL_LABEL) && present(labels, "service")) {
            if (!status.equals("firing") && !status.equals("resolved"))
                throw new IllegalArgumentException(path + ".status: '" + status + "' is neither firing nor resolved");
            boolean firing = status.equals("firing");
            JsonNode ends = node.path("endsAt");
            long at = firing || !ends.isTextual() ? startsAt : time(node, "endsAt", path + ".endsAt");
            return new Alert.TeamPage(fingerprint, "service/" + labels.getOrDefault("namespace", "default") + "/" + labels.get("service"), firing, at);
        }
        Target target = target(labels);
        return switch (status) {
            case "resolved" -> {
                JsonNode ends = node.path("endsAt");
                long endsAt = ends.isTextual() ? time(node, "endsAt", path + ".endsAt") : startsAt;
                yield new Alert.Resolved(fingerprint, signal, target, endsAt);
            }
            case "firing" -> {
                if (target == null) yield null;
                JsonNode annotations = node.path("annotations");
                String explanation = annotations.path("summary").asText(annotations.path("description").asText("alert " + alertname + " firing"));
                yield new Alert.Firing(fingerprint, new Anomaly(startsAt, signal, DETECTOR, target, labels.get("service"), 1.0, explanation));
            }
            default -> throw new IllegalArgumentException(path + ".status: '" + status + "' is neither firing nor resolved");
        };
    }

    /** The alert's target from its labels: pod, then deployment, then service, then node; null when none. */
    static Target target(Map<String, String> labels) {
        String namespace = labels.getOrDefault("namespace", "default");
        if (present(labels, "pod")) return new Target(Target.Kind.POD, namespace, labels.get("pod"));
        if (present(labels, "deployment")) return new Target(Target.Kind.DEPLOYMENT, namespace, labels.get("deployment"));
        if (present(labels, "service")) return new Target(Target.Kind.SERVICE, namespace, labels.get("service"));
        if (present(labels, "node")) return new Target(Target.Kind.NODE, null, labels.get("node"));
        return null;
    }

    private static boolean present(Map<String, String> labels, String key) {
        String v = labels.get(key);
        return v != null && !v.isBlank();
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException(path + ": missing or not a string");
        return v.asText();
    }

    private static long time(JsonNode node, String field, String path) {
        String text = text(node, field, path);
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + ": '" + text + "' is not an RFC 3339 time such as 2025-01-31T12:00:00Z");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
