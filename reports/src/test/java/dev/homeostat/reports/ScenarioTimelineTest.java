package dev.homeostat.reports;

import dev.homeostat.reports.ScenarioTimeline.Mark;
import dev.homeostat.reports.ScenarioTimeline.Window;
import dev.homeostat.reports.journal.Journal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.homeostat.reports.Journals.DB;
import static dev.homeostat.reports.Journals.WEB;
import static dev.homeostat.reports.Journals.WEB_POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioTimelineTest {
    @Test
    void from_derivesFaultWindowsViolationsAnomaliesAndActions() {
        ScenarioTimeline t = ReportFixtures.timeline();

        assertThat(t.scenario()).isEqualTo("demo");
        assertThat(t.seed()).isEqualTo(1);
        assertThat(t.endMillis()).isEqualTo(2_400_000);
        assertThat(t.faults()).containsExactly(new Window(600_000, 1_200_000, "web-kill (PodKill)"));
        assertThat(t.sloViolationsBaseline()).containsExactly(new Window(610_000, 1_500_000, WEB));
        assertThat(t.sloViolationsEngine()).containsExactly(new Window(610_000, 720_000, WEB));
        assertThat(t.anomalies()).containsExactly(new Mark(640_000, WEB_POD, "zscore on errors", "anomaly"),
                new Mark(655_000, WEB_POD, "zscore on errors", "anomaly"));
        assertThat(t.actions()).containsExactly(new Mark(660_000, "restart " + WEB_POD, "applied", ScenarioTimeline.APPLIED),
                new Mark(2_000_000, "restart " + WEB_POD, "held back by cooldown: 5m", ScenarioTimeline.HELD));
        assertThat(t.actionCount(ScenarioTimeline.HELD)).isEqualTo(1);
        assertThat(t.engineSeries()).extracting(TimelineSeries::name)
                .containsExactly("web error ratio", "web p99 latency (s)");
    }

    @Test
    void violationStillOpenAtTheEnd_closesAtRunEnded_andASecondReasonAddsNothing() {
        Journal baseline = Journals.baseline(3).violated(100, DB).violated(150, DB).restored(50, WEB, "kubernetes")
                .violated(200, WEB).end(1000);
        Journal engine = Journals.engine(3).noOpFault("noop", "PodKill", 50, 60, WEB_POD, WEB).end(1000);

        ScenarioTimeline t = ScenarioTimeline.from(baseline, engine, null, null);

        assertThat(t.sloViolationsBaseline()).containsExactly(new Window(100_000, 1_000_000, DB),
                new Window(200_000, 1_000_000, WEB));
        assertThat(t.faults()).containsExactly(new Window(50_000, 60_000, "noop (PodKill) no-op"));
        assertThat(t.baselineSeries()).isEmpty();
    }

    @Test
    void journalsOfDifferentSeedsOrSwappedRuns_areRefused() {
        Journal baseline = ReportFixtures.baselineJournal();
        Journal engine = ReportFixtures.engineJournal();
        Journal otherSeed = Journals.engine(2).end(100);

        assertThatThrownBy(() -> ScenarioTimeline.from(engine, baseline, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline journal (engine=false) first");
        assertThatThrownBy(() -> ScenarioTimeline.from(baseline, otherSeed, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 2");
    }

    @Test
    void series_mustHaveOneValuePerTime_inTimeOrder_andIsCopied() {
        assertThatThrownBy(() -> new TimelineSeries("x", new long[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 times but 1 values");
        assertThatThrownBy(() -> new TimelineSeries("x", new long[] {2, 1}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sort the samples by time");

        long[] times = {1, 2};
        TimelineSeries s = new TimelineSeries("x", times, new double[] {3, 4});
        times[0] = 99;
        s.times()[1] = 99;
        assertThat(s.times()).containsExactly(1, 2);
        assertThat(s).isEqualTo(new TimelineSeries("x", new long[] {1, 2}, new double[] {3, 4}));
    }
}
