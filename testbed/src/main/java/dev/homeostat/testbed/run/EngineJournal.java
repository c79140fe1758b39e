package dev.homeostat.testbed.run;

import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.reports.journal.JournalEvent;

/**
 * The one mapping from the engine's events to the run journal's lines, for a simulated run ({@link JournalRecorder})
 * and a live one read back from the engine's JSON-lines journal ({@code JsonLinesJournal.read}) alike.
 */
public final class EngineJournal {
    private EngineJournal() { }

    /**
     * Ready pods of an action's Deployment just before and just after it, and the fewest it may keep: 1, or more
     * where a PodDisruptionBudget covering its pods asks for more.
     */
    public record Readiness(int before, int after, int minReady) { }

    /** What the run knows beyond the event itself. */
    public interface Context {
        /** The service ({@code service/ns/name}) a pod or Deployment backs, or null when unknown. */
        String serviceOf(Target target);

        /** The readiness around the action just applied, or null where the run cannot tell (live). */
        default Readiness readiness() { return null; }
    }

    /** The journal line of {@code event} at run time {@code t}. */
    public static JournalEvent of(EngineEvent event, long t, Context context) {
        return switch (event) {
            case EngineEvent.AnomalyRaised a -> {
                var an = a.anomaly();
                yield new JournalEvent.AnomalyRaised(t, an.target().ref(), service(an.target(), an.service(), context),
                        an.signal(), an.detector(), an.score(), an.explanation());
            }
            case EngineEvent.ActionTaken x -> {
                Readiness r = x.applied() && x.action().disruptive() ? context.readiness() : null;
                yield new JournalEvent.ActionTaken(t, x.action().kind(), x.action().target().ref(),
                        service(x.action().target(), x.service(), context), x.rule(), x.action().disruptive(),
                        JournalEvent.Outcome.valueOf(x.outcome().name()), x.guard(), x.detail(),
                        r == null ? null : r.before(), r == null ? null : r.after(), r == null ? null : r.minReady());
            }
            case EngineEvent.Paged p -> new JournalEvent.Paged(t, JournalEvent.PageSource.ENGINE, p.key(),
                    JournalEvent.PageState.valueOf(p.state().name()), p.target().ref(), service(p.target(), p.service(), context),
                    p.reason());
        };
    }

    /**
     * The service an event is about: the one its series' or incident's label names (in the target's namespace), else
     * the target itself when it is a service, else what the run knows of the target.
     */
    static String service(Target target, String label, Context context) {
        if (label != null && !label.isEmpty())
            return label.startsWith("service/") ? label : "service/" + (target.namespace() == null ? "default" : target.namespace()) + "/" + label;
        return target.kind() == Target.Kind.SERVICE ? target.ref() : context.serviceOf(target);
    }
}
