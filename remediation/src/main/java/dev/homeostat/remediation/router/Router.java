package dev.homeostat.remediation.router;

import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.guard.ModeGuard;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.EngineListener;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.remediation.remediator.Decision;
import dev.homeostat.remediation.remediator.RemediationRequest;
import dev.homeostat.remediation.remediator.RemediatorRegistry;
import dev.homeostat.remediation.slo.PageSeverity;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Anomalies → incidents → actions. The first rule whose match fits an anomaly owns it. One
 * incident per target: anomalies on a target whose remediation is in flight join it (and, when
 * from the same rule, count as evidence that it still alerts), as do anomalies of the pods that
 * replaced a restarted pod. Each incident walks its rule's action chain (see {@link Phase}).
 * Anomalies of a pod the engine isolated are not routed: it is kept out of service for debugging,
 * and its alerts say nothing about the service any more.
 */
public final class Router {
    private final Policy policy;
    private final ActionGate gate;
    private final EngineListener listener;
    /** Deployments and nodes for the remediators (pods come with each tick). */
    private final ClusterView cluster;
    /** Whether {@link #cluster} answers pod lookups itself, so a tick asks it rather than listing every pod. */
    private final boolean answersByName;
    /** In flight, by the ref of the target that opened them: iteration in sorted order keeps runs deterministic. */
    private final Map<String, Incident> inFlight = new TreeMap<>();
    private final ArrayDeque<Anomaly> recent = new ArrayDeque<>();
    /** Pods an applied isolate-pod took out of service, by ref, while the cluster still lists them. */
    private final Map<String, Target> isolated = new TreeMap<>();
    /** Actions of rules in approve mode, waiting for a human; decisions are read at each tick. */
    private final Approvals approvals = new Approvals();
    private final ApprovalSteps approvalSteps = new ApprovalSteps(approvals, (now, action, incident, detail) ->
            suppressed(now, action, incident, ModeGuard.NAME, detail));
    private final Pager pager;
    private final LostNodes lostNodes;
    private final PageGate pageGate;
    private final CrashLoopRestarts crashLoops = new CrashLoopRestarts();
    private final ScaleBases scaleBases = new ScaleBases();
    private final Verification verification;
    private long nextId = 1;

    /**
     * A router whose pages {@code severity} may hold back ({@code spec.paging}; null: none for severity), and that holds
     * them while {@code team} has the team's own page open for a service they stand for (the service and its callers
     * in {@code graph}).
     */
    public Router(Policy policy, ActionGate gate, EngineListener listener, ClusterView cluster, PageSeverity severity, TeamPages team,
                  java.util.function.Function<Long, dev.homeostat.remediation.guard.CallGraph> graph) {
        this.pageGate = new PageGate(severity, Objects.requireNonNull(team, "team"), Objects.requireNonNull(graph, "graph"), policy.lookback().toMillis());
        this.policy = Objects.requireNonNull(policy, "policy");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.answersByName = cluster.answersByName();
        this.pager = new Pager(listener, policy.lookback().toMillis());
        this.lostNodes = new LostNodes(cluster, policy.lookback().toMillis());
        this.verification = new Verification(policy, cluster);
    }

    /**
     * One evaluation at {@code now}: routes {@code anomalies} (already journaled, in a deterministic
     * order), then moves every incident in flight along (retries, verification, escalation).
     * {@code pods} is the cluster as it is now.
     */
    public void onTick(long now, List<Anomaly> anomalies, List<PodInfo> pods) {
        tick(now, anomalies, Map.of(), new TickPods(() -> pods, null));
    }

    /**
     * As {@link #onTick(long, List, List)}, with each anomaly's diagnosis (absent: not diagnosed) and the pods listed
     * only when needed: a tick without anomalies and with no incident in flight never lists the cluster.
     */
    public void onTick(long now, List<Anomaly> anomalies, Map<Anomaly, Diagnosis> diagnoses,
                       Supplier<List<PodInfo>> listPods) {
        // the cluster's own lookups, where it has them, until an action is about to run; a listing of the pods at the
        // first need otherwise (a new incident's lookups, an attempt: before any action of the tick)
        tick(now, anomalies, diagnoses, new TickPods(listPods, answersByName ? cluster : null));
    }

