package dev.homeostat.reports.score;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.ActionTaken;
import dev.homeostat.reports.journal.JournalEvent.AnomalyRaised;
import dev.homeostat.reports.journal.JournalEvent.Escalated;
import dev.homeostat.reports.journal.JournalEvent.FaultEnded;
import dev.homeostat.reports.journal.JournalEvent.FaultStarted;
import dev.homeostat.reports.journal.JournalEvent.RunEnded;
import dev.homeostat.reports.journal.JournalEvent.SloRestored;
import dev.homeostat.reports.journal.JournalEvent.SloViolated;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Scores an engine run against its baseline run, exactly as reports/README.md defines it
 * (event-wise, never point-adjusted). Pure: same journals, same score.
 */
public final class Scorer {
    private Scorer() { }

    /** Scores with {@link ScoringConfig#DEFAULT} (grace 5 min, cooldown 5 min, escalation threshold 15 min). */
    public static RunScore score(Journal engineRun, Journal baselineRun) {
        return score(engineRun, baselineRun, ScoringConfig.DEFAULT);
    }

    public static RunScore score(Journal engineRun, Journal baselineRun, ScoringConfig config) {
        Objects.requireNonNull(engineRun, "engineRun");
        Objects.requireNonNull(baselineRun, "baselineRun");
        Objects.requireNonNull(config, "config");
        if (!engineRun.engine()) {
            throw new IllegalArgumentException("engineRun has engine=false: pass the run with the engine on as "
                    + "engineRun and the native-Kubernetes run (engine off) as baselineRun");
        }
        if (baselineRun.engine()) {
            throw new IllegalArgumentException("baselineRun has engine=true: the baseline is the run of the same "
                    + "scenario and seed with the engine off");
        }
        if (engineRun.seed() != baselineRun.seed() || !Objects.equals(engineRun.scenario(), baselineRun.scenario())) {
            throw new IllegalArgumentException("baselineRun is scenario " + baselineRun.scenario() + " seed "
                    + baselineRun.seed() + " but engineRun is scenario " + engineRun.scenario() + " seed "
                    + engineRun.seed() + "; score a run against the baseline of the same scenario and seed");
        }
        Run engine = Run.of(engineRun);
        Run baseline = Run.of(baselineRun);

        List<AlertEvent> alerts = foldAlerts(engine, config);
        List<IncidentScore> incidents = scoreIncidents(engine, alerts, config);
        List<IncidentScore> baselineIncidents = scoreIncidents(baseline, List.of(), config);
        List<IncidentScore> scored = incidents.stream().filter(i -> !i.noOp()).toList();

        long matched = alerts.stream().filter(AlertEvent::matched).count();
        long detected = scored.stream().filter(IncidentScore::detected).count();
        Double precision = alerts.isEmpty() ? null : (double) matched / alerts.size();
        Double recall = scored.isEmpty() ? null : (double) detected / scored.size();
        Double f1 = f1(precision, recall);

        long downtimeEngine = engine.downtimeMillis();
        long downtimeBaseline = baseline.downtimeMillis();
        int escalationsEngine = (int) scored.stream().filter(IncidentScore::escalated).count();
        int escalationsBaseline = (int) baselineIncidents.stream().filter(i -> !i.noOp() && i.escalated()).count();

        return new RunScore(engineRun.scenario(), engineRun.seed(), incidents, alerts, baselineIncidents,
                precision, recall, f1,
                mean(scored, IncidentScore::detected, IncidentScore::mttdMillis),
                mean(scored, IncidentScore::impact, IncidentScore::mttrMillis),
                downtimeEngine, downtimeBaseline, RunScore.reduction(downtimeEngine, downtimeBaseline),
                escalationsEngine, escalationsBaseline, RunScore.reduction(escalationsEngine, escalationsBaseline),
                needlessActions(engine, config), (alerts.size() - matched) / days(engineRun));
    }

    /** Harmonic mean; 0 when there are incidents but no alerts; undefined without incidents. */
    static Double f1(Double precision, Double recall) {
        if (recall == null) {
            return null;
        }
        if (precision == null || precision + recall == 0) {
            return 0.0;
        }
        return 2 * precision * recall / (precision + recall);
    }

