package dev.homeostat.testbed.detect;

import java.util.List;

/**
 * NAB's scoring, as its {@code nab/sweeper.py} (calcSweepScore, calcScoreByThreshold, scoreDataSet) and
 * {@code nab/optimizer.py} do it, over per-row anomaly scores in [0, 1]:
 *
 * <ul>
 *   <li>Rows are taken in file order. A window opens at the row whose timestamp equals its start and closes
 *       after the row whose timestamp equals its end; its width is {@code index(end) − index(start) + 1},
 *       with {@code index} the first row holding that timestamp (Python's {@code list.index}).</li>
 *   <li>A row inside a window is worth {@code σ(−(right − i + 1)/width) · tp / σ(−1)}; a window's credit is the
 *       best of its rows at or above the threshold (its earliest), else {@code −fn}. A row outside every window
 *       costs {@code σ(|i − prevRight|/(prevWidth − 1)) · fp} (σ(3) = −1 before the first window).</li>
 *   <li>Rows of the probationary period ({@link #probationLength}) are not scored; a window none of whose rows
 *       is scored earns nothing and costs nothing.</li>
 *   <li>The threshold is swept over every distinct anomaly score of the corpus from 1.1 down (rows at or above
 *       it alarm); the best corpus score wins, the highest threshold on a tie.</li>
 * </ul>
 */
public final class NabSweeper {
    /** The window code of a probationary row, which is not scored. */
    static final int PROBATION = -2;
    /** The window code of a row outside every window. */
    static final int OUTSIDE = -1;
    /** The threshold NAB starts from: above every score, so nothing alarms (the null detector's best). */
    public static final double START_THRESHOLD = 1.1;

    private static final double MAX_TP = scaledSigmoid(-1.0);

    private NabSweeper() { }

