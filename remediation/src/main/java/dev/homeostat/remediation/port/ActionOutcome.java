package dev.homeostat.remediation.port;

/** Whether an action was applied, and why not when it was not. */
public record ActionOutcome(boolean applied, String detail) {
    public static ActionOutcome applied(String detail) { return new ActionOutcome(true, detail); }
    public static ActionOutcome refused(String detail) { return new ActionOutcome(false, detail); }
}
