package dev.homeostat.testbed.compare;

/** What a change of one metric means; only {@link #REGRESSION} fails the gate. */
public enum Judgement {
    IMPROVED("improved"),
    UNCHANGED("unchanged"),
    /** Worse, but within its threshold (or, with --require-significance, not significant). */
    WORSE("worse"),
    /** Worse beyond its threshold: the gate fails. */
    REGRESSION("REGRESSION"),
    /** Defined on one side only; judged through other metrics (see README). */
    NOT_COMPARABLE("n/a");

    private final String label;

    Judgement(String label) { this.label = label; }

    public String label() { return label; }
}
