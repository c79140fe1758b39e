package dev.homeostat.simulator.cluster;

import java.util.Map;

/**
 * A read-only snapshot of one pod. {@code phase} as Kubernetes: Pending, Running, Terminating. {@code revision} is the
 * Deployment revision its template had when the pod was created; {@code waitingReason} why its container waits
 * ({@code CrashLoopBackOff}), null while it runs or is being created. {@code startedAtMillis} is when its running
 * container started (-1: none runs), {@code readyAtMillis} when that container first turned Ready (-1: it has not,
 * yet), {@code startupBudgetMillis} how long the kubelet lets a container start before its startup (else liveness)
 * probe kills it.
 */
public record PodView(String namespace, String name, String deployment, String node, String phase, boolean ready,
                      int restarts, long startedAtMillis, Map<String, String> labels, int revision, String waitingReason,
                      long readyAtMillis, long startupBudgetMillis) { }
