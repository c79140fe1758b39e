package dev.homeostat.reports;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.ActionTaken;
import dev.homeostat.reports.journal.JournalEvent.AnomalyRaised;
import dev.homeostat.reports.journal.JournalEvent.Outcome;
import dev.homeostat.reports.journal.JournalEvent.PageSource;
import dev.homeostat.reports.journal.JournalEvent.PageState;
import dev.homeostat.reports.journal.JournalEvent.Paged;
import dev.homeostat.reports.journal.JournalEvent.Scope;
import dev.homeostat.reports.journal.JournalEvent.FaultEnded;
import dev.homeostat.reports.journal.JournalEvent.FaultStarted;
import dev.homeostat.reports.journal.JournalEvent.RunEnded;
import dev.homeostat.reports.journal.JournalEvent.SloRestored;
import dev.homeostat.reports.journal.JournalEvent.SloViolated;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Hand-built journals for tests; times are given in seconds and stored in ms. Events are sorted by time (stable). */
public final class Journals {
    public static final String WEB_POD = "pod/default/web-1";
    public static final String WEB = "service/default/web";
    public static final String DB_POD = "pod/default/db-1";
    public static final String DB = "service/default/db";
    public static final String CACHE_POD = "pod/default/cache-1";
    public static final String CACHE = "service/default/cache";

    private final String scenario;
    private final long seed;
    private final boolean engine;
    private final List<JournalEvent> events = new ArrayList<>();

    private Journals(String scenario, long seed, boolean engine) {
        this.scenario = scenario;
        this.seed = seed;
        this.engine = engine;
    }

    public static Journals engine(long seed) {
        return new Journals("demo", seed, true);
    }

    public static Journals baseline(long seed) {
        return new Journals("demo", seed, false);
    }

    public static long ms(double seconds) {
        return Math.round(seconds * 1000);
    }

    /** A fault window [start, end) on one pod backing one service; FaultEnded at its end. */
    public Journals fault(String name, String kind, double start, double end, String pod, String service) {
        events.add(new FaultStarted(ms(start), name, kind, ms(end), Scope.PODS, List.of(pod), List.of(service), true, List.of()));
        events.add(new FaultEnded(ms(end), name));
        return this;
    }

    /** A fault window on every pod of a deployment (a leak in the code, a bad rollout): scope DEPLOYMENT. */
    public Journals deploymentFault(String name, String kind, double start, double end, String deployment, String service) {
        events.add(new FaultStarted(ms(start), name, kind, ms(end), Scope.DEPLOYMENT, List.of(deployment), List.of(service), true, List.of()));
        events.add(new FaultEnded(ms(end), name));
        return this;
    }

    /** As {@link #fault}, with the services that call {@code service} (its upstream, where its symptoms show). */
    public Journals fault(String name, String kind, double start, double end, String pod, String service,
                          List<String> upstream) {
        events.add(new FaultStarted(ms(start), name, kind, ms(end), Scope.PODS, List.of(pod), List.of(service), true, upstream));
        events.add(new FaultEnded(ms(end), name));
        return this;
    }

    /** A fault that starts and is still running when the run ends: FaultStarted only. */
    public Journals faultUnended(String name, String kind, double start, double end, String pod, String service) {
        events.add(new FaultStarted(ms(start), name, kind, ms(end), Scope.PODS, List.of(pod), List.of(service), true, List.of()));
        return this;
    }

    public Journals noOpFault(String name, String kind, double start, double end, String pod, String service) {
        events.add(new FaultStarted(ms(start), name, kind, ms(end), Scope.PODS, List.of(pod), List.of(service), false, List.of()));
        events.add(new FaultEnded(ms(end), name));
        return this;
    }

    public Journals alert(double t, String target, String service) {
        events.add(new AnomalyRaised(ms(t), target, service, "errors", "zscore", 4.0, "error rate high"));
        return this;
    }

    public Journals violated(double t, String service) {
        events.add(new SloViolated(ms(t), service, "availability"));
        return this;
    }

    public Journals restored(double t, String service, String by) {
        events.add(new SloRestored(ms(t), service, by));
        return this;
    }

    public Journals action(double t, String target, String service, boolean disruptive, boolean applied) {
        events.add(new ActionTaken(ms(t), disruptive ? "restart" : "scale", target, service, "rule-1", disruptive,
                applied ? Outcome.APPLIED : Outcome.HELD, applied ? null : "cooldown", applied ? "ok" : "5m", null, null, null));
        return this;
    }

    /** An applied restart that left {@code readyAfter} of {@code readyBefore} pods ready, with a floor of {@code minReady}. */
    public Journals restart(double t, String target, String service, int readyBefore, int readyAfter, int minReady) {
        events.add(new ActionTaken(ms(t), "restart-pod", target, service, "rule-1", true, Outcome.APPLIED, null, "ok",
                readyBefore, readyAfter, minReady));
        return this;
    }

    /** A new page from the engine (its own key). */
    public Journals escalated(double t, String target, String service) {
        events.add(new Paged(ms(t), PageSource.ENGINE, "incident-" + target + "@" + ms(t), PageState.FIRING, target, service,
                "restart did not help"));
        return this;
    }

    /** A notification of the SLO alerts of {@code service} through Alertmanager, for the pager incident {@code key}. */
    public Journals sloPage(double t, String key, PageState state, String service) {
        events.add(new Paged(ms(t), PageSource.ALERTMANAGER, key, state, service, service, "SLOErrorBudgetBurn"));
        return this;
    }

    public Journals event(JournalEvent event) {
        events.add(event);
        return this;
    }

    public Journal end(double t) {
        List<JournalEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(JournalEvent::t));
        sorted.add(new RunEnded(ms(t)));
        return new Journal(scenario, seed, engine, sorted);
    }
}
