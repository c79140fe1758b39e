package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A StatusCheck template's {@code statusCheck} ({@code statuscheck_types.go}): an HTTP check repeated every
 * {@code intervalSeconds}; {@code failureThreshold} consecutive failures fail it, {@code successThreshold} successes
 * pass it (Synchronous mode ends then; Continuous runs until failure or its deadline).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusCheckSpec(String mode, String type, String duration, Integer timeoutSeconds, Integer intervalSeconds,
                              Integer failureThreshold, Integer successThreshold, Integer recordsHistoryLimit, Http http) {
    /** Chaos Mesh's defaults when a field is absent. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 1, DEFAULT_INTERVAL_SECONDS = 10, DEFAULT_FAILURE_THRESHOLD = 3, DEFAULT_SUCCESS_THRESHOLD = 1;

    /** The HTTP request and what counts as success. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Http(String url, String method, Map<String, List<String>> headers, String body, Criteria criteria) { }

    /** {@code statusCode}: a code such as {@code 200} or an inclusive range such as {@code 200-399}. */
    public record Criteria(String statusCode) { }
}