    private void tick(long now, List<Anomaly> anomalies, Map<Anomaly, Diagnosis> diagnoses, TickPods pods) {
        remember(now, anomalies);
        for (Anomaly a : anomalies) {
            Diagnosis d = diagnoses.get(a);
            pager.alerted(problemOf(a, d), a.timeMillis());
        }
        if (anomalies.isEmpty() && inFlight.isEmpty()) {
            forgetIsolated(pods);
            pager.resolveQuiet(now, this::actingFor);
            return;
        }
        forgetIsolated(pods);
        lostNodes.observe(now);
        for (Anomaly anomaly : anomalies) {
            if (isolated.containsKey(anomaly.target().ref())) continue;
            Diagnosis diagnosis = diagnoses.get(anomaly);
            Optional<Rule> rule = policy.ruleFor(anomaly, diagnosis);
            if (rule.isEmpty()) continue;
            for (Target subject : subjects(rule.get(), anomaly, diagnosis)) route(now, anomaly, diagnosis, rule.get(), subject, pods);
        }
        for (Incident incident : List.copyOf(inFlight.values())) {
            if (!incident.phase.terminal()) step(incident, now, pods);
            else if (incident.phase == Phase.ESCALATED && pageGate.keeps(incident, now)) page(incident, now, incident.deferredPage);
        }
        for (Incident incident : inFlight.values()) {
            if (incident.phase.terminal()) approvalSteps.drop(incident);
        }
        pager.resolveQuiet(now, this::actingFor);
        // an escalated incident stays while its page is open: its anomalies join it, nothing is tried again
        inFlight.values().removeIf(i -> i.phase.terminal() && !(i.phase == Phase.ESCALATED && (pager.isOpen(i.pageKey()) || pageGate.keeps(i, now))));
    }

    /** Opens an incident on {@code subject} for the anomaly, or lets the anomaly join the one in flight. */
    private void route(long now, Anomaly anomaly, Diagnosis diagnosis, Rule rule, Target subject, TickPods pods) {
        Incident joined = IncidentLookup.find(inFlight, subject, rule, pods);
        if (joined != null) {
            if (joined.rule.equals(rule)) {
                joined.evidence(anomaly);
                if (diagnosis != null) joined.diagnosis = diagnosis;
            }
            return;
        }
        var incident = new Incident(nextId++, rule, anomaly, subject, diagnosis, IncidentLookup.deploymentOf(subject, pods), now);
        inFlight.put(incident.subject.ref(), incident);
        attempt(incident, now, pods);
    }

    /**
     * What a rule acts on: the anomaly's target, or — for a rule matched by diagnosis — the diagnosis' subject: each
     * pod that stands out or crash-loops (an incident each), the Deployment, the node, the service.
     */
    private static List<Target> subjects(Rule rule, Anomaly anomaly, Diagnosis diagnosis) {
        if (!rule.match().byDiagnosis() || diagnosis == null) return List.of(anomaly.target());
        return switch (diagnosis) {
            case Diagnosis.PodLocal p -> p.pods();
            case Diagnosis.CrashLoop c -> c.pods();
            // only the pods cut off from their callers; without any, the service, which gets a page
            case Diagnosis.Unreachable u when !u.starved().isEmpty() -> u.starved();
            default -> List.of(diagnosis.subject());
        };
    }

    /** The pager problem of an anomaly: its diagnosis' service, else its own service, else its target. */
    private static String problemOf(Anomaly anomaly, Diagnosis diagnosis) {
        if (diagnosis != null && diagnosis.service() != null) return "service/" + diagnosis.service();
        String ns = anomaly.target().namespace() == null ? "default" : anomaly.target().namespace();
        if (anomaly.service() != null && !anomaly.service().isBlank()) return "service/" + ns + "/" + anomaly.service();
        return anomaly.target().ref();
    }

