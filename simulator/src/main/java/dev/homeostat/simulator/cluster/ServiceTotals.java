package dev.homeostat.simulator.cluster;

/** A Service's SLO counters since the run began: requests, failed ones, and ones slower than its latency objective. */
public record ServiceTotals(double requests, double errors, double slow) { }
