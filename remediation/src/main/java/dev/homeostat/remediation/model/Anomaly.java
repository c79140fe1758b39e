package dev.homeostat.remediation.model;

/**
 * A detector's finding: at {@code timeMillis}, {@code signal} of {@code target} looked abnormal
 * to {@code detector} with {@code score}; {@code service} is the service the target backs (may be null).
 */
public record Anomaly(long timeMillis, String signal, String detector, Target target, String service, double score,
                      String explanation) { }