    /** An incident of the problem is still acting or verifying (an escalated one waits for the page to resolve). */
    private boolean actingFor(String problem) {
        for (Incident i : inFlight.values()) if (!i.phase.terminal() && i.pageKey().equals(problem)) return true;
        return false;
    }

    /** The approvals desk of rules in approve mode (thread-safe: humans decide from other threads). */
    public Approvals approvals() { return approvals; }

    /** Incidents in flight, sorted by the target that opened them. */
    public List<IncidentView> incidents() {
        return inFlight.values().stream().map(Incident::view).toList();
    }

    private void step(Incident incident, long now, TickPods pods) {
        switch (incident.phase) {
            case ATTEMPTING -> {
                approvalSteps.settle(incident, now);
                if (now >= incident.deadline) {
                    // held back by guards for a whole verifyAfter: if it still alerts, try the next action
                    if (verification.stillAlerting(incident, incident.stepStartedAt, now)) next(incident, now, pods);
                    else incident.moveTo(Phase.RESOLVED);
                } else if (incident.lastAttemptAt < now) {
                    attempt(incident, now, pods);
                }
            }
            case VERIFYING -> {
                if (verification.awaitingCapacity(incident, now)) return;
                if (now >= incident.deadline) {
                    if (!verification.stillAlerting(incident, incident.lastActionAt, now)) incident.moveTo(Phase.RESOLVED);
                    else if (!Verification.repeatable(incident)) next(incident, now, pods);
                    else if (verification.noRoom(incident) instanceof String full) {
                        // more replicas would wait Pending beside the last ones: stop scaling, the chain moves on
                        suppressed(now, new ClusterAction.ScaleDeployment(incident.scaled, incident.scaledTo), incident, "remediator", full);
                        next(incident, now, pods);
                    } else repeat(incident, now, pods);
                }
            }
            case RESOLVED, ESCALATED, SUPPRESSED -> { }
        }
    }

    private void repeat(Incident incident, long now, TickPods pods) {
        incident.moveTo(Phase.ATTEMPTING);
        incident.startStep(incident.step, now);
        attempt(incident, now, pods);
    }

    private void next(Incident incident, long now, TickPods pods) {
        if (incident.lastStep()) {
            String tried = incident.taken.isEmpty() ? "no action could run" : "tried " + String.join(", ", incident.taken);
            if (incident.heldBack != null) tried += "; " + incident.heldBack;
            if (!incident.paged && (incident.diagnosis == null || incident.diagnosis.pagesItself())) {
                page(incident, now, "rule " + incident.rule.name() + ": " + incident.current.ref()
                        + " still anomalous and the action chain is exhausted (" + tried + ")");
            }
            incident.moveTo(Phase.ESCALATED);
            return;
        }
        approvalSteps.drop(incident);
        incident.moveTo(Phase.ATTEMPTING);
        incident.startStep(incident.step + 1, now);
        attempt(incident, now, pods);
    }

