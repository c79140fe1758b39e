package dev.homeostat.reports.score;

import dev.homeostat.reports.Journals;
import dev.homeostat.reports.journal.Journal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.homeostat.reports.Journals.CACHE;
import static dev.homeostat.reports.Journals.CACHE_POD;
import static dev.homeostat.reports.Journals.DB;
import static dev.homeostat.reports.Journals.DB_POD;
import static dev.homeostat.reports.Journals.WEB;
import static dev.homeostat.reports.Journals.WEB_POD;
import static org.assertj.core.api.Assertions.assertThat;

/** web calls db: a fault on db shows upstream on web. Alerts there are symptoms; restarting web is still needless. */
class UpstreamScoringTest {
    private static RunScore score(Journal engine) {
        return Scorer.score(engine, Journals.baseline(engine.seed()).end(4000), ScoringConfig.DEFAULT);
    }

    private static Journals dbSlowWithWebUpstream() {
        return Journals.engine(1).fault("db-slow", "app/dependency-slowdown", 600, 1800, DB_POD, DB, List.of(WEB));
    }

    @Test
    void alertOnUpstreamService_insideWindow_matchesAndDetectsTheIncident() {
        RunScore score = score(dbSlowWithWebUpstream()
                .alert(615, WEB, WEB)        // the caller's errors rise: a true symptom
                .alert(630, WEB_POD, WEB)    // a pod of the caller, named by its service field
                .end(4000));

        assertThat(score.matchedAlerts()).isEqualTo(2);
        assertThat(score.precision()).isEqualTo(1.0);
        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(score.f1()).isEqualTo(1.0);
        assertThat(score.mttdMillis()).isEqualTo(15_000.0);
        assertThat(score.falseAlarmsPerDay()).isZero();
    }

    @Test
    void alertOnUpstreamService_afterEndPlusGrace_isAFalseAlarm() {
        // window [600, 1800) + grace 300 s: up to 2100 s inclusive
        RunScore score = score(dbSlowWithWebUpstream().alert(2100.001, WEB, WEB).end(4000));

        assertThat(score.precision()).isEqualTo(0.0);
        assertThat(score.recall()).isEqualTo(0.0);
    }

    @Test
    void alertOnAServiceThatIsNeitherTargetNorUpstream_staysAFalseAlarm() {
        RunScore score = score(dbSlowWithWebUpstream().alert(700, WEB, WEB).alert(700, CACHE_POD, CACHE).end(4000));

        assertThat(score.alerts()).extracting(AlertEvent::matched).containsExactly(true, false);
    }

    @Test
    void faultWithoutUpstream_doesNotCreditItsCallers() {
        RunScore score = score(Journals.engine(1)
                .fault("db-slow", "app/dependency-slowdown", 600, 1800, DB_POD, DB)
                .alert(615, WEB, WEB).end(4000));

        assertThat(score.precision()).isEqualTo(0.0);
        assertThat(score.recall()).isEqualTo(0.0);
    }

    @Test
    void disruptiveActionOnUpstreamOnlyService_isNeedless_onTheFaultyServiceItIsNot() {
        RunScore score = score(dbSlowWithWebUpstream()
                .action(620, WEB_POD, WEB, true, true)    // restarting the caller does not fix a slow dependency
                .action(625, DB_POD, DB, true, true)      // acting on the fault's own target is legitimate
                .action(630, WEB_POD, WEB, true, false)   // held back: never counts
                .end(4000));

        assertThat(score.needlessActions()).extracting(a -> a.target()).containsExactly(WEB_POD);
    }

    @Test
    void pageAboutAnUpstreamService_escalatesTheIncident() {
        RunScore paged = score(dbSlowWithWebUpstream().escalated(900, WEB, WEB).end(4000));
        RunScore quiet = score(dbSlowWithWebUpstream().end(4000));

        assertThat(paged.incidents()).extracting(IncidentScore::paged, IncidentScore::escalated)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, true));
        assertThat(quiet.incidents()).extracting(IncidentScore::paged).containsExactly(false);
    }
}
