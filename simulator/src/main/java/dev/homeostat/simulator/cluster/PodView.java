package dev.homeostat.simulator.cluster;

import java.util.Map;

/** A read-only snapshot of one pod. {@code phase} as Kubernetes: Pending, Running, Terminating. */
public record PodView(String namespace, String name, String deployment, String node, String phase, boolean ready,
                      int restarts, long startedAtMillis, Map<String, String> labels) { }
