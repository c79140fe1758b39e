package dev.homeostat.testbed.detect;

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.Verdict;
import dev.homeostat.units.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs candidates over every series of a dataset, row by row in file order (each value as {@code double[1]}),
 * recording each row's anomaly score (NAB's view) and alarm flag (the engine's view). Every (candidate,
 * series) pair gets a fresh detector seeded from the run's seed and the series name, so results do not
 * depend on the thread count, on the other candidates, or on which other files are in the corpus.
 */
public final class NabEvaluation {
    private NabEvaluation() { }

    /** One candidate's output: per series (in dataset order) the anomaly score and the alarm of every row. */
    public record Run(Candidate candidate, List<double[]> anomalyScores, List<boolean[]> alarms) {
        public Run {
            anomalyScores = List.copyOf(anomalyScores);
            alarms = List.copyOf(alarms);
        }
    }

    /** Runs every candidate on every series with {@code threads} workers; results in candidate order. */
    public static List<Run> run(NabDataset dataset, List<Candidate> candidates, long seed, int threads) {
        List<NabSeries> series = dataset.series();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "nab-eval");
            t.setDaemon(true);
            return t;
        });
        try {
            var futures = new ArrayList<List<Future<Output>>>();
            for (Candidate c : candidates) {
                var perSeries = new ArrayList<Future<Output>>();
                for (NabSeries s : series) perSeries.add(pool.submit(() -> run(s, c.instances().create(s, seriesSeed(seed, s.name())), c.label())));
                futures.add(perSeries);
            }
            var runs = new ArrayList<Run>();
            for (int i = 0; i < candidates.size(); i++) {
                var scores = new ArrayList<double[]>();
                var alarms = new ArrayList<boolean[]>();
                for (Future<Output> f : futures.get(i)) {
                    Output o = join(f);
                    scores.add(o.scores());
                    alarms.add(o.alarms());
                }
                runs.add(new Run(candidates.get(i), scores, alarms));
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Output(double[] scores, boolean[] alarms) { }

    private static Output join(Future<Output> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The detector's verdict on every row of {@code series}, in file order (probationary rows included: detectors warm up on them). */
    static Output run(NabSeries series, Detector detector, String label) {
        long[] times = series.times();
        double[] values = series.values();
        double[] scores = new double[times.length];
        boolean[] alarms = new boolean[times.length];
        for (int i = 0; i < times.length; i++) {
            Verdict v = detector.observe(times[i], new double[] {values[i]});
            if (v == null) throw new IllegalStateException("detector " + label + " returned no verdict on " + series.name() + " row " + i);
            scores[i] = v.anomalyScore();
            alarms[i] = v.anomalous();
        }
        return new Output(scores, alarms);
    }

    /** The seed of one series: the project's one seed-splitting function over the run's seed and the series name. */
    public static long seriesSeed(long seed, String seriesName) {
        return Seeds.derive(seed, seriesName);
    }
}