    private void attempt(Incident incident, long now, TickPods pods) {
        incident.lastAttemptAt = now;
        List<DeploymentInfo> deployments = needsDeployments(incident.action()) ? cluster.deployments() : List.of();
        List<NodeInfo> nodes = needsNodes(incident.action()) ? cluster.nodes() : List.of();
        var request = new RemediationRequest(incident.current, incident.service(), incident.rule.name(), incident.trigger,
                incident.taken, pods, List.copyOf(recent), incident.rule.scaling(), deployments, nodes, incident.heldBack, incident.diagnosis,
                incident.action().equals("scale-up") ? scaleBases.current(deployments) : Map.of());
        Decision decision = crashLoops.check(incident, RemediatorRegistry.get(incident.action()).propose(request), pods, now);
        switch (decision) {
            case Decision.Done done -> {
                suppressed(now, done.intended(), incident, "remediator", done.reason());
                incident.moveTo(Phase.RESOLVED);
            }
            case Decision.Next pass -> {
                // the action cannot help this incident at all: no point waiting verifyAfter before the next one
                suppressed(now, pass.intended(), incident, "remediator", pass.reason());
                next(incident, now, pods);
            }
            case Decision.Skip skip -> {
                // Nothing this action can do now (e.g. no pod of the service stands out while Kubernetes
                // is still replacing them): wait like a vetoed action, and move on only if the target
                // still alerts when verifyAfter runs out — so a transient fault does not page anyone.
                String key = incident.step + " remediator " + skip.intended();
                if (!key.equals(incident.lastVeto)) suppressed(now, skip.intended(), incident, "remediator", skip.reason());
                incident.lastVeto = key;
            }
            case Decision.Act act -> {
                if (act.action() instanceof ClusterAction.ScaleDeployment s) scaleBases.scaling(s, deployments);
                apply(incident, act.action(), now, pods);
            }
        }
    }

    /**
     * The incident's page: a new pager incident for its service's problem, or an update of the one open. It says what
     * the engine made of it (the diagnosis and its evidence), what was tried and what was held back.
     */
    private void page(Incident incident, long now, String reason) {
        if (pageGate.holds(incident, now, new ClusterAction.Page(incident.current, reason), this::suppressed)) return;
        StringBuilder text = new StringBuilder(reason);
        if (incident.diagnosis != null) {
            text.append(" | diagnosis: ").append(incident.diagnosis.summary());
            if (!incident.diagnosis.evidence().isEmpty()) text.append(" | evidence: ").append(String.join("; ", incident.diagnosis.evidence()));
        }
        if (!incident.taken.isEmpty()) text.append(" | tried: ").append(String.join(", ", incident.taken));
        if (incident.heldBack != null && !reason.contains(incident.heldBack)) text.append(" | held back: ").append(incident.heldBack);
        // a service whose pods stood on a lost node pages as part of the node's incident: one page for the node
        if (!incident.paged && incident.pageGroup == null) incident.pageGroup = lostNodes.groupOf(incident);
        if (incident.pageGroup != null) text.insert(0, LostNodes.why(incident.pageGroup));
        pager.page(now, incident.pageKey(), incident.problem(), incident.current, incident.eventService(incident.current), text.toString());
        incident.paged = true;
    }

