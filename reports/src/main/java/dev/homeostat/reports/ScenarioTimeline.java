package dev.homeostat.reports;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.ActionTaken;
import dev.homeostat.reports.journal.JournalEvent.AnomalyRaised;
import dev.homeostat.reports.journal.JournalEvent.Paged;
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
                               List<Mark> anomalies, List<Mark> actions, List<Mark> pagesBaseline, List<Mark> pagesEngine,
                               List<TimelineSeries> baselineSeries, List<TimelineSeries> engineSeries) {
    /** Kinds of an action mark: what became of the action. */
    public static final String APPLIED = "applied", HELD = "held", REFUSED = "refused";

    /** An interval {@code [start, end]} with what it was: a fault's {@code name (kind)}, a violated service. */
    public record Window(long start, long end, String label) {
        public Window {
            Objects.requireNonNull(label, "label");
            if (end < start) {
                throw new IllegalArgumentException("window " + label + ": end " + end + " is before start " + start);
            }
        }
    }

    /**
     * A point in time: an anomaly ({@code label} = target, {@code detail} = detector and signal), an action
     * ({@code kind} applied, held or refused) or a page ({@code kind} = who sent it).
     */
    public record Mark(long t, String label, String detail, String kind) {
        public Mark {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** How many actions ended as {@code kind} (APPLIED, HELD, REFUSED). */
    public long actionCount(String kind) {
        return actions.stream().filter(m -> m.kind().equals(kind)).count();
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
        pagesBaseline = List.copyOf(pagesBaseline);
        pagesEngine = List.copyOf(pagesEngine);
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
                case AnomalyRaised a -> anomalies.add(new Mark(a.t(), a.target(), a.detector() + " on " + a.signal(), "anomaly"));
                case ActionTaken a -> actions.add(new Mark(a.t(), a.action() + " " + a.target(), switch (a.outcome()) {
                    case APPLIED -> "applied";
                    case HELD -> "held back by " + a.guard() + ": " + a.detail();
                    case REFUSED -> "refused: " + a.detail();
                }, switch (a.outcome()) {
                    case APPLIED -> APPLIED;
                    case HELD -> HELD;
                    case REFUSED -> REFUSED;
                }));
                default -> { }
            }
        }
        return new ScenarioTimeline(engine.scenario(), engine.seed(), end, faults(engine, runEnd(engine)),
                violations(baseline), violations(engine), anomalies, actions, pages(baseline), pages(engine),
                baselineSeries == null ? List.of() : baselineSeries, engineSeries == null ? List.of() : engineSeries);
    }

    /** The pages that opened a pager incident (a FIRING of a key not open), as marks of their sender. */
    private static List<Mark> pages(Journal journal) {
        List<Mark> marks = new ArrayList<>();
        java.util.Set<String> open = new java.util.HashSet<>();
        for (JournalEvent event : journal.events()) {
            if (!(event instanceof Paged p)) continue;
            String key = p.source() + " " + p.key();
            switch (p.state()) {
                case FIRING -> {
                    if (open.add(key)) marks.add(new Mark(p.t(), p.target() == null ? "" : p.target(), p.reason(),
                            p.source().name().toLowerCase(java.util.Locale.ROOT)));
                }
                case UPDATE -> { }
                case RESOLVED -> open.remove(key);
            }
        }
        return marks;
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
