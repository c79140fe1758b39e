package dev.homeostat.remediation.port;

/** A node as the engine sees it: whether its Ready condition holds and whether it is cordoned. */
public record NodeInfo(String name, boolean ready, boolean unschedulable) { }