    /** NAB's scaled sigmoid: −1 from 3 on, else {@code 2/(1 + e^{5y}) − 1}. σ(−1) ≈ 0.98661, σ(0) = 0. */
    public static double scaledSigmoid(double y) {
        return y >= 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    /** {@code min(floor(0.15 n), 0.15 · 5000)}, in the same floating-point arithmetic as NAB. */
    public static int probationLength(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    /**
     * One series as the sweeper sees it: per row its anomaly score, its unweighted sigmoid score and its
     * window ({@link #PROBATION}, {@link #OUTSIDE} or the window's index), and how many windows it has.
     */
    public record Rows(String name, double[] anomalyScores, double[] unweighted, int[] window, int windows) {
        int size() { return anomalyScores.length; }
    }

    /** A threshold and what it scores: NAB's {@code ThresholdScore} (row counts, not window counts). */
    public record ThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn) { }

    /** calcSweepScore: the rows of {@code series} with {@code anomalyScores} (one per row, in [0, 1]). */
    public static Rows rows(NabSeries series, double[] anomalyScores) {
        long[] times = series.times();
        int n = times.length;
        if (anomalyScores.length != n) {
            throw new IllegalArgumentException(series.name() + ": " + anomalyScores.length + " anomaly scores for " + n + " rows; give one per row");
        }
        List<LabelWindow> windows = series.windows();
        int probation = probationLength(n);
        double[] unweighted = new double[n];
        int[] window = new int[n];
        int next = 0;           // the next window to open (NAB pops them in order)
        int current = OUTSIDE;  // the open window
        double right = 0, width = 0, prevRight = -1, prevWidth = 0;
        for (int i = 0; i < n; i++) {
            long t = times[i];
            if (next < windows.size() && t == windows.get(next).startMillis()) {
                current = next++;
                right = NabSeries.indexOf(times, windows.get(current).endMillis());
                width = right - NabSeries.indexOf(times, windows.get(current).startMillis()) + 1;
            }
            if (current != OUTSIDE) {
                unweighted[i] = scaledSigmoid(-(right - i + 1) / width);
            } else {
                // NAB divides by prevWidth − 1 even for a one-row window (Python raises there); here that is +∞, i.e. σ = −1
                double past = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
                unweighted[i] = scaledSigmoid(past);
            }
            window[i] = i >= probation ? current : PROBATION;
            if (current != OUTSIDE && t == windows.get(current).endMillis()) {
                prevRight = i;
                prevWidth = width;
                current = OUTSIDE;
            }
        }
        return new Rows(series.name(), anomalyScores.clone(), unweighted, window, windows.size());
    }

    /** The weighted score of row {@code i}: NAB's {@code sweepScore}. */
    static double sweepScore(Rows rows, int i, NabProfile profile) {
        return rows.window()[i] >= 0 ? rows.unweighted()[i] * profile.tp() / MAX_TP : rows.unweighted()[i] * profile.fp();
    }

    /** optimizer.optimizeThreshold over a corpus: the best {@link ThresholdScore} of the sweep (highest threshold on a tie). */
    public static ThresholdScore best(List<Rows> corpus, NabProfile profile) {
        int count = 0, windows = 0;
        for (Rows r : corpus) {
            for (int w : r.window()) if (w != PROBATION) count++;
            windows += r.windows();
        }
        double[] score = new double[count];
        double[] sweep = new double[count];
        int[] window = new int[count];
        int k = 0, offset = 0, tn = 0, fn = 0;
        boolean[] scored = new boolean[windows];
        for (Rows r : corpus) {
            for (int i = 0; i < r.size(); i++) {
                int w = r.window()[i];
                if (w == PROBATION) continue;
                score[k] = r.anomalyScores()[i];
                sweep[k] = sweepScore(r, i, profile);
                window[k] = w == OUTSIDE ? OUTSIDE : offset + w;
                if (w == OUTSIDE) tn++; else { fn++; scored[offset + w] = true; }
                k++;
            }
            offset += r.windows();
        }
        double[] windowScore = new double[windows];
        double total = 0;
        for (int w = 0; w < windows; w++) {
            if (scored[w]) {
                windowScore[w] = -profile.fn();
                total -= profile.fn();
            }
        }
        int[] order = SortIndex.descending(score);
        int tp = 0, fp = 0;
        double threshold = START_THRESHOLD;
        ThresholdScore best = null;
        for (int idx : order) {
            if (score[idx] != threshold) {
                best = better(best, new ThresholdScore(threshold, total, tp, tn, fp, fn));
                threshold = score[idx];
            }
            int w = window[idx];
            if (w == OUTSIDE) {
                fp++;
                tn--;
                total += sweep[idx];
            } else {
                tp++;
                fn--;
                if (sweep[idx] > windowScore[w]) {
                    total += sweep[idx] - windowScore[w];
                    windowScore[w] = sweep[idx];
                }
            }
        }
        return better(best, new ThresholdScore(threshold, total, tp, tn, fp, fn));
    }

    private static ThresholdScore better(ThresholdScore best, ThresholdScore candidate) {
        return best == null || candidate.score() > best.score() ? candidate : best;
    }

    /** scoreDataSet: one series scored at {@code threshold} (rows whose anomaly score is ≥ it alarm). */
    public static ThresholdScore scoreAt(Rows rows, NabProfile profile, double threshold) {
        double[] windowScore = new double[rows.windows()];
        boolean[] scored = new boolean[rows.windows()];
        double fpTotal = 0;
        int tp = 0, tn = 0, fp = 0, fn = 0;
        for (int i = 0; i < rows.size(); i++) {
            int w = rows.window()[i];
            if (w == PROBATION) continue;
            boolean alarm = rows.anomalyScores()[i] >= threshold;
            if (w == OUTSIDE) {
                if (alarm) {
                    fp++;
                    fpTotal += sweepScore(rows, i, profile);
                } else {
                    tn++;
                }
                continue;
            }
            if (!scored[w]) {
                scored[w] = true;
                windowScore[w] = -profile.fn();
            }
            if (alarm) {
                tp++;
                windowScore[w] = Math.max(windowScore[w], sweepScore(rows, i, profile));
            } else {
                fn++;
            }
        }
        double total = fpTotal;
        for (double s : windowScore) total += s;
        return new ThresholdScore(threshold, total, tp, tn, fp, fn);
    }

    /** Windows with a row at or above {@code threshold} (detected), and windows with a scored row at all. */
    static int[] windowsDetected(Rows rows, double threshold) {
        boolean[] scored = new boolean[rows.windows()];
        boolean[] hit = new boolean[rows.windows()];
        for (int i = 0; i < rows.size(); i++) {
            int w = rows.window()[i];
            if (w < 0) continue;
            scored[w] = true;
            if (rows.anomalyScores()[i] >= threshold) hit[w] = true;
        }
        int detected = 0, scoredCount = 0;
        for (int w = 0; w < rows.windows(); w++) {
            if (hit[w]) detected++;
            if (scored[w]) scoredCount++;
        }
        return new int[] {detected, scoredCount};
    }

    /** NAB's normalisation: {@code 100 · (raw − null) / (perfect − null)}; NaN when perfect equals null (no windows). */
    public static double normalise(double raw, double nullScore, double perfect) {
        return perfect == nullScore ? Double.NaN : 100.0 * (raw - nullScore) / (perfect - nullScore);
    }
}
