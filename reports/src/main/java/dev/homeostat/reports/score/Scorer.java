package dev.homeostat.reports.score;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.ActionTaken;
import dev.homeostat.reports.journal.JournalEvent.AnomalyRaised;
import dev.homeostat.reports.journal.JournalEvent.PageSource;
import dev.homeostat.reports.journal.JournalEvent.PageState;
import dev.homeostat.reports.journal.JournalEvent.Paged;
import dev.homeostat.reports.score.RunFacts.Violation;
import java.util.ArrayList;
import java.util.HashMap;
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
        requirePair(engineRun, baselineRun);
        RunFacts engine = RunFacts.of(engineRun);
        RunFacts baseline = RunFacts.of(baselineRun);

        List<AlertEvent> alerts = foldAlerts(engine, config);
        List<IncidentScore> incidents = scoreIncidents(engine, baseline, alerts, config);
        List<IncidentScore> scored = incidents.stream().filter(i -> !i.noOp()).toList();

        long matched = alerts.stream().filter(AlertEvent::matched).count();
        long detected = scored.stream().filter(IncidentScore::detected).count();
        // without an incident a precision would only restate the false alarms: n/a, as recall and F1 are
        Double precision = scored.isEmpty() || alerts.isEmpty() ? null : (double) matched / alerts.size();
        Double recall = scored.isEmpty() ? null : (double) detected / scored.size();
        Double f1 = f1(precision, recall);

        long downtimeEngine = engine.downtimeMillis();
        long downtimeBaseline = baseline.downtimeMillis();
        int pagesEngine = engine.newPages().size();
        int pagesBaseline = baseline.newPages().size();
        int sent = (int) engine.newPages().stream().filter(p -> p.source() == PageSource.ENGINE).count();
        int falseAlarms = (int) (alerts.size() - matched);

        return new RunScore(engineRun.scenario(), engineRun.seed(), engine.runEnd(), incidents, alerts, precision, recall, f1,
                mean(scored, IncidentScore::detected, IncidentScore::mttdMillis),
                mean(scored, IncidentScore::impact, IncidentScore::mttrMillis),
                mean(scored, IncidentScore::baselineImpact, IncidentScore::baselineMttrMillis),
                downtimeEngine, downtimeBaseline, RunScore.reduction(downtimeEngine, downtimeBaseline),
                pagesEngine, pagesBaseline, sent, RunScore.reduction(pagesEngine, pagesBaseline),
                (int) scored.stream().filter(IncidentScore::paged).count(),
                (int) scored.stream().filter(IncidentScore::baselinePaged).count(),
                needlessActions(engine, config), falseAlarms, falseAlarms / days(engine.runEnd()),
                (int) scored.stream().filter(IncidentScore::escalated).count(),
                (int) scored.stream().filter(IncidentScore::baselineEscalated).count());
    }

    private static void requirePair(Journal engineRun, Journal baselineRun) {
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
    }

    /** Harmonic mean; 0 when there are incidents but no alerts; undefined without incidents. */
    static Double f1(Double precision, Double recall) {
        if (recall == null) return null;
        if (precision == null || precision + recall == 0) return 0.0;
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
    private static List<AlertEvent> foldAlerts(RunFacts run, ScoringConfig config) {
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
        List<FaultWindow> scored = run.scoredWindows();
        List<AlertEvent> alerts = new ArrayList<>(events.size());
        for (Open open : events) {
            AnomalyRaised a = open.first();
            boolean matched = scored.stream().anyMatch(w -> w.showsIn(a.target(), a.service()) && w.inWindow(a.t(), config.graceMillis()));
            alerts.add(new AlertEvent(a.t(), a.target(), a.service(), a.detector(), open.count()[0], matched));
        }
        return alerts;
    }

    private static List<IncidentScore> scoreIncidents(RunFacts engine, RunFacts baseline, List<AlertEvent> alerts, ScoringConfig config) {
        long grace = config.graceMillis();
        Map<String, FaultWindow> baselineByFault = new HashMap<>();
        for (FaultWindow w : baseline.windows()) baselineByFault.putIfAbsent(w.fault() + "@" + w.start(), w);
        List<IncidentScore> out = new ArrayList<>();
        for (FaultWindow w : engine.windows()) {
            if (w.noOp()) {
                out.add(new IncidentScore(w.fault(), w.kind(), w.start(), w.end(), w.targets(), w.services(), true,
                        null, null, null, null, false, null, false, false, false));
                continue;
            }
            Long detectedAt = alerts.stream().filter(a -> w.showsIn(a.target(), a.service()) && w.inWindow(a.t(), grace))
                    .map(AlertEvent::t).findFirst().orElse(null);
            FaultWindow inBaseline = baselineByFault.getOrDefault(w.fault() + "@" + w.start(), w);
            Violation last = lastViolation(engine, w, grace);
            Violation baselineLast = lastViolation(baseline, inBaseline, grace);
            boolean enginePaged = engine.events().stream().anyMatch(e -> e instanceof Paged p && p.source() == PageSource.ENGINE
                    && p.state() != PageState.RESOLVED && w.showsIn(p.target(), p.service()) && w.inWindow(p.t(), grace));
            long threshold = config.escalationThresholdMillis();
            out.add(new IncidentScore(w.fault(), w.kind(), w.start(), w.end(), w.targets(), w.services(), false, detectedAt,
                    last == null ? null : last.end(),
                    last == null || !last.restored() ? null : last.end(),
                    last == null ? null : fixedBy(w, last, baselineLast, engine),
                    paged(engine, w, grace), baselineLast == null ? null : baselineLast.end(), paged(baseline, inBaseline, grace),
                    enginePaged || (last != null && last.end() - w.start() > threshold),
                    baselineLast != null && baselineLast.end() - w.start() > threshold));
        }
        return out;
    }

    /** The last SLO violation of the window's services that overlaps [start, end + grace]. */
    private static Violation lastViolation(RunFacts run, FaultWindow w, long grace) {
        Violation last = null;
        for (Violation v : run.violations()) {
            if (w.touchesService(v.service()) && v.overlaps(w.start(), w.windowEnd(grace)) && (last == null || v.end() >= last.end())) {
                last = v;
            }
        }
        return last;
    }

    private static boolean paged(RunFacts run, FaultWindow w, long grace) {
        return run.events().stream().anyMatch(e -> e instanceof Paged p && p.state() != PageState.RESOLVED
                && w.showsIn(p.target(), p.service()) && w.inWindow(p.t(), grace));
    }

    /**
     * A restore is the engine's only when an applied engine action on the incident's targets or services came before
     * it and the same incident restored later in the baseline run, or never did (an impact the baseline did not have
     * is never the engine's cure). Otherwise the fault ending, when it ended within the violation, or Kubernetes.
     */
    static String fixedBy(FaultWindow w, Violation last, Violation baselineLast, RunFacts engine) {
        if (!last.restored()) return "unrestored";
        long restored = last.end();
        boolean acted = engine.events().stream().anyMatch(e -> e instanceof ActionTaken a && a.applied()
                && a.t() >= w.start() && a.t() <= restored && w.covers(a.target(), a.service()));
        boolean baselineLater = baselineLast != null && (!baselineLast.restored() || baselineLast.end() > restored);
        if (acted && baselineLater) return "engine";
        String by = last.restoredBy();
        if (!by.equals("engine") && !by.isBlank()) return by;
        boolean faultEnded = w.end() > w.start() && w.end() >= last.start() && w.end() <= restored;
        return faultEnded ? "fault-ended" : by.isBlank() ? "unknown" : "kubernetes";
    }

    /**
     * Applied disruptive actions that broke a service's floor of ready pods, or that hit nothing a scored fault
     * affected within its window (reports/README.md, "Needless actions").
     */
    private static List<NeedlessAction> needlessActions(RunFacts run, ScoringConfig config) {
        List<NeedlessAction> needless = new ArrayList<>();
        List<FaultWindow> scored = run.scoredWindows();
        for (JournalEvent event : run.events()) {
            if (!(event instanceof ActionTaken a) || !a.applied() || !a.disruptive()) continue;
            String reason = null;
            if (a.readyAfter() != null && a.minReady() != null && a.readyBefore() != null
                    && a.readyAfter() < a.minReady() && a.readyAfter() < a.readyBefore()) {
                reason = "left " + a.service() + " with " + a.readyAfter() + " ready pods (floor " + a.minReady() + ")";
            } else if (scored.stream().noneMatch(w -> w.affectedBy(a) && w.inWindow(a.t(), config.graceMillis()))) {
                reason = "no fault affected " + a.target();
            }
            if (reason != null) needless.add(new NeedlessAction(a.t(), a.action(), a.target(), a.service(), a.rule(), reason));
        }
        return needless;
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static double days(long runMillis) {
        return Math.max(runMillis, 1) / 86_400_000.0;
    }
}
