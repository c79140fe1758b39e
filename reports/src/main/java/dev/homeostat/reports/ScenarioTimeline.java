package dev.homeostat.reports;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.ActionTaken;
import dev.homeostat.reports.journal.JournalEvent.AnomalyRaised;
import dev.homeostat.reports.journal.JournalEvent.ClusterEvent;
import dev.homeostat.reports.journal.JournalEvent.Escalated;
import dev.homeostat.reports.journal.JournalEvent.FaultEnded;
import dev.homeostat.reports.journal.JournalEvent.FaultStarted;
import dev.homeostat.reports.journal.JournalEvent.RunEnded;
import dev.homeostat.reports.journal.JournalEvent.SloRestored;
import dev.homeostat.reports.journal.JournalEvent.SloViolated;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What happened over one seed of a scenario, for the timeline chart of index.html: fault windows, SLO-violation
 * intervals of the baseline and the engine run, the engine's anomalies and actions, and metric series of both
 * runs. Times are ms since the run started.
 */
public record ScenarioTimeline(String scenario, long seed, long endMillis, List<Window> faults,
                               List<Window> sloViolationsBaseline, List<Window> sloViolationsEngine,
                               List<Mark> anomalies, List<Mark> actions, List<TimelineSeries> baselineSeries,
                               List<TimelineSeries> engineSeries) {

    /** An interval {@code [start, end]} with what it was: a fault's {@code name (kind)}, a violated service. */
    public record Window(long start, long end, String label) {
        public Window {
            Objects.requireNonNull(label, "label");
            if (end < start) {
                throw new IllegalArgumentException("window " + label + ": end " + end + " is before start " + start);
            }
        }
    }

    /** A point in time: an anomaly ({@code label} = target, {@code detail} = detector and signal) or an action. */
    public record Mark(long t, String label, String detail) {
        public Mark {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public ScenarioTimeline {
        Objects.requireNonNull(scenario, "scenario");
        if (endMillis < 0) {
            throw new IllegalArgumentException("timeline of " + scenario + ": endMillis " + endMillis + " < 0");
        }
        faults = List.copyOf(faults);
        sloViolationsBaseline = List.copyOf(sloViolationsBaseline);
        sloViolationsEngine = List.copyOf(sloViolationsEngine);
        anomalies = List.copyOf(anomalies);
        actions = List.copyOf(actions);
        baselineSeries = List.copyOf(baselineSeries);
        engineSeries = List.copyOf(engineSeries);
    }

    /**
     * Derives the windows and marks from the two journals of one seed (the same rules as scoring: a fault ends at
     * its FaultEnded, else its {@code end} field, else RunEnded; a service's violation opens at the first
     * SloViolated and closes at SloRestored or RunEnded). Faults, anomalies and actions come from the engine run.
     */
    public static ScenarioTimeline from(Journal baseline, Journal engine, List<TimelineSeries> baselineSeries,
                                        List<TimelineSeries> engineSeries) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(engine, "engine");
        if (baseline.engine() || !engine.engine()) {
            throw new IllegalArgumentException("timeline of " + engine.scenario() + ": pass the baseline journal "
                    + "(engine=false) first and the engine journal (engine=true) second");
        }
        if (!baseline.scenario().equals(engine.scenario()) || baseline.seed() != engine.seed()) {
            throw new IllegalArgumentException("timeline: journals of " + baseline.scenario() + " seed "
                    + baseline.seed() + " and " + engine.scenario() + " seed " + engine.seed()
                    + " differ; pass both runs of one scenario and seed");
        }
        long end = Math.max(runEnd(baseline), runEnd(engine));
        List<Mark> anomalies = new ArrayList<>();
        List<Mark> actions = new ArrayList<>();
        for (JournalEvent event : engine.events()) {
            switch (event) {
                case AnomalyRaised a -> anomalies.add(new Mark(a.t(), a.target(), a.detector() + " on " + a.signal()));
                case ActionTaken a -> actions.add(new Mark(a.t(), a.action() + " " + a.target(),
                        a.applied() ? "applied" : "held back: " + a.detail()));
                case FaultStarted ignored -> { }
                case FaultEnded ignored -> { }
                case SloViolated ignored -> { }
                case SloRestored ignored -> { }
                case Escalated ignored -> { }
                case ClusterEvent ignored -> { }
                case RunEnded ignored -> { }
            }
        }
        return new ScenarioTimeline(engine.scenario(), engine.seed(), end, faults(engine, runEnd(engine)),
                violations(baseline), violations(engine), anomalies, actions,
                baselineSeries == null ? List.of() : baselineSeries, engineSeries == null ? List.of() : engineSeries);
    }

    private static long runEnd(Journal journal) {
        List<JournalEvent> events = journal.events();
        if (events.isEmpty() || !(events.getLast() instanceof RunEnded last)) {
            throw new IllegalArgumentException("timeline: journal of " + journal.scenario() + " seed "
                    + journal.seed() + " (engine=" + journal.engine() + ") does not end with RunEnded; "
                    + "only complete runs can be drawn");
        }
        return last.t();
    }

    private static List<Window> faults(Journal journal, long runEnd) {
        List<JournalEvent> events = journal.events();
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof FaultStarted f) {
                long end = f.end() >= f.t() ? f.end() : runEnd;
                for (int j = i + 1; j < events.size(); j++) {
                    if (events.get(j) instanceof FaultEnded e && e.fault().equals(f.fault())) {
                        end = e.t();
                        break;
                    }
                }
                end = Math.max(f.t(), Math.min(end, runEnd));
                windows.add(new Window(f.t(), end, f.fault() + " (" + f.kind() + ")" + (f.tookEffect() ? "" : " no-op")));
            }
        }
        return windows;
    }

    /** Per service (sorted by name, then by start): the intervals during which its SLO was violated. */
    private static List<Window> violations(Journal journal) {
        TreeMap<String, Long> open = new TreeMap<>();
        List<Window> windows = new ArrayList<>();
        for (JournalEvent event : journal.events()) {
            if (event instanceof SloViolated v) {
                open.putIfAbsent(v.service(), v.t());
            } else if (event instanceof SloRestored r) {
                Long start = open.remove(r.service());
                if (start != null) {
                    windows.add(new Window(start, r.t(), r.service()));
                }
            } else if (event instanceof RunEnded end) {
                open.forEach((service, start) -> windows.add(new Window(start, end.t(), service)));
                open.clear();
            }
        }
        windows.sort(Comparator.comparing(Window::label).thenComparingLong(Window::start));
        return windows;
    }
}
