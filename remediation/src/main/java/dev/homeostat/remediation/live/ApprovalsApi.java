package dev.homeostat.remediation.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.remediation.live.http.Reply;
import dev.homeostat.remediation.live.http.RequestHead;
import dev.homeostat.remediation.router.PendingApproval;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code GET /approvals} lists the pending approvals (JSON array); {@code POST
 * /approvals/{id}/approve} and {@code POST /approvals/{id}/reject} decide one. Every request needs
 * {@code Authorization: Bearer <token>}, the webhook's token (401 otherwise); an unknown or already
 * decided id is 404, a verb other than approve/reject 400. A decision takes effect at the engine's
 * next tick.
 */
final class ApprovalsApi {
    static final String PATH = "/approvals";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApprovalDesk desk;
    private final byte[] tokenDigest;

    ApprovalsApi(ApprovalDesk desk, String token) {
        this.desk = Objects.requireNonNull(desk, "desk");
        if (token == null || token.isBlank()) throw new IllegalArgumentException("approvals API: a bearer token is required (spec.webhook.tokenFile or tokenEnv)");
        this.tokenDigest = sha256(token.strip());
    }

    static boolean handles(String path) { return path.equals(PATH) || path.startsWith(PATH + "/"); }

    /** The answer to a request under {@link #PATH}; decisions carry no body, so none is read. */
    Reply reply(RequestHead head) {
        String problem = authProblem(head.header("Authorization"));
        if (problem != null) return Reply.error(401, problem).with("WWW-Authenticate", "Bearer realm=\"homeostat\"");
        String path = head.path();
        String method = head.method();
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            if (!method.equals("GET")) return Reply.error(405, "use GET " + PATH + " to list, POST " + PATH + "/{id}/approve|reject to decide");
            ArrayNode list = JSON.createArrayNode();
            for (PendingApproval a : desk.pending()) list.add(json(a));
            return Reply.json(200, list.toString());
        }
        String[] parts = path.substring(PATH.length() + 1).split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty()) return Reply.error(404, "no such path; use " + PATH + " or " + PATH + "/{id}/approve|reject");
        if (!method.equals("POST")) return Reply.error(405, "use POST " + PATH + "/{id}/approve|reject");
        String id = parts[0];
        String verb = parts[1];
        if (!verb.equals("approve") && !verb.equals("reject")) return Reply.error(400, "unknown verb '" + verb + "'; use approve or reject");
        boolean known = verb.equals("approve") ? desk.approve(id) : desk.reject(id);
        if (!known) return Reply.error(404, "no pending approval '" + id + "' (decided, expired, or never asked); GET " + PATH + " lists them");
        ObjectNode ok = JSON.createObjectNode().put("status", "ok").put("id", id).put("decision", verb + "d")
                .put("note", "takes effect at the engine's next evaluation");
        return Reply.json(200, ok.toString());
    }

    private static ObjectNode json(PendingApproval a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.id()).put("rule", a.rule()).put("service", a.service()).put("action", a.action().kind())
                .put("target", a.action().target().ref()).put("requestedAt", Instant.ofEpochMilli(a.requestedAtMillis()).toString())
                .put("expiresAt", Instant.ofEpochMilli(a.expiresAtMillis()).toString());
        return n;
    }

    /** Null when the header carries the token, otherwise why not. */
    private String authProblem(String header) {
        if (header == null) return "missing Authorization header; send 'Authorization: Bearer <token>' (the webhook's token)";
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) return "Authorization is not a Bearer token; send 'Authorization: Bearer <token>'";
        // Digests of equal length compared with MessageDigest.isEqual: the time taken says nothing about the token.
        if (!MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()))) return "wrong bearer token";
        return null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
