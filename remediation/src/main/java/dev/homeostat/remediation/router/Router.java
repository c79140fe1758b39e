package dev.homeostat.remediation.router;

import dev.homeostat.remediation.guard.ModeGuard;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.port.EngineListener;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.remediation.remediator.Decision;
import dev.homeostat.remediation.remediator.RemediationRequest;
import dev.homeostat.remediation.remediator.RemediatorRegistry;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Anomalies → incidents → actions. The first rule whose match fits an anomaly owns it. One
 * incident per target: anomalies on a target whose remediation is in flight join it (and, when
 * from the same rule, count as evidence that it still alerts), as do anomalies of the pods that
 * replaced a restarted pod. Each incident walks its rule's action chain (see {@link Phase}).
 */
public final class Router {
    private final Policy policy;
    private final ActionGate gate;
    private final EngineListener listener;
    /** In flight, by the ref of the target that opened them: iteration in sorted order keeps runs deterministic. */
    private final Map<String, Incident> inFlight = new TreeMap<>();
    private final ArrayDeque<Anomaly> recent = new ArrayDeque<>();
    private long nextId = 1;

    public Router(Policy policy, ActionGate gate, EngineListener listener) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * One evaluation at {@code now}: routes {@code anomalies} (already journaled, in a deterministic
     * order), then moves every incident in flight along (retries, verification, escalation).
     * {@code pods} is the cluster as it is now.
     */
    public void onTick(long now, List<Anomaly> anomalies, List<PodInfo> pods) {
        remember(now, anomalies);
        for (Anomaly anomaly : anomalies) {
            Optional<Rule> rule = policy.ruleFor(anomaly);
            if (rule.isEmpty()) continue;
            Incident joined = find(anomaly, rule.get(), pods);
            if (joined != null) {
                if (joined.rule.equals(rule.get())) joined.evidence(anomaly);
                continue;
            }
            var incident = new Incident(nextId++, rule.get(), anomaly, deploymentOf(anomaly.target(), pods), now);
            inFlight.put(incident.subject.ref(), incident);
            attempt(incident, now, pods);
        }
        for (Incident incident : List.copyOf(inFlight.values())) {
            if (!incident.phase.terminal()) step(incident, now, pods);
        }
        inFlight.values().removeIf(i -> i.phase.terminal());
    }

    /** Incidents in flight, sorted by the target that opened them. */
    public List<IncidentView> incidents() {
        return inFlight.values().stream().map(Incident::view).toList();
    }

    private void step(Incident incident, long now, List<PodInfo> pods) {
        switch (incident.phase) {
            case ATTEMPTING -> {
                if (now >= incident.deadline) {
                    // held back by guards for a whole verifyAfter: if it still alerts, try the next action
                    if (stillAlerting(incident, incident.stepStartedAt, now)) next(incident, now, pods);
                    else incident.moveTo(Phase.RESOLVED);
                } else if (incident.lastAttemptAt < now) {
                    attempt(incident, now, pods);
                }
            }
            case VERIFYING -> {
                if (now >= incident.deadline) {
                    if (stillAlerting(incident, incident.lastActionAt, now)) next(incident, now, pods);
                    else incident.moveTo(Phase.RESOLVED);
                }
            }
            case RESOLVED, ESCALATED, SUPPRESSED -> { }
        }
    }

    /**
     * Verification asks "is it still abnormal now?", not "was it abnormal at some point since": an
     * anomaly that cleared before the deadline (Kubernetes or the action fixed it) must not escalate.
     * "Now" is the last two evaluations, so one quiet tick in a sustained problem does not hide it.
     */
    private boolean stillAlerting(Incident incident, long since, long now) {
        long recent = now - 2 * policy.evaluationInterval().toMillis();
        return incident.alertedSince(Math.max(since, recent));
    }

    private void next(Incident incident, long now, List<PodInfo> pods) {
        if (incident.lastStep()) {
            String tried = incident.taken.isEmpty() ? "no action could run" : "tried " + String.join(", ", incident.taken);
            escalate(incident, now, "rule " + incident.rule.name() + ": " + incident.current.ref()
                    + " still anomalous and the action chain is exhausted (" + tried + ")");
            return;
        }
        incident.moveTo(Phase.ATTEMPTING);
        incident.startStep(incident.step + 1, now);
        attempt(incident, now, pods);
    }

    private void escalate(Incident incident, long now, String reason) {
        if (!incident.paged) listener.on(new EngineEvent.Escalated(now, incident.current, incident.service(), reason));
        incident.paged = true;
        incident.moveTo(Phase.ESCALATED);
    }

