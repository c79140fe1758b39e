package dev.homeostat.reports.score;

import dev.homeostat.reports.Journals;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent.FaultStarted;
import dev.homeostat.reports.journal.JournalEvent.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.homeostat.reports.Journals.CACHE;
import static dev.homeostat.reports.Journals.CACHE_POD;
import static dev.homeostat.reports.Journals.DB;
import static dev.homeostat.reports.Journals.DB_POD;
import static dev.homeostat.reports.Journals.WEB;
import static dev.homeostat.reports.Journals.WEB_POD;
import static dev.homeostat.reports.Journals.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScorerTest {
    private static final ScoringConfig CONFIG = ScoringConfig.DEFAULT; // grace 300 s, cooldown 300 s, threshold 900 s

    private static RunScore score(Journal engine) {
        return Scorer.score(engine, Journals.baseline(engine.seed()).end(4000), CONFIG);
    }

    @Test
    void falseAlarmAndMiss_lowerPrecisionAndRecall() {
        // Incident web [60, 120) is detected by two alert events (pod at 70 s, service at 65 s);
        // incident db [600, 660) gets no alert: a miss. The cache alert at 300 s lies inside web's window
        // but on a target of no incident: a false alarm.
        RunScore score = score(Journals.engine(1)
                .fault("web-kill", "PodKill", 60, 120, WEB_POD, WEB)
                .fault("db-kill", "PodKill", 600, 660, DB_POD, DB)
                .alert(65, WEB, null)
                .alert(70, WEB_POD, WEB)
                .alert(300, CACHE_POD, CACHE)
                .end(4000));

        assertThat(score.alerts()).hasSize(3);
        assertThat(score.matchedAlerts()).isEqualTo(2);
        assertThat(score.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(score.recall()).isEqualTo(0.5);
        // 2 · (2/3) · (1/2) / (2/3 + 1/2) = 4/7
        assertThat(score.f1()).isCloseTo(4.0 / 7, within(1e-12));
        assertThat(score.incidents()).extracting(IncidentScore::detected).containsExactly(true, false);
        assertThat(score.mttdMillis()).isEqualTo(5_000.0);
    }

    @Test
    void repeatsWithinCooldown_foldIntoOneAlertEvent() {
        // Cooldown 300 s from the alert event's first anomaly: 0, 100, 299 fold; 300 opens a new one
        // that 450 folds into; the cache anomaly at 100 s is another target, so its own event.
        RunScore score = score(Journals.engine(1)
                .alert(0, WEB_POD, WEB).alert(100, WEB_POD, WEB).alert(299, WEB_POD, WEB)
                .alert(300, WEB_POD, WEB).alert(450, WEB_POD, WEB)
                .alert(100, CACHE_POD, CACHE)
                .end(4000));

        assertThat(score.alerts()).extracting(AlertEvent::t, AlertEvent::target, AlertEvent::anomalies)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, WEB_POD, 3),
                        org.assertj.core.groups.Tuple.tuple(ms(100), CACHE_POD, 1),
                        org.assertj.core.groups.Tuple.tuple(ms(300), WEB_POD, 2));
        assertThat(score.precision()).isNull(); // no incident: n/a, the three alerts are false alarms
        assertThat(score.falseAlarms()).isEqualTo(3);
        assertThat(score.recall()).isNull();
        assertThat(score.f1()).isNull();
    }

    @Test
    void alertAfterEndPlusGrace_doesNotMatch() {
        // Window [60, 120) + grace 300 s: alerts count up to 420 s inclusive.
        RunScore late = score(Journals.engine(1)
                .fault("web-kill", "PodKill", 60, 120, WEB_POD, WEB).alert(420.001, WEB_POD, WEB).end(4000));
        RunScore onTheEdge = score(Journals.engine(1)
                .fault("web-kill", "PodKill", 60, 120, WEB_POD, WEB).alert(420, WEB_POD, WEB).end(4000));

        assertThat(late.precision()).isEqualTo(0.0);
        assertThat(late.recall()).isEqualTo(0.0);
        assertThat(late.f1()).isEqualTo(0.0);
        assertThat(onTheEdge.recall()).isEqualTo(1.0);
        assertThat(onTheEdge.mttdMillis()).isEqualTo(360_000.0);
    }

    @Test
    void faultStartingAtTheRunsEnd_isNotScored() {
        // A Schedule firing on the run's last instant: nothing could act or see it, so it is no missed incident.
        RunScore score = score(Journals.engine(1)
                .fault("web-kill", "PodKill", 60, 120, WEB_POD, WEB).alert(70, WEB_POD, WEB)
                .faultUnended("web-kill-2", "PodKill", 4000, 4060, WEB_POD, WEB)
                .end(4000));

        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(score.incidents()).hasSize(1);
    }

    @Test
    void alertBeforeStart_doesNotMatch() {
        RunScore early = score(Journals.engine(1)
                .fault("web-kill", "PodKill", 60, 120, WEB_POD, WEB).alert(59, WEB_POD, WEB).end(4000));

        assertThat(early.recall()).isEqualTo(0.0);
        assertThat(early.precision()).isEqualTo(0.0);
    }

    @Test
    void mttdAndMttr_meanOverDetectedAndImpactedIncidents() {
        RunScore score = score(Journals.engine(1)
                .violated(10, WEB).restored(20, WEB, "kubernetes") // before incident 1: not its impact
                .fault("web-leak", "MemoryLeak", 100, 200, WEB_POD, WEB)
                .violated(110, WEB).alert(130, WEB_POD, WEB).restored(190, WEB, "engine")
                .fault("db-kill", "PodKill", 1000, 1100, DB_POD, DB)
                .violated(1005, DB).alert(1010, DB_POD, DB).restored(1300, DB, "kubernetes")
                .end(4000));

        // MTTD = mean(130 − 100, 1010 − 1000) = 20 s; MTTR = mean(190 − 100, 1300 − 1000) = 195 s.
        assertThat(score.mttdMillis()).isEqualTo(20_000.0);
        assertThat(score.mttrMillis()).isEqualTo(195_000.0);
        assertThat(score.incidents()).extracting(IncidentScore::restoredAt).containsExactly(ms(190), ms(1300));
        // the journal says "engine" for web, but no engine action came before the restore: scoring says kubernetes
        assertThat(score.incidents()).extracting(IncidentScore::fixedBy).containsExactly("kubernetes", "kubernetes");
        assertThat(score.downtimeMillisEngine()).isEqualTo(ms(10 + 80 + 295));
    }

    @Test
    void unrestoredViolation_closesAtRunEnd() {
        RunScore score = score(Journals.engine(1)
                .fault("web-leak", "MemoryLeak", 100, 200, WEB_POD, WEB).violated(150, WEB).end(1000));

        IncidentScore incident = score.incidents().getFirst();
        assertThat(incident.restoredAt()).isNull();
        assertThat(incident.fixedBy()).isEqualTo("unrestored");
        assertThat(incident.mttrMillis()).isEqualTo(ms(900));
        assertThat(score.downtimeMillisEngine()).isEqualTo(ms(850));
    }

    @Test
    void downtime_sumsPerServiceAndReductionComparesWithBaseline() {
        // Engine: web 100→160 (a latency violation at 120 s while already violated adds nothing) + db 100→130.
        Journal engine = Journals.engine(3)
                .fault("web-kill", "PodKill", 100, 110, WEB_POD, WEB)
                .violated(100, WEB).violated(120, WEB).restored(160, WEB, "engine")
                .violated(100, DB).restored(130, DB, "kubernetes")
                .end(400);
        // Baseline: web 100→400, db 100→ never restored, closed at RunEnded 400.
        Journal baseline = Journals.baseline(3)
                .fault("web-kill", "PodKill", 100, 110, WEB_POD, WEB)
                .violated(100, WEB).restored(400, WEB, "kubernetes").violated(100, DB)
                .end(400);

        RunScore score = Scorer.score(engine, baseline, CONFIG);

        assertThat(score.downtimeMillisEngine()).isEqualTo(ms(90));
        assertThat(score.downtimeMillisBaseline()).isEqualTo(ms(600));
        assertThat(score.downtimeReduction()).isCloseTo(1 - 90.0 / 600, within(1e-12));
    }

    @Test
    void downtimeReduction_undefinedWhenTheBaselineIsZero() {
        assertThat(RunScore.reduction(0, 0)).isNull();
        assertThat(RunScore.reduction(30, 0)).isNull();
        assertThat(RunScore.reduction(150, 100)).isEqualTo(-0.5);

        RunScore worse = score(Journals.engine(1).violated(10, WEB).restored(20, WEB, "engine").end(4000));
        assertThat(worse.downtimeReduction()).isNull();
    }

    @Test
    void needlessAction_outsideEveryIncident_isCounted() {
        RunScore score = score(Journals.engine(1)
                .fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                .action(150, WEB_POD, WEB, true, true)   // on the incident's target, in its window: needed
                .action(150, DB_POD, DB, true, true)     // target outside the incident: needless
                .action(501, WEB_POD, WEB, true, true)   // after 200 + 300 s grace: needless
                .action(160, DB_POD, DB, true, false)    // held back by a guard: not an action taken
                .action(170, DB_POD, DB, false, true)    // not disruptive: never needless
                .end(4000));

        assertThat(score.needlessActions()).extracting(a -> a.t()).containsExactly(ms(150), ms(501));
        assertThat(score.needlessActions()).extracting(a -> a.target()).containsExactly(DB_POD, WEB_POD);
    }

    @Test
    void noOpInjection_isListedButNotAMiss() {
        RunScore score = score(Journals.engine(1)
                .fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                .noOpFault("db-kill", "PodKill", 100, 200, DB_POD, DB)
                .alert(110, WEB_POD, WEB)
                .alert(120, DB_POD, DB) // the db fault did nothing, so this alert is a false alarm
                .action(130, DB_POD, DB, true, true) // and restarting db is needless
                .end(4000));

        assertThat(score.incidents()).extracting(IncidentScore::fault, IncidentScore::noOp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web-kill", false),
                        org.assertj.core.groups.Tuple.tuple("db-kill", true));
        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(score.precision()).isEqualTo(0.5);
        assertThat(score.needlessActions()).hasSize(1);
    }

    @Test
    void escalation_byPageAndByLongImpact_countedForEngineAndBaseline() {
        Journal engine = Journals.engine(5)
                .fault("a", "PodKill", 100, 200, WEB_POD, WEB).escalated(250, WEB_POD, WEB)      // paged
                .fault("b", "PodKill", 1000, 1100, DB_POD, DB)
                .violated(1000, DB).restored(2000, DB, "kubernetes")                             // 1000 s > 900 s
                .fault("c", "PodKill", 3000, 3100, CACHE_POD, CACHE)
                .violated(3000, CACHE).restored(3600, CACHE, "engine")                           // 600 s: fine
                .escalated(3500, WEB_POD, WEB)                                                   // no incident of web then
                .end(4000);
        Journal baseline = Journals.baseline(5)
                .fault("a", "PodKill", 100, 200, WEB_POD, WEB)
                .violated(100, WEB).restored(1100, WEB, "kubernetes")                           // 1000 s: escalated
                .fault("b", "PodKill", 1000, 1100, DB_POD, DB)
                .violated(1000, DB).restored(1800, DB, "kubernetes")                            // 800 s: fine
                .fault("c", "PodKill", 3000, 3100, CACHE_POD, CACHE)
                .end(4000);

        RunScore score = Scorer.score(engine, baseline, CONFIG);

        assertThat(score.incidents()).extracting(IncidentScore::paged).containsExactly(true, false, false);
        assertThat(score.incidents()).extracting(IncidentScore::escalated).containsExactly(true, true, false);
        assertThat(score.escalationsEngine()).isEqualTo(2);
        assertThat(score.escalationsBaseline()).isEqualTo(1);
    }

    @Test
    void faultEnd_fromFaultEndedOrEndField_instantaneousFaultHasZeroWidth() {
        Journal engine = Journals.engine(1)
                .event(new FaultStarted(ms(100), "kill", "PodKill", ms(100), Scope.PODS, List.of(WEB_POD), List.of(WEB), true, List.of()))
                .event(new FaultStarted(ms(200), "stress", "StressChaos", ms(500), Scope.PODS, List.of(DB_POD), List.of(DB), true, List.of()))
                .event(new FaultStarted(ms(300), "leak", "MemoryLeak", -1, Scope.PODS, List.of(CACHE_POD), List.of(CACHE), true, List.of()))
                .event(new dev.homeostat.reports.journal.JournalEvent.FaultEnded(ms(400), "stress"))
                .alert(400, WEB_POD, WEB) // 100 + 300 s grace: still in the kill's window
                .end(1000);

        RunScore score = score(engine);

        assertThat(score.incidents()).extracting(IncidentScore::start, IncidentScore::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ms(100), ms(100)),
                org.assertj.core.groups.Tuple.tuple(ms(200), ms(400)),
                org.assertj.core.groups.Tuple.tuple(ms(300), ms(1000)));
        assertThat(score.incidents().getFirst().detectedAt()).isEqualTo(ms(400));
    }

    @Test
    void partsOfOneChaosMeshObject_areOneIncident_whileASchedulesFiringsStayApart() {
        // A netem NetworkChaos gives net#1 (delay, on WEB's pod) and net#2 (loss, on DB's pod) over one window: one
        // incident named net, both kinds, both targets. A Schedule's firings share a base name but not a window.
        Journal engine = Journals.engine(1)
                .event(new FaultStarted(ms(100), "net#1", "NetworkChaos/delay", ms(400), Scope.PODS, List.of(WEB_POD), List.of(WEB), true, List.of()))
                .event(new FaultStarted(ms(100), "net#2", "NetworkChaos/loss", ms(400), Scope.PODS, List.of(DB_POD), List.of(DB), false, List.of()))
                .event(new FaultStarted(ms(1000), "kills#1", "PodChaos/pod-kill", ms(1000), Scope.PODS, List.of(CACHE_POD), List.of(CACHE), true, List.of()))
                .event(new FaultStarted(ms(2000), "kills#2", "PodChaos/pod-kill", ms(2000), Scope.PODS, List.of(CACHE_POD), List.of(CACHE), true, List.of()))
                .alert(150, DB_POD, DB)
                .end(4000);

        RunScore score = score(engine);

        assertThat(score.incidents()).extracting(IncidentScore::fault).containsExactly("net", "kills#1", "kills#2");
        IncidentScore net = score.incidents().getFirst();
        assertThat(net.kind()).isEqualTo("NetworkChaos/delay+NetworkChaos/loss");
        assertThat(net.targets()).containsExactly(WEB_POD, DB_POD);
        assertThat(net.noOp()).as("one part took effect").isFalse();
        assertThat(net.detectedAt()).as("an alert on any part's target detects the object").isEqualTo(ms(150));
    }

    @Test
    void mismatchedOrUnfinishedJournals_areRejectedWithTheFix() {
        Journal engine = Journals.engine(1).end(100);
        assertThatThrownBy(() -> Scorer.score(engine, Journals.baseline(2).end(100), CONFIG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same scenario and seed");
        assertThatThrownBy(() -> Scorer.score(engine, Journals.engine(1).end(100), CONFIG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baselineRun has engine=true");
        Journal unfinished = new Journal("demo", 1, false, List.of());
        assertThatThrownBy(() -> Scorer.score(engine, unfinished, CONFIG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no RunEnded");
        assertThatThrownBy(() -> new ScoringConfig(-1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graceMillis");
    }
}
