package dev.homeostat.remediation;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Match;
import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The measures the engine keeps in force — a node it cordoned or drained, the callers of a service whose retries it
 * cut, a circuit it opened, replicas it added — and when each is lifted. Kubernetes undoes none of them by itself, so without a lift a
 * node lost for twenty minutes stays out of the cluster after it is back, and the pods that waited for room wait on.
 *
 * <p>Each measure is a small state machine: {@code IN_FORCE} → {@code CLEARING} (what prompted it is clear, since a
 * time) → lifted after {@code liftAfter}; {@code CLEARING} → {@code IN_FORCE} when the cause returns. Clear means:
 * <ul>
 *   <li>a scale-up: its service and Deployment have no anomaly within the lookback and no remediation in flight, and
 *       its pods' mean utilization (CPU over requests) would stay at or below the rule's {@code targetUtilization}
 *       (0.6 without one) on the replicas it had before the engine first scaled it — the HPA's own scale-down test,
 *       held for at least 30 minutes: without it every scale-up the
 *       engine takes stays, and a Deployment that had 4 replicas ends the month with 20. The lift scales it back to
 *       those replicas. A Deployment an HPA targets is not held: its HPA takes the step back itself; one whose replicas
 *       someone set since is theirs, and is dropped without a lift; without the utilization series the engine cannot
 *       tell that the load has gone, and keeps the replicas. Its replicas no node has room for — pods that have waited
 *       unscheduled for two minutes — are taken back at once, down to its base at most: they serve nothing and
 *       alert as pods that do not start;</li>
 *   <li>a cordon: its node was lost (NotReady) after the engine cordoned it, or when, and is Ready again — Kubernetes'
 *       own verdict that the node is back, on which a Node Healthcheck operator uncordons a remediated node — lifted
 *       after {@code liftAfter}, or at once while pods wait unscheduled for room. A node
 *       cordoned while it stayed Ready (a noisy neighbour, a slow disk) stays cordoned: nothing the engine reads says
 *       that cause has gone, and the page that went with the drain asks a human;</li>
 *   <li>a retry cut or an open circuit: its service has no anomaly within the lookback and no remediation in flight.
 *       An open circuit's service gets no traffic, so for it this is a half-open after a quiet spell: if it fails
 *       again once traffic returns, the engine opens the circuit again.</li>
 * </ul>
 * A node someone else had cordoned before the engine's drain is not the engine's to uncordon, and a measure undone by
 * someone else (the node uncordoned by hand) is dropped without a lift.
 */
final class Measures {
    private enum State { IN_FORCE, CLEARING }

    /** One measure in force: the action that put it there, the rule and service it was taken for. */
    static final class Measure {
        final ClusterAction action;
        final Rule rule;
        final String service;
        private State state = State.IN_FORCE;
        private long clearSince;
        /** A cordon's node was seen NotReady since the cordon. */
        private boolean nodeLost;
        /** A scale-up's replicas before the engine first scaled the Deployment; -1 for other measures. */
        private final int base;
        /** Since when some of a scale-up's pods wait unscheduled; -1 while none does. */
        private long unscheduledSince = -1;
        /** The replicas a scale-up is trimmed to, its pods no node has room for taken back; -1: lifted whole. */
        private int trimTo = -1;
        /** How many of its pods waited unscheduled, and for how long (ms), when it was found due to be trimmed. */
        private int waited;
        private long waitedMillis;

        private Measure(ClusterAction action, Rule rule, String service, int base) {
            this.action = action;
            this.rule = rule;
            this.service = service;
            this.base = base;
        }

        /** The action that lifts this measure: a scale-up's scales the Deployment back to its replicas before the engine's first. */
        ClusterAction.Lift lift() {
            if (trimTo >= 0 && action instanceof ClusterAction.ScaleDeployment s) return new ClusterAction.Lift(
                    new ClusterAction.ScaleDeployment(s.target(), trimTo), "taking back the replicas no node has room for: " + waited
                    + " of its pods waited unscheduled for " + waitedMillis / 1000 + " s");
            return new ClusterAction.Lift(action instanceof ClusterAction.ScaleDeployment s
                    ? new ClusterAction.ScaleDeployment(s.target(), base) : action);
        }
    }

    /** Whether a Deployment scaled from {@code base} replicas would serve its load at or below {@code target} utilization there. */
    @FunctionalInterface
    interface Fit {
        boolean at(DeploymentInfo deployment, int base, double target);
    }

    /**
     * How long a scale-up's service must stay quiet, and its load low, before it is lifted: longer than the HPA's
     * default scale-down window (5 minutes), which judges load, not incidents. An incident that recurs within it — a
     * leak's next round, a retry storm's second wave — finds the replicas still there (with 5 minutes, a recurring
     * leak of the tune split cost 48 % more downtime); 30 minutes is the longest short window of the SRE workbook's page
     * alerts, the time the engine's own page holds the team's.
     */
    static final long SCALE_DOWN_STABILIZATION_MILLIS = 30 * 60_000;
    /** The utilization a scale-up is lifted below when its rule sets no {@code targetUtilization}: the default policy's. */
    static final double DEFAULT_TARGET_UTILIZATION = 0.6;

