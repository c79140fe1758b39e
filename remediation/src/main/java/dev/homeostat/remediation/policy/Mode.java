package dev.homeostat.remediation.policy;

import java.util.Locale;

/** Whether a rule acts ({@code auto}) or only journals what it would have done ({@code observe}). */
public enum Mode {
    AUTO, OBSERVE;

    /** The YAML spelling: {@code auto} or {@code observe}. */
    public String yamlName() { return name().toLowerCase(Locale.ROOT); }
}
