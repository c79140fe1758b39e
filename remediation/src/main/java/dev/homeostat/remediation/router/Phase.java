package dev.homeostat.remediation.router;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an incident's remediation stands. The transition table below is the whole lifecycle:
 * <pre>
 * ATTEMPTING ─executed─▶ VERIFYING ─cleared─▶ RESOLVED
 *     │  ▲ (vetoed: retry next tick)  │
 *     │  └──── still anomalous, next action ◀┘
 *     ├─ chain ends with an executed page / runs out ─▶ ESCALATED
 *     └─ rule in observe mode ─▶ SUPPRESSED
 * </pre>
 * A recommendation (recommend mode) moves to VERIFYING like an executed action; an approval
 * (approve mode) waits in ATTEMPTING until approved, rejected or expired.
 */
public enum Phase {
    /** The current action has not run yet (first try, or held back by a guard and retried each tick). */
    ATTEMPTING,
    /** The current action ran; waiting {@code verifyAfter} to see whether the anomaly clears. */
    VERIFYING,
    RESOLVED,
    ESCALATED,
    SUPPRESSED;

    private static final Map<Phase, Set<Phase>> NEXT = new EnumMap<>(Phase.class);

    static {
        NEXT.put(ATTEMPTING, EnumSet.of(ATTEMPTING, VERIFYING, RESOLVED, ESCALATED, SUPPRESSED));
        NEXT.put(VERIFYING, EnumSet.of(ATTEMPTING, RESOLVED, ESCALATED));
        NEXT.put(RESOLVED, EnumSet.noneOf(Phase.class));
        NEXT.put(ESCALATED, EnumSet.noneOf(Phase.class));
        NEXT.put(SUPPRESSED, EnumSet.noneOf(Phase.class));
    }

    public boolean terminal() { return NEXT.get(this).isEmpty(); }

    public boolean canMoveTo(Phase next) { return NEXT.get(this).contains(next); }
}