    /** The name of the rule a measure taken by an earlier engine is held and lifted under. */
    static final String ADOPTED = "measures-in-force";
    /** The action kinds that leave a measure in force. */
    private static final Set<String> MEASURE_KINDS = Set.of("cordon-node", "drain-node", "limit-retries", "circuit-break", "scale-up");

    private final ClusterView cluster;
    private final long liftAfterMillis;
    /** By what the measure holds: {@code cordon node/x}, {@code limit-retries service/ns/s}, {@code circuit-break service/ns/s}. */
    private final Map<String, Measure> inForce = new TreeMap<>();

    /** The rule adopted measures are lifted under: in {@code auto} mode where some auto rule of the policy takes such measures, else {@code observe}. */
    private final Rule adopted;

    Measures(ClusterView cluster, Policy policy) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.liftAfterMillis = policy.liftAfter().toMillis();
        boolean acts = policy.rules().stream().anyMatch(r -> r.mode() == Mode.AUTO && r.actions().stream().anyMatch(MEASURE_KINDS::contains));
        this.adopted = new Rule(ADOPTED, new Match(List.of(), null, null, List.of()), List.of("lift"), Duration.ofMinutes(1),
                acts ? Mode.AUTO : Mode.OBSERVE);
    }

    /** Whether {@code action} would put a measure in force that is someone else's: a node cordoned before the engine came. */
    boolean someoneElses(ClusterAction action) {
        if (!isCordon(action) || inForce.containsKey(key(action))) return false;
        return node(action.target().name()).map(NodeInfo::unschedulable).orElse(false);
    }

    /**
     * The engine ran {@code action}: if it is a measure to lift later and it took hold, it is in force from now. A
     * drain refused part-way (a pod its budget kept) has still cordoned the node: the node says so.
     */
    void taken(ClusterAction action, Rule rule, String service, boolean applied, DeploymentInfo before) {
        if (action instanceof ClusterAction.ScaleDeployment s) {
            scaled(s, rule, service, applied, before);
            return;
        }
        if (!ClusterAction.liftable(action)) return;
        Optional<NodeInfo> node = isCordon(action) ? node(action.target().name()) : Optional.empty();
        if (!applied && !node.map(NodeInfo::unschedulable).orElse(false)) return;
        Measure m = inForce.computeIfAbsent(key(action), k -> new Measure(action, rule, service, -1));
        if (node.isPresent() && !node.get().ready()) m.nodeLost = true;
    }

    /**
     * A scale-up to {@code s.replicas()} from the Deployment as it was ({@code before}): in force from now with the
     * replicas before the engine's first scale-up as its base, the step above it the latest one. One an HPA owns is
     * not held (the HPA takes it back itself), nor one that added nothing.
     */
    private void scaled(ClusterAction.ScaleDeployment s, Rule rule, String service, boolean applied, DeploymentInfo before) {
        if (!applied || before == null || before.hpa() != null) return;
        Measure held = inForce.get(key(s));
        int base = held != null ? held.base : before.replicas();
        if (s.replicas() <= base) return;
        Measure m = new Measure(s, rule, service, base);
        inForce.put(key(s), m);
    }

    /**
     * A measure an earlier engine took and left in force (the view read its mark): held from now under the rule
     * {@link #ADOPTED}, which acts only where this engine's own policy would take such measures (a policy that only
     * observes journals what it would lift, once, and leaves it). A cordon whose node is NotReady now counts as lost; one whose node is Ready cannot be told from
     * a noisy neighbour's and stays for a human, as it would have under the engine that took it.
     */
    void adopt(ClusterAction action, String service) {
        if (!ClusterAction.liftable(action) || action instanceof ClusterAction.ScaleDeployment) return; // added replicas carry no mark
        Measure m = inForce.computeIfAbsent(key(action), k -> new Measure(action, adopted, service, -1));
        if (isCordon(action)) node(action.target().name()).filter(n -> !n.ready()).ifPresent(n -> m.nodeLost = true);
    }

    /** Moves every measure on by what the engine sees now; returns those due to be lifted, in key order. */
    List<Measure> due(long now, Predicate<String> anomalous, Fit fit) {
        if (inForce.isEmpty()) return List.of();
        Map<String, NodeInfo> nodes = new HashMap<>();
        boolean anyNode = inForce.values().stream().anyMatch(m -> isCordon(m.action));
        if (anyNode) for (NodeInfo n : cluster.nodes()) nodes.put(n.name(), n);
        List<Measure> due = new ArrayList<>();
        Boolean waiting = null; // asked once, and only of a cordon whose node is back
        for (var it = inForce.values().iterator(); it.hasNext(); ) {
            Measure m = it.next();
            if (m.action instanceof ClusterAction.ScaleDeployment s && unscheduled(m, s, now)) {
                due.add(m);
                continue;
            }
            Boolean clear = switch (m.action) {
                case ClusterAction.CordonNode c -> nodeBack(m, nodes.get(c.target().name()));
                case ClusterAction.DrainNode d -> nodeBack(m, nodes.get(d.target().name()));
                case ClusterAction.ScaleDeployment s -> loadGone(m, s, anomalous, fit);
                default -> !anomalous.test(m.action.target().ref());
            };
            if (clear == null) {
                it.remove(); // undone by someone else, or gone
                continue;
            }
            if (!clear) {
                m.state = State.IN_FORCE;
            } else if (m.state == State.IN_FORCE) {
                m.state = State.CLEARING;
                m.clearSince = now;
            }
            if (m.state != State.CLEARING) continue;
            long wait = m.action instanceof ClusterAction.ScaleDeployment ? Math.max(liftAfterMillis, SCALE_DOWN_STABILIZATION_MILLIS) : liftAfterMillis;
            if (now - m.clearSince >= wait) due.add(m);
            else if (isCordon(m.action) && (waiting != null ? waiting : (waiting = waitingForRoom()))) due.add(m);
        }
        return due;
    }

    /**
     * Whether some pod waits unscheduled, for room: then a lost node that is Ready again is uncordoned at once, not after
     * {@code liftAfter} — the wait guards against a flapping node, and costs every waiting pod's service its length.
     */
    private boolean waitingForRoom() {
        for (PodInfo p : cluster.pods()) if (p.unscheduled()) return true;
        return false;
    }

    /**
     * The lift of {@code m} was applied or refused for good: the measure is no longer the engine's to hold, or, trimmed
     * above its base, holds the replicas left.
     */
    void done(Measure m) {
        if (m.trimTo > m.base && m.action instanceof ClusterAction.ScaleDeployment s) {
            inForce.put(key(m.action), new Measure(new ClusterAction.ScaleDeployment(s.target(), m.trimTo), m.rule, m.service, m.base));
        } else {
            inForce.remove(key(m.action));
        }
    }

    /**
     * How long a scale-up's pods may wait unscheduled before the replicas no node has room for are taken back: a
     * verification's length. They serve nothing, and the pods that do not start alert as not ready and short of
     * replicas — an incident of the engine's own making, paged once its cause has gone.
     */
    static final long UNSCHEDULED_MILLIS = 2 * 60_000;

    /**
     * Whether the scale-up is due to be trimmed: some of its Deployment's pods have waited unscheduled for
     * {@link #UNSCHEDULED_MILLIS}; it is then trimmed by as many, never below its base.
     */
    private boolean unscheduled(Measure m, ClusterAction.ScaleDeployment s, long now) {
        Target t = s.target();
        int waiting = 0;
        for (PodInfo p : cluster.podsOf(t.namespace(), t.name())) if (p.unscheduled() && !p.terminating()) waiting++;
        if (waiting == 0 || s.replicas() <= m.base) {
            m.unscheduledSince = -1;
            return false;
        }
        if (m.unscheduledSince < 0) m.unscheduledSince = now;
        if (now - m.unscheduledSince < UNSCHEDULED_MILLIS) return false;
        m.trimTo = Math.max(m.base, s.replicas() - waiting);
        m.waited = waiting;
        m.waitedMillis = now - m.unscheduledSince;
        return true;
    }

    /** How many measures are in force. */
    int size() { return inForce.size(); }

    /** Whether a cordon's node is back (true), still out or never lost (false), or no longer cordoned or gone (null). */
    private static Boolean nodeBack(Measure m, NodeInfo node) {
        if (node == null || !node.unschedulable()) return null;
        if (!node.ready()) m.nodeLost = true;
        return m.nodeLost && node.ready();
    }

    /**
     * Whether a scale-up's load has gone (true), not yet (false), or the Deployment is gone or someone set its
     * replicas since the engine did (null).
     */
    private Boolean loadGone(Measure m, ClusterAction.ScaleDeployment s, Predicate<String> anomalous, Fit fit) {
        Target t = s.target();
        DeploymentInfo d = cluster.deployment(t.namespace(), t.name()).orElse(null);
        if (d == null || d.replicas() != s.replicas() || d.hpa() != null) return null;
        if (anomalous.test(t.ref()) || (m.service != null && anomalous.test(m.service))) return false;
        double target = m.rule != null && m.rule.scaling().targetUtilization() > 0
                ? m.rule.scaling().targetUtilization() : DEFAULT_TARGET_UTILIZATION;
        return fit.at(d, m.base, target);
    }

    private Optional<NodeInfo> node(String name) {
        for (NodeInfo n : cluster.nodes()) if (n.name().equals(name)) return Optional.of(n);
        return Optional.empty();
    }

    private static boolean isCordon(ClusterAction a) {
        return a instanceof ClusterAction.CordonNode || a instanceof ClusterAction.DrainNode;
    }

    private static String key(ClusterAction a) {
        Target t = a.target();
        return (isCordon(a) ? "cordon" : a.kind()) + " " + t.ref();
    }
}
