package dev.homeostat.chaos.crd;

/**
 * What the simulator does with one field of a Chaos Mesh CRD: the closed vocabulary of the conformance
 * table. Every field of a supported kind has one. A refusal is one sentence that starts with its category,
 * so a user can tell a feature the simulation lacks from a typo (typos are "unknown field").
 */
public sealed interface Support {
    /** One sentence a user reads: the category and the reason. */
    String sentence();

    /** The row of the conformance table: {@code simulated}, {@code live-only}, {@code planned} or {@code refused}. */
    String column();

    /** The modelling choice or the reason, without the category. */
    String reason();

    /** Translated into a simulator fault; {@code how} is the modelling choice. */
    record Simulated(String how) implements Support {
        @Override public String sentence() { return "simulated: " + how; }
        @Override public String column() { return "simulated"; }
        @Override public String reason() { return how; }
    }

    /** Accepted and applied unchanged by a live run; nothing a simulation measures depends on it. */
    record LiveOnly(String why) implements Support {
        @Override public String sentence() { return "live only: " + why; }
        @Override public String column() { return "live-only"; }
        @Override public String reason() { return why; }
    }

    /**
     * Accepted with today's approximation {@code today}; a later phase models it as Chaos Mesh does. Every use
     * is reported as a note, so nothing planned is accepted silently.
     */
    record Planned(String today) implements Support {
        @Override public String sentence() { return "planned: " + today; }
        @Override public String column() { return "planned"; }
        @Override public String reason() { return today; }
    }

    /** Refused after its syntax is checked, until a later phase models it: accepting it would give a wrong effect. */
    record NotModelledYet(String why) implements Support {
        @Override public String sentence() { return "not modelled yet: " + why; }
        @Override public String column() { return "planned (refused)"; }
        @Override public String reason() { return why; }
    }

    /** Refused: the simulator has no counterpart and none is planned. */
    record NotModelled(String why) implements Support {
        @Override public String sentence() { return "not modelled: " + why; }
        @Override public String column() { return "refused"; }
        @Override public String reason() { return why; }
    }

    /** Refused: the field names something outside any simulated cluster (another cluster, a physical machine, a cloud). */
    record CannotExist(String why) implements Support {
        @Override public String sentence() { return "cannot exist in a simulation: " + why; }
        @Override public String column() { return "refused"; }
        @Override public String reason() { return why; }
    }

    /** Whether a present, non-empty value of such a field stops the translation. */
    default boolean refuses() {
        return this instanceof NotModelledYet || this instanceof NotModelled || this instanceof CannotExist;
    }

    static Simulated simulated(String how) { return new Simulated(how); }

    static LiveOnly liveOnly(String why) { return new LiveOnly(why); }

    static Planned planned(String today) { return new Planned(today); }

    static NotModelledYet notModelledYet(String why) { return new NotModelledYet(why); }

    static NotModelled notModelled(String why) { return new NotModelled(why); }

    static CannotExist cannotExist(String why) { return new CannotExist(why); }
}
