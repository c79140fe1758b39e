package dev.homeostat.remediation.router;

import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.remediation.remediator.Decision;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Restarting a crash-looping pod helps when what broke it lives in that pod (a corrupted cache, a stale lock file, a
 * fault injected into it). When a pod of the same Deployment created since such a restart — its replacement, a pod
 * that did not exist when the engine restarted — crash-loops within {@link #WINDOW}, the cause is in the Deployment's
 * spec or its environment (a liveness probe shorter than its start-up, a missing secret, a dependency it cannot reach
 * at start): another restart only resets Kubernetes' back-off and hides the restart count. The engine then holds the
 * restart and its chain moves on to its page, as an on-call engineer stops restarting and reads the container's last
 * termination reason. A sibling that was already there is restarted as before: its crash loop may have the cause the
 * first one had, in the pod.
 */
final class CrashLoopRestarts {
    /** How long a restart for a crash loop is remembered: Kubernetes' back-off reaches its 5-minute cap well within it. */
    static final Duration WINDOW = Duration.ofMinutes(30);

    /** A restart for a crash loop: when, and the Deployment's pods then. */
    private record Restart(long at, Set<String> podsThen) { }

    /** The engine's last restart of a crash-looping pod, by its Deployment ({@code ns/name}). */
    private final Map<String, Restart> restarts = new TreeMap<>();

    /** The engine restarted a pod for {@code incident}: remembered when the incident is a crash loop. */
    void restarted(Incident incident, long now) {
        restarts.values().removeIf(r -> now - r.at() >= WINDOW.toMillis());
        if (incident.diagnosis instanceof Diagnosis.CrashLoop && incident.restartingFor != null) {
            restarts.put(incident.restartingFor, new Restart(now, incident.restartingPods));
        }
    }

    /**
     * {@code proposed} as it stands, or a skip when it restarts a crash-looping pod created since the engine restarted a
     * crash-looping pod of its Deployment, within {@link #WINDOW}.
     */
    Decision check(Incident incident, Decision proposed, TickPods pods, long now) {
        if (!(incident.diagnosis instanceof Diagnosis.CrashLoop) || !(proposed instanceof Decision.Act act)
                || !(act.action() instanceof ClusterAction.RestartPod restart)) return proposed;
        PodInfo pod = pods.pod(restart.target().namespace(), restart.target().name());
        if (pod == null || pod.deployment() == null) return proposed;
        String deployment = pod.namespace() + "/" + pod.deployment();
        Restart last = restarts.get(deployment);
        if (last == null || now - last.at() >= WINDOW.toMillis() || last.podsThen().contains(pod.name())) {
            // read now: the restart deletes the pod
            incident.restartingFor = deployment;
            incident.restartingPods = new TreeSet<>();
            for (PodInfo p : pods.podsOf(pod.namespace(), pod.deployment())) incident.restartingPods.add(p.name());
            return proposed;
        }
        return new Decision.Skip(restart, "pod " + pod.namespace() + "/" + pod.name() + " of deployment " + deployment + " crash-loops"
                + " though it started after the engine restarted a crash-looping pod of it " + (now - last.at()) / 1000
                + " s ago: a restart does not help, its cause is in its spec or its environment (read the container's last"
                + " termination reason)");
    }
}
