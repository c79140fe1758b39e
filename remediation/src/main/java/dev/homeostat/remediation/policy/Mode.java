package dev.homeostat.remediation.policy;

import java.util.Locale;

/**
 * How far a rule's healing is phased in: {@code observe} only journals what it would do;
 * {@code recommend} journals it and pages a human with the recommendation; {@code approve} waits
 * for a human's approval (through {@code Engine.approve}, live: {@code POST /approvals/{id}/approve})
 * before acting; {@code auto} acts.
 */
public enum Mode {
    AUTO, OBSERVE, RECOMMEND, APPROVE;

    /** The YAML spelling: {@code auto}, {@code observe}, {@code recommend} or {@code approve}. */
    public String yamlName() { return name().toLowerCase(Locale.ROOT); }
}
