package dev.homeostat.reports.score;

import dev.homeostat.reports.Journals;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent.PageState;
import org.junit.jupiter.api.Test;

import static dev.homeostat.reports.Journals.DB;
import static dev.homeostat.reports.Journals.DB_POD;
import static dev.homeostat.reports.Journals.WEB;
import static dev.homeostat.reports.Journals.WEB_POD;
import static dev.homeostat.reports.Journals.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** One test per definition of reports/README.md that a report's numbers rest on. */
class ScoringContractTest {
    private static final String WEB_POD_2 = "pod/default/web-2";
    private static final ScoringConfig CONFIG = ScoringConfig.DEFAULT;

    @Test
    void pages_likeForLike_baselineIsTheSloAlerts_engineIsWhatItSentPlusTheSloAlertsThatStillFired() {
        // baseline: the SLO alerts page web once (a FIRING, two UPDATEs that are the same pager incident), resolve, then
        // page again later: two pages. Engine run: the SLO alerts page once, the engine sends one page of its own.
        Journal baseline = Journals.baseline(1).fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                .sloPage(130, "web#1", PageState.FIRING, WEB).sloPage(430, "web#1", PageState.UPDATE, WEB)
                .sloPage(730, "web#1", PageState.UPDATE, WEB).sloPage(900, "web#1", PageState.RESOLVED, WEB)
                .sloPage(2000, "web#2", PageState.FIRING, WEB).end(4000);
        Journal engine = Journals.engine(1).fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB)
                .sloPage(130, "web#1", PageState.FIRING, WEB).sloPage(300, "web#1", PageState.RESOLVED, WEB)
                .escalated(150, WEB_POD, WEB).end(4000);

        RunScore score = Scorer.score(engine, baseline, CONFIG);

