package dev.homeostat.testbed.detect;

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs detectors over labelled series point by point (each value as {@code double[1]}) and scores their
 * alarms with {@link NabScoring}. Deterministic: each series gets a seed mixed from the run's seed and
 * its name (the same for every candidate, and unchanged when other files join or leave the corpus).
 */
public final class NabEvaluation {
    private NabEvaluation() { }

    /** Evaluates each candidate over every series of the dataset, in candidate order. */
    public static List<DetectorScore> evaluate(NabDataset dataset, List<Candidate> candidates, long seed) {
        var scores = new ArrayList<DetectorScore>(candidates.size());
        for (Candidate c : candidates) scores.add(evaluate(dataset.series(), c, seed));
        return scores;
    }

    public static DetectorScore evaluate(List<NabSeries> series, Candidate candidate, long seed) {
        var files = new ArrayList<SeriesScore>(series.size());
        for (int k = 0; k < series.size(); k++) {
            NabSeries s = series.get(k);
            files.add(NabScoring.score(s, alarms(s, candidate.factory().create(s, seriesSeed(seed, s.name())), candidate.label())));
        }
        return new DetectorScore(candidate.label(), files);
    }

    /** The detector's verdicts on every row, in time order (probationary rows included: detectors warm up on them). */
    public static boolean[] alarms(NabSeries series, Detector detector, String label) {
        long[] times = series.times();
        double[] values = series.values();
        boolean[] alarms = new boolean[times.length];
        for (int i = 0; i < times.length; i++) {
            Verdict v = detector.observe(times[i], new double[] {values[i]});
            if (v == null) throw new IllegalStateException("detector " + label + " returned no verdict on " + series.name() + " row " + i);
            alarms[i] = v.anomalous();
        }
        return alarms;
    }

    /** The seed of one series: String.hashCode is specified by the JLS, so this is stable across JVMs. */
    public static long seriesSeed(long seed, String seriesName) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * seriesName.hashCode())).nextLong();
    }
}
