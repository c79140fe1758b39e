package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.ClusterAction;
import java.util.Optional;

/**
 * Approve mode for the router's incidents: a step's proposal waits in the {@link Approvals} desk for a human, whose
 * answer — or silence until the step's deadline — decides the step. Every wait, rejection and expiry is journaled
 * through {@link Held} as an action held back by the mode.
 */
final class ApprovalSteps {
    /** Journals an action the mode holds back, with why. */
    @FunctionalInterface
    interface Held {
        void held(long now, ClusterAction action, Incident incident, String detail);
    }

    private final Approvals approvals;
    private final Held journal;

    ApprovalSteps(Approvals approvals, Held journal) {
        this.approvals = approvals;
        this.journal = journal;
    }

    /**
     * The first proposal of a step becomes a pending approval (journaled); the action the human approved is returned
     * once decided, to go through the guards. Empty while waiting.
     */
    Optional<ClusterAction> approved(Incident incident, ClusterAction action, long now) {
        if (incident.approvalId == null) {
            String id = incident.id + "-" + incident.step;
            approvals.request(new PendingApproval(id, incident.rule.name(), incident.service(), action, now, incident.deadline));
            incident.approvalId = id;
            journal.held(now, action, incident, "awaiting approval " + id + ": " + describe(action));
            return Optional.empty();
        }
        return switch (approvals.decision(incident.approvalId).orElse(Approvals.Decision.PENDING)) {
            case APPROVED -> approvals.get(incident.approvalId).map(PendingApproval::action);
            case PENDING, REJECTED -> Optional.empty();
        };
    }

    /**
     * A human said no, or nobody answered within verifyAfter: the approval is journaled and dropped and the step's
     * deadline is now, so the chain moves on as after a veto.
     */
    void settle(Incident incident, long now) {
        if (incident.approvalId == null) return;
        Approvals.Decision decision = approvals.decision(incident.approvalId).orElse(Approvals.Decision.PENDING);
        boolean rejected = decision == Approvals.Decision.REJECTED;
        if (!rejected && !(decision == Approvals.Decision.PENDING && now >= incident.deadline)) return;
        PendingApproval approval = approvals.get(incident.approvalId).orElseThrow();
        journal.held(now, approval.action(), incident, "approval " + approval.id()
                + (rejected ? " rejected" : " expired after " + incident.rule.verifyAfter().toSeconds() + "s unanswered")
                + ": " + describe(approval.action()));
        drop(incident);
        incident.deadline = Math.min(incident.deadline, now);
    }

    /** The incident's pending approval, if any, is no longer asked for. */
    void drop(Incident incident) {
        if (incident.approvalId == null) return;
        approvals.forget(incident.approvalId);
        incident.approvalId = null;
    }

    static String describe(ClusterAction action) { return action.kind() + " " + action.target().ref(); }
}
