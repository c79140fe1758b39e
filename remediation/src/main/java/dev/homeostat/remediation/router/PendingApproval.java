package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.ClusterAction;
import java.util.Objects;

/**
 * An action of a rule in {@code approve} mode, waiting for a human. {@code id} is
 * {@code <incident id>-<step>} (deterministic: incidents are numbered in routing order), so it is
 * safe in a URL path. It expires at {@code expiresAtMillis} (the step's start + the rule's
 * {@code verifyAfter}); then the chain moves on as after a veto.
 */
public record PendingApproval(String id, String rule, String service, ClusterAction action, long requestedAtMillis,
                              long expiresAtMillis) {
    public PendingApproval {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
    }
}
