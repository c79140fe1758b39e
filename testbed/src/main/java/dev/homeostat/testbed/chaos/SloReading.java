package dev.homeostat.testbed.chaos;

/**
 * The latest value of the SLO query for one service: {@code service} is a journal reference
 * ({@code service/<namespace>/<name>}), {@code errorRatio} the fraction of failed requests.
 */
public record SloReading(String service, double errorRatio) {
    public SloReading {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("service: required");
    }
}
