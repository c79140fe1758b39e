package dev.homeostat.remediation.live.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP answer: status, extra headers, content type and body. */
public record Reply(int code, Map<String, String> headers, String contentType, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Reply {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override public byte[] body() { return body.clone(); }

    public static Reply text(int code, String text) {
        return new Reply(code, Map.of(), "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply json(int code, String json) {
        return new Reply(code, Map.of(), "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"status":"error","reason":...}}, the shape every refusal of the engine's endpoints has. */
    public static Reply error(int code, String reason) {
        return json(code, JSON.createObjectNode().put("status", "error").put("reason", reason).toString());
    }

    /** The same reply with one more header. */
    public Reply with(String header, String value) {
        var h = new TreeMap<>(headers);
        h.put(header, value);
        return new Reply(code, h, contentType, body);
    }
}