        assertThat(score.pagesBaseline()).isEqualTo(2);
        assertThat(score.pagesEngine()).isEqualTo(2);
        assertThat(score.enginePagesSent()).isEqualTo(1);
        assertThat(score.pageReduction()).isEqualTo(0.0);
        // the incident reached a human in both runs
        assertThat(score.incidentsEscalatedBaseline()).isEqualTo(1);
        assertThat(score.incidentsEscalatedEngine()).isEqualTo(1);
        assertThat(score.scoredIncidents().getFirst().baselinePaged()).isTrue();
    }

    @Test
    void pageReduction_isNotApplicableWhenTheBaselinePagedNobody() {
        Journal engine = Journals.engine(1).escalated(150, WEB_POD, WEB).end(4000);
        RunScore score = Scorer.score(engine, Journals.baseline(1).end(4000), CONFIG);

        assertThat(score.pagesEngine()).isEqualTo(1);
        assertThat(score.pageReduction()).isNull();
    }

    @Test
    void mttr_isNullExactlyWithoutImpact_whileALateRestoreStillCounts_andRestoredAtIsNullWhenUnrestored() {
        // grace 300 s: web's fault [100, 200] is scored up to 500 s; db's violation begins after its window
        Journal engine = Journals.engine(1)
                .fault("web-kill", "PodKill", 100, 200, WEB_POD, WEB).violated(150, WEB).restored(2000, WEB, "kubernetes")
                .fault("db-kill", "PodKill", 1000, 1100, DB_POD, DB).violated(1401, DB).restored(1500, DB, "kubernetes")
                .fault("web-kill-2", "PodKill", 3000, 3000, WEB_POD, WEB).violated(3100, WEB).end(4000);

        var incidents = Scorer.score(engine, Journals.baseline(1).end(4000), CONFIG).incidents();

        assertThat(incidents).extracting(IncidentScore::mttrMillis).containsExactly(ms(1900), null, ms(1000));
        assertThat(incidents).extracting(IncidentScore::restoredAt).containsExactly(ms(2000), null, null);
        assertThat(incidents).extracting(IncidentScore::fixedBy).containsExactly("kubernetes", null, "unrestored");
    }

    @Test
    void downtime_isServiceSecondsSummedOverServices_soItCanExceedTheRunsLength() {
        // a 100-second run in which web and db both violate their SLOs for all of it
        Journal engine = Journals.engine(1).violated(0, WEB).violated(0, DB).end(100);

        assertThat(Scorer.score(engine, Journals.baseline(1).end(100), CONFIG).downtimeMillisEngine()).isEqualTo(ms(200));
    }

    @Test
    void attribution_theEngineOnlyWhenItActedOnTheTargetsFirst_andTheBaselineRestoredLater() {
        // engine restarts the killed pod at 120 s, web restored at 150 s; in the baseline web restored at 400 s
        Journal baseline = Journals.baseline(1).fault("web-kill", "PodKill", 100, 100, WEB_POD, WEB)
                .violated(100, WEB).restored(400, WEB, "kubernetes").end(4000);
        Journal healed = Journals.engine(1).fault("web-kill", "PodKill", 100, 100, WEB_POD, WEB)
                .violated(100, WEB).action(120, WEB_POD, WEB, true, true).restored(150, WEB, "engine").end(4000);
        assertThat(Scorer.score(healed, baseline, CONFIG).incidents().getFirst().fixedBy()).isEqualTo("engine");

        // the same restore time in both runs: Kubernetes did it, whatever the engine did meanwhile
        Journal sameTime = Journals.engine(1).fault("web-kill", "PodKill", 100, 100, WEB_POD, WEB)
                .violated(100, WEB).action(120, WEB_POD, WEB, true, true).restored(400, WEB, "engine").end(4000);
        assertThat(Scorer.score(sameTime, baseline, CONFIG).incidents().getFirst().fixedBy()).isEqualTo("kubernetes");

        // restored earlier, but the engine acted on another service only: not the engine's restore
        Journal elsewhere = Journals.engine(1).fault("web-kill", "PodKill", 100, 100, WEB_POD, WEB)
                .violated(100, WEB).action(120, DB_POD, DB, true, true).restored(150, WEB, "engine").end(4000);
        assertThat(Scorer.score(elsewhere, baseline, CONFIG).incidents().getFirst().fixedBy()).isEqualTo("kubernetes");

        // a fault that ended within the violation, without an engine action: the fault ending
        Journal baselineStress = Journals.baseline(1).fault("stress", "StressChaos", 100, 300, WEB_POD, WEB)
                .violated(110, WEB).restored(310, WEB, "fault-ended").end(4000);
        Journal stress = Journals.engine(1).fault("stress", "StressChaos", 100, 300, WEB_POD, WEB)
                .violated(110, WEB).restored(310, WEB, "engine").end(4000);
        assertThat(Scorer.score(stress, baselineStress, CONFIG).incidents().getFirst().fixedBy()).isEqualTo("fault-ended");
    }

    @Test
    void needless_aRestartOfAPodTheFaultDidNotAffect_evenInsideTheWindow() {
        // a pod-kill of web-1: restarting web-1 is on the fault's target; restarting its surviving sibling web-2 is not
        RunScore score = Scorer.score(Journals.engine(1).fault("kill", "PodKill", 100, 100, WEB_POD, WEB)
                        .action(110, WEB_POD, WEB, true, true).action(130, WEB_POD_2, WEB, true, true).end(4000),
                Journals.baseline(1).end(4000), CONFIG);

        assertThat(score.needlessActions()).singleElement().satisfies(a -> {
            assertThat(a.target()).isEqualTo(WEB_POD_2);
            assertThat(a.reason()).isEqualTo("no fault affected " + WEB_POD_2);
        });
    }

    @Test
    void needless_aDeploymentWideFaultAffectsEveryPodOfItsService_aSlowBackendNone() {
        RunScore leak = Scorer.score(Journals.engine(1)
                        .deploymentFault("leak", "app/memory-leak", 100, 900, "deployment/default/web", WEB)
                        .action(300, WEB_POD_2, WEB, true, true).end(4000),
                Journals.baseline(1).end(4000), CONFIG);
        assertThat(leak.needlessActions()).isEmpty();

        RunScore slow = Scorer.score(Journals.engine(1)
                        .event(new dev.homeostat.reports.journal.JournalEvent.FaultStarted(ms(100), "slow", "app/dependency-slowdown",
                                ms(900), dev.homeostat.reports.journal.JournalEvent.Scope.SERVICE, java.util.List.of(DB), java.util.List.of(DB),
                                true, java.util.List.of(WEB)))
                        .action(300, DB_POD, DB, true, true).action(310, WEB_POD, WEB, true, true).end(4000),
                Journals.baseline(1).end(4000), CONFIG);
        // the slow service's pods are not at fault, and a caller is only a symptom: both restarts are needless
        assertThat(slow.needlessActions()).extracting(NeedlessAction::target).containsExactly(DB_POD, WEB_POD);
    }

    @Test
    void needless_anyActionThatLeavesAServiceBelowItsFloor_evenOnAnAffectedPod() {
        RunScore score = Scorer.score(Journals.engine(1).fault("kill", "PodKill", 100, 100, WEB_POD, WEB)
                        .restart(110, WEB_POD, WEB, 1, 0, 1)    // the last ready pod: below one ready pod
                        .restart(400, WEB_POD, WEB, 3, 2, 2)    // 2 of 3 left with a PDB asking for 2: fine
                        .restart(420, WEB_POD, WEB, 2, 1, 2)    // below its PodDisruptionBudget
                        .end(4000),
                Journals.baseline(1).end(4000), CONFIG);

        assertThat(score.needlessActions()).extracting(a -> a.t(), NeedlessAction::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ms(110), "left " + WEB + " with 0 ready pods (floor 1)"),
                org.assertj.core.groups.Tuple.tuple(ms(420), "left " + WEB + " with 1 ready pods (floor 2)"));
    }

    @Test
    void controls_precisionIsNotApplicable_andTheirAlertsAreFalseAlarms() {
        RunScore control = Scorer.score(Journals.engine(1).alert(100, WEB_POD, WEB).alert(2000, DB_POD, DB).end(86_400),
                Journals.baseline(1).end(86_400), CONFIG);

        assertThat(control.noFault()).isTrue();
        assertThat(control.precision()).isNull();
        assertThat(control.recall()).isNull();
        assertThat(control.falseAlarms()).isEqualTo(2);
        assertThat(control.falseAlarmsPerDay()).isEqualTo(2.0);
        assertThat(control.downtimeReduction()).isNull();
    }
}