    private void apply(Incident incident, ClusterAction proposed, long now, TickPods pods) {
        if (proposed instanceof ClusterAction.Page p && pageGate.holds(incident, now, p, this::suppressed)) return;
        ClusterAction action = proposed;
        // a page changes nothing in the cluster, so it needs neither a recommendation nor an approval
        if (!(proposed instanceof ClusterAction.Page)) {
            switch (incident.rule.mode()) {
                case RECOMMEND -> {
                    recommend(incident, proposed, now, pods);
                    return;
                }
                case APPROVE -> {
                    Optional<ClusterAction> approved = approvalSteps.approved(incident, proposed, now);
                    if (approved.isEmpty()) return;
                    action = approved.get();
                }
                case AUTO, OBSERVE -> { }
            }
        }
        switch (gate.apply(action, incident.rule, incident.eventService(action.target()), now, pods::freeze)) {
            case ActionGate.Attempt.Vetoed veto -> {
                String key = incident.step + " " + veto.guard() + " " + action;
                if (!key.equals(incident.lastVeto)) suppressed(now, action, incident, veto.guard(), veto.reason());
                incident.lastVeto = key;
                // observe mode never acts, so there is nothing to wait for; other vetoes are retried next tick
                if (veto.guard().equals(ModeGuard.NAME)) incident.moveTo(Phase.SUPPRESSED);
            }
            case ActionGate.Attempt.Executed executed -> {
                approvalSteps.drop(incident);
                // a refused action was tried but did nothing: the page says so, and "still anomalous after" it reads true
                incident.taken.add(executed.outcome().applied() ? incident.action() : incident.action() + " (refused: " + executed.outcome().detail() + ")");
                incident.acted(now);
                // actions after which the deployment starts new pods: those pods are the target's replacements
                boolean page = switch (action) {
                    case ClusterAction.RestartPod r -> {
                        if (executed.outcome().applied()) crashLoops.restarted(incident, now);
                        yield replaced(incident, now);
                    }
                    case ClusterAction.IsolatePod i -> {
                        if (executed.outcome().applied()) isolated.put(i.target().ref(), i.target());
                        yield replaced(incident, now);
                    }
                    case ClusterAction.DrainNode d -> replaced(incident, now);
                    case ClusterAction.RollbackDeployment r -> replaced(incident, now);
                    case ClusterAction.ScaleDeployment s -> {
                        if (executed.outcome().applied()) {
                            incident.scaled = s.target();
                            incident.scaledTo = s.replicas();
                        }
                        yield false;
                    }
                    case ClusterAction.CordonNode c -> false;
                    case ClusterAction.CircuitBreak c -> false;
                    case ClusterAction.LimitRetries l -> false;
                    case ClusterAction.Lift l -> false;
                    case ClusterAction.Page p -> true;
                };
                if (page && executed.outcome().applied() && !incident.paged) {
                    page(incident, now, ((ClusterAction.Page) action).reason());
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

    /**
     * Recommend mode: journal what would be done, page a human with it (through the guards, like any
     * page), and verify as if it had been done — a target that still alerts moves along the chain.
     */
    private void recommend(Incident incident, ClusterAction action, long now, TickPods pods) {
        String text = "recommended: " + ApprovalSteps.describe(action);
        suppressed(now, action, incident, ModeGuard.NAME, text);
        var page = new ClusterAction.Page(incident.current, "rule " + incident.rule.name() + " (mode recommend, nothing applied): " + text);
        if (gate.apply(page, incident.rule, incident.eventService(page.target()), now, pods::freeze) instanceof ActionGate.Attempt.Vetoed veto) {
            suppressed(now, page, incident, veto.guard(), veto.reason());
        }
        incident.lastActionAt = now;
        incident.moveTo(Phase.VERIFYING);
        incident.deadline = now + incident.rule.verifyAfter().toMillis();
    }

    /** Marks that the incident's pods are being replaced from {@code now}; never a page. */
    private static boolean replaced(Incident incident, long now) {
        incident.restartedAt = now;
        return false;
    }

    /** Only the actions that look at deployments or nodes pay for listing them. */
    private static boolean needsDeployments(String action) { return action.equals("rollback") || action.equals("scale-up"); }

    private static boolean needsNodes(String action) { return action.equals("cordon-node") || action.equals("drain-node"); }

    /** Forgets isolated pods the cluster no longer lists. */
    private void forgetIsolated(TickPods pods) {
        if (isolated.isEmpty()) return;
        isolated.values().removeIf(pod -> pods.pod(pod.namespace(), pod.name()) == null);
    }

    private void suppressed(long now, ClusterAction action, Incident incident, String guard, String detail) {
        if (!(action instanceof ClusterAction.Page) && !guard.equals(ModeGuard.NAME)) incident.heldBack = action.kind() + " held back by " + guard + ": " + detail;
        listener.on(new EngineEvent.ActionTaken(now, action, incident.rule.name(), incident.eventService(action.target()), EngineEvent.Outcome.HELD, guard, detail));
    }

    private void remember(long now, List<Anomaly> anomalies) {
        long horizon = now - policy.lookback().toMillis();
        recent.addAll(anomalies);
        // sample times are not sorted across ticks (a series may lag), so sweep rather than pop the head
        recent.removeIf(a -> a.timeMillis() < horizon);
    }
}
