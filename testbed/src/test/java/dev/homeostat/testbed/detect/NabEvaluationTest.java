package dev.homeostat.testbed.detect;

import static dev.homeostat.testbed.detect.NabFixtures.rows;
import static dev.homeostat.testbed.detect.NabFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.homeostat.detectors.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NabEvaluationTest {
    private static final NabSeries WITH_WINDOWS = series("a/with.csv", 200, List.of(rows(60, 79), rows(140, 159)));
    private static final NabSeries CLEAN = series("b/clean.csv", 200, List.of());
    private static final NabDataset DATA = new NabDataset(List.of(WITH_WINDOWS, CLEAN), List.of(), List.of());

    /** Scores 1 at the first row of each window, 0 elsewhere: a perfect detector. */
    private static final Candidate PERFECT = new Candidate("perfect", "perfect", (series, seed) -> {
        var starts = series.windows().stream().map(LabelWindow::startMillis).toList();
        return (time, values) -> starts.contains(time) ? new Verdict(1, 0.5, true, "window", 1) : new Verdict(0, 0.5, false, "", 0);
    });
    private static final Candidate ALWAYS = new Candidate("always", "always", (series, seed) -> (time, values) -> new Verdict(1, 0.5, true, "always", 1));

    private static List<NabScorer.Result> score(List<Candidate> candidates, int threads) {
        var all = new ArrayList<Candidate>();
        all.add(Baselines.nullDetector());
        all.addAll(candidates);
        List<NabEvaluation.Run> runs = NabEvaluation.run(DATA, all, 1, threads);
        return NabScorer.score(DATA, runs, runs.getFirst());
    }

    @Test
    void detector_seesEveryRowInFileOrderAsOneValue() {
        var seen = new ArrayList<Long>();
        var widths = new ArrayList<Integer>();
        var probe = new Candidate("probe", "probe", (series, seed) -> (time, values) -> {
            seen.add(time);
            widths.add(values.length);
            return Verdict.normal(0, 1);
        });

        NabEvaluation.run(new NabDataset(List.of(WITH_WINDOWS), List.of(), List.of()), List.of(probe), 7, 1);

        assertThat(seen).hasSize(200).isSorted().startsWith(NabFixtures.T0);
        assertThat(widths).containsOnly(1);
    }

    @Test
    void nullScoresZero_perfectScoresHundred_alwaysIsNoBetterThanNull() {
        List<NabScorer.Result> results = score(List.of(PERFECT, ALWAYS), 2);

        for (NabProfile p : NabProfile.values()) {
            assertThat(results.get(0).profiles().get(p).normalised()).as("null, %s", p).isZero();
            assertThat(results.get(1).profiles().get(p).normalised()).as("perfect, %s", p).isCloseTo(100.0, within(1e-9));
            // alarming everywhere scores below null, so the sweep picks 1.1: no alarm, null's score
            assertThat(results.get(2).profiles().get(p).threshold()).as("always, %s", p).isEqualTo(1.1);
            assertThat(results.get(2).profiles().get(p).normalised()).as("always, %s", p).isZero();
        }
        NabScorer.Result perfect = results.get(1);
        assertThat(perfect.profiles().get(NabProfile.STANDARD).windowsDetected()).isEqualTo(2);
        assertThat(perfect.profiles().get(NabProfile.STANDARD).falsePositiveRows()).isZero();
        assertThat(perfect.categories()).containsEntry("a", 100.0);
        assertThat(perfect.categories().get("b")).isNaN();  // no windows: nothing to normalise by
        assertThat(perfect.engine().windowsWithAlarm()).isEqualTo(2);
        assertThat(perfect.engine().falseOnsets()).isZero();
        // always: one run of alarms per file; the clean file's touches no window
        assertThat(results.get(2).engine().falseOnsets()).isEqualTo(1);
        assertThat(results.get(2).engine().recall()).isEqualTo(1.0);
    }

    @Test
    void results_doNotDependOnTheThreadCount() {
        List<Candidate> candidates = List.of(Baselines.random(Baselines.NAB_RANDOM_SEED), Baselines.windowedGaussian(), PERFECT);
        List<NabScorer.Result> one = score(candidates, 1), four = score(candidates, 4);
        for (int i = 0; i < one.size(); i++) {
            assertThat(four.get(i).profiles()).isEqualTo(one.get(i).profiles());  // record equality: NaN equals NaN
            assertThat(four.get(i).engine()).isEqualTo(one.get(i).engine());
            assertThat(four.get(i).categories()).isEqualTo(one.get(i).categories());
            for (NabProfile p : NabProfile.values()) assertThat(four.get(i).perFile().get(p)).containsExactly(one.get(i).perFile().get(p));
        }
    }

    @Test
    void nabRandom_startsEveryFileFromPythonsSeed42() {
        List<NabEvaluation.Run> runs = NabEvaluation.run(DATA, List.of(Baselines.random(Baselines.NAB_RANDOM_SEED)), 1, 1);

        // CPython: random.seed(42); [random.uniform(0, 1) for _ in range(3)]
        double[] expected = {0.6394267984578837, 0.025010755222666936, 0.27502931836911926};
        for (double[] file : runs.getFirst().anomalyScores()) assertThat(java.util.Arrays.copyOf(file, 3)).containsExactly(expected);
    }

    @Test
    void pythonRandom_matchesCPython() {
        var r = new PythonRandom(7);
        assertThat(r.random()).isEqualTo(0.32383276483316237);  // random.seed(7); random.random()
    }

    @Test
    void nullBaseline_isOneHalfEverywhere() {
        double[] scores = NabEvaluation.run(DATA, List.of(Baselines.nullDetector()), 1, 1).getFirst().anomalyScores().getFirst();
        assertThat(scores).containsOnly(0.5);
    }

    @Test
    void seriesSeed_isStableAndSplitsByName() {
        assertThat(NabEvaluation.seriesSeed(1, "realTweets/Twitter_volume_AAPL.csv")).isEqualTo(NabEvaluation.seriesSeed(1, "realTweets/Twitter_volume_AAPL.csv"));
        assertThat(NabEvaluation.seriesSeed(1, "a/x.csv")).isNotEqualTo(NabEvaluation.seriesSeed(1, "a/y.csv"));
        assertThat(NabEvaluation.seriesSeed(1, "a/x.csv")).isNotEqualTo(NabEvaluation.seriesSeed(2, "a/x.csv"));
        // String.hashCode collides on these two names; the per-series seeds must not
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(NabEvaluation.seriesSeed(1, "f/Aa.csv")).isNotEqualTo(NabEvaluation.seriesSeed(1, "f/BB.csv"));
    }

    @Test
    void detectorReturningNoVerdict_isReportedWithFileAndRow() {
        var broken = new Candidate("broken", "broken", (series, seed) -> (time, values) -> null);

        assertThatThrownBy(() -> NabEvaluation.run(DATA, List.of(broken), 1, 1))
                .hasMessageContaining("broken").hasMessageContaining("a/with.csv").hasMessageContaining("row 0");
    }

    @Test
    void exportNames_areNabSafe() {
        assertThat(Candidate.exportName("mad:k=5.5,window=60")).isEqualTo("mad-k-5p5-window-60");
        assertThat(Candidate.exportName("ensemble:members=cad-ose|skyline,mode=max")).isEqualTo("ensemble-members-cad-ose-skyline-mode-max");
        assertThatThrownBy(() -> new Candidate("x", "a_b", (s, seed) -> null)).hasMessageContaining("letters, digits and '-'");
    }

    /**
     * The windowed Gaussian baseline against NAB's published per-file scores (results/windowedGaussian, standard
     * profile, threshold 1.0): where the scores saturate at exactly 1.0 on the same rows, the file scores the same.
     */
    @Test
    void windowedGaussian_matchesNabsPublishedFileScores() {
        Path root = Path.of("/work/shared/nab");
        assumeTrue(Files.isDirectory(root.resolve("data/realAWSCloudwatch")), "the NAB data lives in /work/shared/nab");
        NabDataset all = NabDataset.load(root.resolve("data"), root.resolve("labels/combined_windows.json"));
        Map<String, Double> published = Map.of(
                "realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv", 0.956537840284,
                "realAdExchange/exchange-3_cpc_results.csv", 2.50266326119);
        NabDataset some = new NabDataset(all.series().stream().filter(s -> published.containsKey(s.name())).toList(), List.of(), List.of());

        NabEvaluation.Run wg = NabEvaluation.run(some, List.of(Baselines.windowedGaussian()), 1, 2).getFirst();

        for (int i = 0; i < some.series().size(); i++) {
            NabSeries s = some.series().get(i);
            double score = NabSweeper.scoreAt(NabSweeper.rows(s, wg.anomalyScores().get(i)), NabProfile.STANDARD, 1.0).score();
            assertThat(score).as(s.name()).isCloseTo(published.get(s.name()), within(1e-6));
        }
    }
}