    private static Double mean(List<IncidentScore> incidents, Predicate<IncidentScore> which,
                               ToLongFunction<IncidentScore> value) {
        OptionalDouble mean = incidents.stream().filter(which).mapToLong(value).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    /**
     * An alert event opens at an anomaly on a target with no open alert event; anomalies on that target
     * before {@code opening + cooldown} fold into it; the first one at or after that opens a new alert event.
     */
    private static List<AlertEvent> foldAlerts(Run run, ScoringConfig config) {
        record Open(AnomalyRaised first, int[] count) { }
        List<Open> events = new ArrayList<>();
        Map<String, Open> openByTarget = new HashMap<>();
        for (JournalEvent event : run.events()) {
            if (event instanceof AnomalyRaised a) {
                String key = a.target() != null ? a.target() : "service:" + a.service();
                Open open = openByTarget.get(key);
                if (open != null && a.t() - open.first().t() < config.alertCooldownMillis()) {
                    open.count()[0]++;
                } else {
                    Open fresh = new Open(a, new int[] {1});
                    openByTarget.put(key, fresh);
                    events.add(fresh);
                }
            }
        }
        List<AlertEvent> alerts = new ArrayList<>(events.size());
        for (Open open : events) {
            AnomalyRaised a = open.first();
            boolean matched = run.scoredIncidents().stream()
                    .anyMatch(i -> i.showsIn(a.target(), a.service()) && i.inWindow(a.t(), config.graceMillis()));
            alerts.add(new AlertEvent(a.t(), a.target(), a.service(), a.detector(), open.count()[0], matched));
        }
        return alerts;
    }

    private static List<IncidentScore> scoreIncidents(Run run, List<AlertEvent> alerts, ScoringConfig config) {
        long grace = config.graceMillis();
        List<IncidentScore> out = new ArrayList<>();
        for (Incident incident : run.incidents()) {
            if (incident.noOp()) {
                out.add(new IncidentScore(incident.fault(), incident.kind(), incident.start(), incident.end(),
                        incident.targets(), incident.services(), true, null, null, null, null, false, false));
                continue;
            }
            Long detectedAt = alerts.stream()
                    .filter(a -> incident.showsIn(a.target(), a.service()) && incident.inWindow(a.t(), grace))
                    .map(AlertEvent::t).findFirst().orElse(null);
            Violation last = null;
            for (Violation v : run.violations()) {
                if (incident.touchesService(v.service()) && v.overlaps(incident.start(), incident.windowEnd(grace))
                        && (last == null || v.end() >= last.end())) {
                    last = v;
                }
            }
            // a page about a symptom (an upstream service) pulls a human into this incident too
            boolean paged = run.events().stream().anyMatch(e -> e instanceof Escalated esc
                    && incident.showsIn(esc.target(), esc.service()) && incident.inWindow(esc.t(), grace));
            boolean longImpact = last != null && last.end() - incident.start() > config.escalationThresholdMillis();
            out.add(new IncidentScore(incident.fault(), incident.kind(), incident.start(), incident.end(),
                    incident.targets(), incident.services(), false, detectedAt,
                    last == null ? null : last.end(),
                    last == null || last.restoredBy() == null ? null : last.end(),
                    last == null ? null : last.fixedBy(),
                    paged, paged || longImpact));
        }
        return out;
    }

    /**
     * Only {@link Incident#covers} legitimises a disruptive action: restarting a caller of a slow dependency
     * (an upstream service) does not fix the dependency, so it stays needless.
     */
    private static List<ActionTaken> needlessActions(Run run, ScoringConfig config) {
        List<ActionTaken> needless = new ArrayList<>();
        for (JournalEvent event : run.events()) {
            if (event instanceof ActionTaken a && a.applied() && a.disruptive()
                    && run.scoredIncidents().stream().noneMatch(i -> i.covers(a.target(), a.service())
                    && i.inWindow(a.t(), config.graceMillis()))) {
                needless.add(a);
            }
        }
        return needless;
    }

    /**
     * An injected fault window [start, end) with what it hit, and the services upstream of it (their callers,
     * transitively), where its symptoms show.
     */
    record Incident(String fault, String kind, long start, long end, List<String> targets, List<String> services,
                    List<String> upstream, boolean noOp) {
        Incident {
            targets = targets == null ? List.of() : List.copyOf(targets);
            services = services == null ? List.of() : List.copyOf(services);
            upstream = upstream == null ? List.of() : List.copyOf(upstream);
        }

        /**
         * The event is about this incident or one of its symptoms: it {@link #covers} it, or names an upstream
         * service (by target or by service field). Alerts and pages use this; actions use {@link #covers}.
         */
        boolean showsIn(String target, String service) {
            return covers(target, service)
                    || (target != null && upstream.contains(target))
                    || (service != null && upstream.contains(service));
        }

        /** The event names one of our targets, or the service they back (by target or by service field). */
        boolean covers(String target, String service) {
            return (target != null && (targets.contains(target) || services.contains(target)))
                    || (service != null && services.contains(service));
        }

        boolean touchesService(String service) {
            return services.contains(service) || targets.contains(service);
        }

        long windowEnd(long grace) {
            return saturatedAdd(end, grace);
        }

        boolean inWindow(long t, long grace) {
            return t >= start && t <= windowEnd(grace);
        }
    }

    /** One SLO violation interval [start, end) of one service; restoredBy null when the run ended first. */
    record Violation(String service, long start, long end, String restoredBy) {
        /** Overlaps the closed window [from, to]; a zero-length violation counts when it lies inside it. */
        boolean overlaps(long from, long to) {
            return start <= to && (end > from || start >= from);
        }

        String fixedBy() {
            if (restoredBy == null) {
                return "unrestored";
            }
            return restoredBy.isBlank() ? "unknown" : restoredBy;
        }
    }

    /** The facts of one journal that scoring needs, each derived once. */
    record Run(List<JournalEvent> events, List<Incident> incidents, List<Violation> violations) {
        List<Incident> scoredIncidents() {
            return incidents.stream().filter(i -> !i.noOp()).toList();
        }

        long downtimeMillis() {
            return violations.stream().mapToLong(v -> v.end() - v.start()).sum();
        }

        static Run of(Journal journal) {
            String name = "journal of scenario " + journal.scenario() + " seed " + journal.seed();
            List<JournalEvent> events = journal.events();
            long runEnd = -1;
            for (int i = 0; i < events.size(); i++) {
                JournalEvent e = Objects.requireNonNull(events.get(i), () -> name + ": event is null");
                if (i > 0 && e.t() < events.get(i - 1).t()) {
                    throw new IllegalArgumentException(name + ": event " + i + " at t " + e.t()
                            + " comes after t " + events.get(i - 1).t() + "; journal events must be in time order");
                }
                if (e instanceof RunEnded r) {
                    runEnd = r.t();
                }
            }
            if (runEnd < 0) {
                throw new IllegalArgumentException(name + " has no RunEnded event: the run did not finish "
                        + "(or the journal is truncated); re-run it so the journal ends with RunEnded");
            }
            return new Run(events, incidents(events, runEnd, name), violations(events, runEnd));
        }

        /**
         * A FaultStarted pairs with the next FaultEnded of the same fault name. Its end is that FaultEnded's
         * time, else its own {@code end} field when that is not before the start, else the run's end; always
         * clamped into [start, run end].
         */
        private static List<Incident> incidents(List<JournalEvent> events, long runEnd, String name) {
            Map<String, Deque<Integer>> openByFault = new HashMap<>();
            List<FaultStarted> started = new ArrayList<>();
            List<Long> endedAt = new ArrayList<>();
            for (JournalEvent e : events) {
                if (e instanceof FaultStarted f) {
                    if (f.fault() == null || f.fault().isBlank()) {
                        throw new IllegalArgumentException(name + ": FaultStarted at t " + f.t()
                                + " has no fault name; every injected fault needs a name");
                    }
                    openByFault.computeIfAbsent(f.fault(), k -> new ArrayDeque<>()).add(started.size());
                    started.add(f);
                    endedAt.add(null);
                } else if (e instanceof FaultEnded f) {
                    Deque<Integer> open = openByFault.get(f.fault());
                    if (open != null && !open.isEmpty()) {
                        endedAt.set(open.poll(), f.t());
                    }
                }
            }
            List<Incident> incidents = new ArrayList<>(started.size());
            for (int i = 0; i < started.size(); i++) {
                FaultStarted f = started.get(i);
                long end = endedAt.get(i) != null ? endedAt.get(i) : f.end() >= f.t() ? f.end() : runEnd;
                end = Math.max(f.t(), Math.min(end, runEnd));
                incidents.add(new Incident(f.fault(), f.kind() == null ? "unknown" : f.kind(), f.t(), end,
                        f.targets(), f.services(), f.upstream(), !f.tookEffect()));
            }
            return incidents;
        }

        /**
         * A service is violated or not: SloViolated opens an interval unless one is open, SloRestored closes
         * the open one, and an interval still open at RunEnded closes there, unrestored.
         */
        private static List<Violation> violations(List<JournalEvent> events, long runEnd) {
            Map<String, Long> openSince = new LinkedHashMap<>();
            List<Violation> closed = new ArrayList<>();
            for (JournalEvent e : events) {
                if (e instanceof SloViolated v) {
                    openSince.putIfAbsent(v.service(), v.t());
                } else if (e instanceof SloRestored r) {
                    Long since = openSince.remove(r.service());
                    if (since != null) {
                        closed.add(new Violation(r.service(), since, r.t(), r.by() == null ? "" : r.by()));
                    }
                }
            }
            openSince.forEach((service, since) -> closed.add(new Violation(service, since, Math.max(since, runEnd), null)));
            return List.copyOf(closed);
        }
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** The run's length in days, from its RunEnded line (scoring has already refused a journal without one). */
    private static double days(Journal run) {
        long end = 0;
        for (JournalEvent e : run.events()) if (e instanceof RunEnded r) end = r.t();
        return Math.max(end, 1) / 86_400_000.0;
    }
}
