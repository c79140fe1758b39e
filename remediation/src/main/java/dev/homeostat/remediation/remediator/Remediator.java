package dev.homeostat.remediation.remediator;

/** Turns one rule action (e.g. {@code restart-pod}) into a {@link Decision}; pure, never touches the cluster. */
@FunctionalInterface
public interface Remediator {
    Decision propose(RemediationRequest request);
}
