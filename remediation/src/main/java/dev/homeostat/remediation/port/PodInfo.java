package dev.homeostat.remediation.port;

/** A pod as the engine sees it; {@code deployment} is null for pods no Deployment owns. */
public record PodInfo(String namespace, String name, String deployment, String node, boolean ready, int restarts,
                      long startedAtMillis) { }
