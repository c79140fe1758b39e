package dev.homeostat.remediation.router;

import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Rule;
import java.util.ArrayList;
import java.util.List;

/** One target's remediation: its place in the rule's action chain and the evidence that it still alerts. */
final class Incident {
    final long id;
    final Rule rule;
    final Anomaly trigger;
    final Target subject;
    /** Namespace and Deployment of a pod subject (null otherwise): where its replacements come from. */
    final String deployment;
    Target current;
    Phase phase = Phase.ATTEMPTING;
    int step;
    long stepStartedAt;
    long deadline;
    long lastAttemptAt = Long.MIN_VALUE;
    long lastActionAt = Long.MIN_VALUE;
    /** When an action of this incident that replaces pods (restart, isolate, drain, rollback) last ran; pods of the deployment started since are its replacements. */
    long restartedAt = Long.MIN_VALUE;
    long lastEvidenceAt = Long.MIN_VALUE;
    /** The strongest anomaly score of the last evaluation that alerted, and the highest since the last action ran. */
    double lastScore;
    double peakSinceAction;
    static final double IMPROVED = 0.8;
    /** The Deployment the last scale-up grew and to how many replicas (null: the last action was no scale-up). */
    Target scaled;
    int scaledTo;
    /** When the scaled Deployment first had that many ready pods (Long.MIN_VALUE: not yet). */
    long capacityUpAt = Long.MIN_VALUE;
    boolean paged;
    /** The id of this step's approval while a human may still decide it (approve mode), else null. */
    String approvalId;
    /** The last veto journaled (step, guard, detail), so a veto repeated every tick is journaled once. */
    String lastVeto = "";
    /** Why the chain's last held-back action did not run ("guard: reason"), for the human a page reaches; null if none was. */
    String heldBack;
    final List<String> taken = new ArrayList<>();

    /** The Deployment ({@code ns/name}) of the crash-looping pod this incident last proposed to restart, or null. */
    String restartingFor;
    /** That Deployment's pods when the restart was proposed: a crash-looping pod not among them started since. */
    java.util.Set<String> restartingPods = java.util.Set.of();
    /** When the incident opened. */
    final long openedAt;
    /**
     * The page the engine holds back because the burn it would stand for is below the rate a page needs (null: none):
     * sent if the burn reaches it while the incident lasts.
     */
    String deferredPage;
    /** The page this incident's page joins as part of a larger incident (a lost node's: {@code node/<name>}); null: its own. */
    String pageGroup;
    /** The services a page of this incident stands for (it and its callers), read at its first severity check; null before. */
    java.util.Set<String> pageStandsFor;

    /** What the engine made of the anomalies (null when the rule does not diagnose); the latest one. */
    Diagnosis diagnosis;

    Incident(long id, Rule rule, Anomaly trigger, Target subject, Diagnosis diagnosis, String deployment, long now) {
        this.id = id;
        this.rule = rule;
        this.trigger = trigger;
        this.subject = subject;
        this.current = subject;
        this.diagnosis = diagnosis;
        this.deployment = deployment;
        this.openedAt = now;
        evidence(trigger);
        startStep(0, now);
    }

    String action() { return rule.actions().get(step); }

    boolean lastStep() { return step == rule.actions().size() - 1; }

    /**
     * The service the incident is about: its trigger's service label, else its diagnosis' service name. An unreachable
     * callee's incident is triggered by its callers' anomalies, as is the incident adding workers to a caller waiting on
     * a slow callee: both are the callee's problem, paged once for it.
     */
    String service() {
        if (diagnosis instanceof Diagnosis.Unreachable || diagnosis instanceof Diagnosis.Waiting)
            return diagnosis.service().substring(diagnosis.service().indexOf('/') + 1);
        if (trigger.service() != null && !trigger.service().isBlank()) return trigger.service();
        if (diagnosis != null && diagnosis.service() != null) return diagnosis.service().substring(diagnosis.service().indexOf('/') + 1);
        return subject.kind() == Target.Kind.SERVICE ? subject.name() : null;
    }

    /**
     * The pager key of its service's problem ({@code service/ns/name}), or of its subject when no service is known; of
     * the larger incident it is part of once its page joined one.
     */
    String pageKey() {
        return pageGroup != null ? pageGroup : problem();
    }

    /** Its service's problem ({@code service/ns/name}), or its subject when no service is known: what its anomalies alert. */
    String problem() {
        String service = service();
        return service == null ? subject.ref() : "service/" + serviceNamespace() + "/" + service;
    }

    /**
     * The service as an action or page on {@code target} names it: its name where the target is in the service's
     * namespace (a pod, a Deployment), else {@code service/ns/name}: a node has no namespace to read it from, and a bare
     * name read against none is {@code service/default/…}, another service, whose SLO page the action would hold back.
     */
    String eventService(Target target) {
        String service = service();
        if (service == null) return null;
        String ns = serviceNamespace();
        return ns.equals(target.namespace()) ? service : "service/" + ns + "/" + service;
    }

    String serviceNamespace() {
        if (diagnosis instanceof Diagnosis.Waiting w) return w.service().substring(0, w.service().indexOf('/'));
        String ns = subject.namespace() == null ? trigger.target().namespace() : subject.namespace();
        return ns == null ? "default" : ns;
    }

    void startStep(int step, long now) {
        this.step = step;
        this.stepStartedAt = now;
        this.deadline = now + rule.verifyAfter().toMillis();
        this.lastVeto = "";
    }

    void moveTo(Phase next) {
        if (!phase.canMoveTo(next)) {
            throw new IllegalStateException("incident " + id + " on " + subject.ref() + ": no transition " + phase + " -> " + next);
        }
        phase = next;
    }

    void evidence(Anomaly anomaly) {
        if (anomaly.timeMillis() > lastEvidenceAt) {
            lastEvidenceAt = anomaly.timeMillis();
            lastScore = anomaly.score();
        } else if (anomaly.timeMillis() == lastEvidenceAt) {
            lastScore = Math.max(lastScore, anomaly.score());
        }
        if (anomaly.timeMillis() >= lastActionAt) peakSinceAction = Math.max(peakSinceAction, lastScore);
    }

    /** The last action ran: what it is judged against starts from how strongly the target alerts now. */
    void acted(long now) {
        lastActionAt = now;
        peakSinceAction = lastScore;
        scaled = null;
        scaledTo = 0;
        capacityUpAt = Long.MIN_VALUE;
    }

    /**
     * Alerting since the last action, but at most {@link #IMPROVED} of the strongest it alerted since: the action
     * helped without being enough (capacity added, the queue shorter but not gone). Against the peak, not the value
     * when it ran: a burn rate over a window keeps rising for a while after the action, whatever the action did.
     */
    boolean improvedSinceAction() {
        return lastEvidenceAt > lastActionAt && peakSinceAction > 0 && lastScore <= IMPROVED * peakSinceAction;
    }

    boolean alertedSince(long time) { return lastEvidenceAt > time; }

    IncidentView view() {
        return new IncidentView(id, rule.name(), subject, current, service(), phase, step, action());
    }
}
