package dev.homeostat.remediation.live.http;

import java.util.Locale;
import java.util.Map;

/**
 * A request before its body: method, path, the headers (names in lower case), the client's address and the
 * declared {@code Content-Length} (-1 when the body is chunked or absent).
 */
public record RequestHead(String method, String path, Map<String, String> headers, String client, long contentLength) {
    public RequestHead {
        headers = Map.copyOf(headers);
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
