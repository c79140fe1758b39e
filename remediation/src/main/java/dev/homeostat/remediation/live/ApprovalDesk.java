package dev.homeostat.remediation.live;

import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.router.PendingApproval;
import java.util.List;
import java.util.function.Supplier;

/** What {@code /approvals} needs from the engine: the pending approvals and a way to decide them. */
public interface ApprovalDesk {
    /** Pending approvals, sorted by id. */
    List<PendingApproval> pending();

    /** False when no approval with that id is pending. */
    boolean approve(String id);

    /** False when no approval with that id is pending. */
    boolean reject(String id);

    /**
     * The desk of the engine of the current leadership term. A replica that follows has no engine:
     * it lists nothing and knows no id (a new term starts afresh, so its approvals are new too).
     */
    static ApprovalDesk of(Supplier<Engine> engine) {
        return new ApprovalDesk() {
            @Override public List<PendingApproval> pending() {
                Engine e = engine.get();
                return e == null ? List.of() : e.pendingApprovals();
            }

            @Override public boolean approve(String id) {
                Engine e = engine.get();
                return e != null && e.approve(id);
            }

            @Override public boolean reject(String id) {
                Engine e = engine.get();
                return e != null && e.reject(id);
            }
        };
    }
}
