package dev.homeostat.remediation.diagnosis;

import dev.homeostat.remediation.model.Target;
import java.util.List;

/**
 * What an anomaly most likely comes from, in the order on-call engineers check (shared/HEALING.md): a change just
 * made, a crash loop, a slow or failing dependency (or one the network cuts off), one bad pod, one bad node; else unknown. The router acts on the
 * diagnosis — a rule matches its {@link #kind()} — and a page carries its {@link #summary()} and evidence.
 */
public sealed interface Diagnosis {
    /** The diagnosis' name as rules match it: {@code recent-change}, {@code crash-loop}, … */
    String kind();

    /** What the actions act on: the Deployment to roll back, the pod to restart, the node to drain, the service. */
    Target subject();

    /** The service ({@code ns/name}) whose problem this is; null when no service is known. */
    String service();

    /**
     * The subject's mean utilization (CPU over requests) when the diagnosis measured it — a saturated dependency or
     * service — else NaN: what {@code scale-up} sizes by.
     */
    default double utilization() { return Double.NaN; }

    /** Whether the subject is busy beyond the engine's saturation threshold. */
    default boolean saturated() { return false; }

    /**
     * Whether an incident of this diagnosis pages when its chain runs out; false where its page is another incident's
     * (a caller waiting on its dependency: the dependency's incident pages).
     */
    default boolean pagesItself() { return true; }

    /** One line for a human. */
    String summary();

    /** What led to it, one fact per line. */
    List<String> evidence();

    /** Every kind, for the policy's validation. */
    List<String> KINDS = List.of("recent-change", "crash-loop", "dependency", "symptom", "waiting", "unreachable", "saturation", "pod-local", "node-local", "unknown");

    /** A rollout (new image or config) of {@code subject} began shortly before the onset: roll it back first. */
    record RecentChange(Target subject, String service, int revision, long changedAt, List<String> evidence) implements Diagnosis {
        public String kind() { return "recent-change"; }

        public String summary() {
            return "recent change: revision " + revision + " of " + subject.ref() + " rolled out shortly before the onset";
        }
    }

    /** Pods of a revision that is not new crash-loop: restart them, or page with their last termination reason. */
    record CrashLoop(Target subject, String service, List<Target> pods, List<String> evidence) implements Diagnosis {
        public String kind() { return "crash-loop"; }

        public String summary() { return "crash loop: " + pods.size() + " pod(s) of " + subject.ref() + " back off restarting"; }
    }

    /**
     * This service is the slow or failing dependency of its callers: act on it — add capacity when it is saturated
     * ({@code saturated}), otherwise cut the callers' retries toward it or open the circuit. {@code utilization} is its
     * ready pods' mean CPU over requests (NaN when unknown), what an autoscaler sizes by. {@code lostPods} are its pods
     * that do not serve and are not merely starting (not ready past their start-up, crash-looping, or bound to no
     * node): where its failures come from lost pods, the callers' retries reach the pods still serving.
     */
    record Dependency(Target subject, String service, List<String> callers, boolean saturated, double utilization,
                      List<Target> lostPods, List<String> evidence) implements Diagnosis {
        public Dependency {
            lostPods = List.copyOf(lostPods);
        }

        public String kind() { return "dependency"; }

        public String summary() {
            return "failing dependency: " + subject.ref() + (saturated ? " is saturated" : " is slow or failing") + " under "
                    + callers.size() + " caller(s)";
        }
    }

    /** Its errors or latency come from a dependency it calls, which is anomalous: hold, and act on the dependency. */
    record Symptom(Target subject, String service, String dependency, List<String> evidence) implements Diagnosis {
        public String kind() { return "symptom"; }

        public String summary() { return "symptom: " + subject.ref() + " suffers from its dependency " + dependency; }
    }

    /**
     * A symptom of its slow dependency whose own workers are what now holds it back: its pods hold requests
     * {@code slowdown} times as long as before the episode while they wait on {@code dependency}, which is not busy
     * itself (its CPU below the saturation threshold) and so answers more calls at once if asked. By Little's law its
     * pods then hold that many times as many requests at once, and once their workers are all taken, requests queue and
     * time out in the caller though the dependency answers them all: more replicas of the caller (the Deployment
     * {@code subject}) bring workers back, while the dependency's own incident acts on and pages for the cause. Its
     * {@link #service()} is the dependency's: its actions and any page belong to that incident.
     */
    record Waiting(Target subject, String service, String caller, double slowdown, List<String> evidence) implements Diagnosis {
        public String kind() { return "waiting"; }

        @Override public boolean pagesItself() { return false; }

        public String summary() {
            return String.format(java.util.Locale.ROOT, "waiting: %s holds requests %.1f× as long, its workers waiting on its slow dependency %s",
                    caller, slowdown, service);
        }
    }

    /**
     * Its callers' calls to it fail in the network, not in its answers: the mesh counts {@code callers}' calls to it
     * failing while its own pods answer as before. The subject is the service (ns/name {@code service}); the anomalies
     * of its callers are diagnosed so, since it raises none of its own. {@code starved} are its pods that receive far
     * less traffic than their peers while its callers' calls fail — cut off from them: a restart gives the replacement
     * a new address and network namespace. Without any, the fault is on the edges themselves (a link, every pod
     * behind a delay), which no action in the cluster mends: a page names them — once the calls have failed for over a
     * minute ({@code lasting}: the minute before the last one failed too); before that it may be a pod lost with its
     * node, whose own signals come a little later. Its callers' retries toward it are what masks the loss, so none are cut.
     */
    record Unreachable(Target subject, String service, List<String> callers, List<Target> starved, boolean lasting,
                       List<String> evidence) implements Diagnosis {
        public Unreachable {
            callers = List.copyOf(callers);
            starved = List.copyOf(starved);
        }

        public String kind() { return "unreachable"; }

        public String summary() {
            return "unreachable: calls from " + callers + " to " + subject.ref() + " fail in the network"
                    + (starved.isEmpty() ? "" : "; " + starved.stream().map(Target::name).toList() + " receive(s) almost no traffic");
        }
    }

    /** Every pod of the service is busy (mean {@code utilization}, CPU over requests): its load exceeds its capacity. Add capacity. */
    record Saturation(Target subject, String service, double utilization, List<String> evidence) implements Diagnosis {
        public String kind() { return "saturation"; }

        public String summary() { return "saturation: " + subject.ref() + " runs out of capacity"; }

        @Override public boolean saturated() { return true; }
    }

    /** A few pods stand out from their peers (errors, latency, memory): restart those pods, not their peers. */
    record PodLocal(Target subject, String service, List<Target> pods, List<String> evidence) implements Diagnosis {
        public String kind() { return "pod-local"; }

        public String summary() {
            return "pod-local: " + pods.stream().map(Target::name).toList() + " stand(s) out from the other pods of " + service;
        }
    }

    /** Pods on one node degrade together, or the node is not ready: move them off it (cordon, evict, drain). */
    record NodeLocal(Target subject, String service, List<Target> pods, List<String> evidence) implements Diagnosis {
        public String kind() { return "node-local"; }

        public String summary() { return "node-local: pods on " + subject.name() + " degrade together"; }
    }

    /** None of the above: page once, with the evidence. */
    record Unknown(Target subject, String service, List<String> evidence) implements Diagnosis {
        public String kind() { return "unknown"; }

        public String summary() { return "unknown cause on " + subject.ref(); }
    }
}
