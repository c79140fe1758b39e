package dev.homeostat.remediation.live.http;

/**
 * One HTTP endpoint of the engine, served by {@link HttpEndpoints}. It first sees the request's head only
 * (method, path, headers, declared length) and either answers at once — 401, 404, 405, a probe, a GET — or asks for
 * the body, naming the most bytes it takes. The server then reads the body (without holding a thread while the
 * client is slow), answers 413 itself when the body is longer, and hands the bytes to {@link #body}.
 */
public interface Endpoint {
    /** The answer from the head alone, or {@link Decision.ReadBody} to be called again with the body. */
    Decision head(RequestHead head);

    /** The answer once the body has been read (never called for a body over the limit {@link #head} named). */
    default Reply body(RequestHead head, byte[] body) {
        return Reply.text(500, "endpoint asked for a body it does not read\n");
    }

    /** What {@link #head} decides. */
    sealed interface Decision {
        /** Answer now; the body, if any, is not read. */
        record Answer(Reply reply) implements Decision { }

        /** Read the body, at most {@code maxBytes}, then call {@link Endpoint#body}; longer gets 413 with {@code tooLarge}. */
        record ReadBody(int maxBytes, Reply tooLarge) implements Decision {
            public ReadBody {
                if (maxBytes < 0) throw new IllegalArgumentException("maxBytes: " + maxBytes + " < 0");
            }
        }
    }
}