    private void attempt(Incident incident, long now, List<PodInfo> pods) {
        incident.lastAttemptAt = now;
        var request = new RemediationRequest(incident.current, incident.service(), incident.rule.name(), incident.trigger,
                incident.taken, pods, List.copyOf(recent));
        Decision decision = RemediatorRegistry.get(incident.action()).propose(request);
        switch (decision) {
            case Decision.Done done -> {
                suppressed(now, done.intended(), incident, "remediator", done.reason());
                incident.moveTo(Phase.RESOLVED);
            }
            case Decision.Skip skip -> {
                // Nothing this action can do now (e.g. no pod of the service stands out while Kubernetes
                // is still replacing them): wait like a vetoed action, and move on only if the target
                // still alerts when verifyAfter runs out — so a transient fault does not page anyone.
                String key = incident.step + " remediator " + skip.intended();
                if (!key.equals(incident.lastVeto)) suppressed(now, skip.intended(), incident, "remediator", skip.reason());
                incident.lastVeto = key;
            }
            case Decision.Act act -> apply(incident, act.action(), now);
        }
    }

    private void apply(Incident incident, ClusterAction action, long now) {
        switch (gate.apply(action, incident.rule, incident.service(), now)) {
            case ActionGate.Attempt.Vetoed veto -> {
                String key = incident.step + " " + veto.guard() + " " + action;
                if (!key.equals(incident.lastVeto)) suppressed(now, action, incident, veto.guard(), veto.reason());
                incident.lastVeto = key;
                // observe mode never acts, so there is nothing to wait for; other vetoes are retried next tick
                if (veto.guard().equals(ModeGuard.NAME)) incident.moveTo(Phase.SUPPRESSED);
            }
            case ActionGate.Attempt.Executed executed -> {
                incident.taken.add(incident.action());
                incident.lastActionAt = now;
                boolean page = switch (action) {
                    case ClusterAction.RestartPod r -> {
                        incident.restartedAt = now;
                        yield false;
                    }
                    case ClusterAction.Page p -> true;
                };
                if (page && executed.outcome().applied() && !incident.paged) {
                    listener.on(new EngineEvent.Escalated(now, incident.current, incident.service(),
                            ((ClusterAction.Page) action).reason()));
                    incident.paged = true;
                }
                if (page && incident.lastStep()) {
                    incident.moveTo(Phase.ESCALATED);
                } else {
                    incident.moveTo(Phase.VERIFYING);
                    incident.deadline = now + incident.rule.verifyAfter().toMillis();
                }
            }
        }
    }

    private void suppressed(long now, ClusterAction action, Incident incident, String guard, String detail) {
        listener.on(new EngineEvent.ActionSuppressed(now, action, incident.rule.name(), guard, detail));
    }

    /** The incident an anomaly belongs to, if one is in flight: same target, or a restarted pod's replacement. */
    private Incident find(Anomaly anomaly, Rule rule, List<PodInfo> pods) {
        Target target = anomaly.target();
        Incident own = inFlight.get(target.ref());
        if (own != null) return own;
        for (Incident incident : inFlight.values()) {
            if (incident.current.equals(target)) return incident;
        }
        if (target.kind() != Target.Kind.POD) return null;
        PodInfo pod = pods.stream().filter(p -> Objects.equals(p.namespace(), target.namespace()) && p.name().equals(target.name()))
                .findFirst().orElse(null);
        if (pod == null || pod.deployment() == null) return null;
        // the replacement of a restarted pod: same rule, same deployment, started after that restart
        Incident best = null;
        for (Incident incident : inFlight.values()) {
            if (incident.rule.equals(rule) && incident.subject.kind() == Target.Kind.POD
                    && Objects.equals(incident.subject.namespace(), pod.namespace()) && pod.deployment().equals(incident.deployment)
                    && incident.restartedAt != Long.MIN_VALUE && pod.startedAtMillis() >= incident.restartedAt
                    && (best == null || incident.restartedAt > best.restartedAt)) {
                best = incident;
            }
        }
        if (best != null) best.current = target;
        return best;
    }

    private static String deploymentOf(Target target, List<PodInfo> pods) {
        if (target.kind() != Target.Kind.POD) return null;
        return pods.stream().filter(p -> Objects.equals(p.namespace(), target.namespace()) && p.name().equals(target.name()))
                .map(PodInfo::deployment).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private void remember(long now, List<Anomaly> anomalies) {
        long horizon = now - policy.lookback().toMillis();
        recent.addAll(anomalies);
        // sample times are not sorted across ticks (a series may lag), so sweep rather than pop the head
        recent.removeIf(a -> a.timeMillis() < horizon);
    }
}
