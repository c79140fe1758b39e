package dev.homeostat.detectors;

import java.util.Arrays;

/**
 * The life cycle shared by the detectors that learn a model from a window of whole value vectors
 * ({@code kmeans}, {@code dbscan}, {@code autoencoder}); each supplies only a {@link Trainer}.
 *
 * <ul>
 * <li><b>Warm-up.</b> The first {@code train} complete observations (every signal finite) are
 * collected; then the model is fitted. Until then: score 0, not anomalous.</li>
 * <li><b>Standardised space.</b> Every model sees each signal as robust z = (x − training median) /
 * training robust spread ({@link Numbers#robustSigmaOfSorted}, floored), clamped to ±{@link #CLAMP},
 * so one signal in bytes and one in ratios weigh alike and sums of squares never overflow.</li>
 * <li><b>Scoring.</b> A missing signal (NaN, or a shorter vector) is imputed with its training median;
 * an observation with no finite value scores 0 and moves nothing. Anomalous observations are not
 * learned; normal complete ones join the window of the last {@code train} normal rows.</li>
 * <li><b>Refit.</b> Every {@code refit} observations (0 = never) the model is refitted on that window.</li>
 * <li><b>Failure.</b> A fit that throws or yields non-finite numbers never escapes: the previous
 * model stays, or, without one, verdicts are normal with the reason in the explanation, and the fit
 * is retried after another {@code refit} (or {@code train}) observations.</li>
 * </ul>
 * A vector longer than the first one throws (make one detector per fixed set of signals), as in
 * {@code isolation-forest}.
 */
final class TrainedVectorDetector implements Detector {
    /** Standardised coordinates are clamped here: 10^6 robust spreads is anomalous whatever lies beyond. */
    static final double CLAMP = 1e6;
    /** Scales (distances, errors) below a tenth of a robust spread are float noise: never alarm on less. */
    static final double MIN_SCALE = 0.1;

    /** A fitted model over standardised rows. */
    interface Model {
        /** Anomaly score of one standardised row (finite or not; the caller makes it finite). */
        double score(double[] z);

        /** The score above which a row is anomalous. */
        double threshold();

        /** Why {@code z} with this score is anomalous, in the model's own terms (the signal detail is appended). */
        String explain(double[] z, double score);
    }

    /** Fits a model on standardised training rows (oldest first); may throw, which counts as a failed fit. */
    @FunctionalInterface
    interface Trainer {
        Model fit(double[][] z, long seed);
    }

    private final String name;
    private final int train;
    private final int refit;
    private final double warmThreshold;
    private final Trainer trainer;
    private final java.util.SplittableRandom random;
    private int dim = -1;
    private double[][] recent;     // ring of the last `train` complete normal rows (raw values)
    private int recentHead;
    private int recentSize;
    private Model model;
    private String failure = "";   // why the last fit failed, while there is no model
    private double[] median;
    private double[] spread;
    private int sinceFit;

    /**
     * @param name the detector's name, for messages
     * @param warmThreshold the threshold reported before the first model exists
     */
    TrainedVectorDetector(String name, int train, int refit, double warmThreshold, Trainer trainer, long seed) {
        this.name = name;
        this.train = train;
        this.refit = refit;
        this.warmThreshold = warmThreshold;
        this.trainer = trainer;
        this.random = new java.util.SplittableRandom(seed);
    }

    @Override
    public Verdict observe(long timeMillis, double[] values) {
        double threshold = model == null ? warmThreshold : model.threshold();
        if (values == null || values.length == 0) return Verdict.normal(0, threshold);
        if (dim < 0) {
            dim = values.length;
            recent = new double[train][];
        }
        if (values.length > dim) {
            throw new IllegalArgumentException(name + ": values has " + values.length + " signals but this detector learned "
                    + dim + " from its first observation; make one detector per fixed set of signals");
        }
        boolean complete = values.length == dim;
        boolean anyFinite = false;
        for (double v : values) {
            if (Double.isFinite(v)) anyFinite = true; else complete = false;
        }
        if (!anyFinite) return Verdict.normal(0, threshold);
        if (median == null) {             // warming up: no fit attempted yet
            if (complete) {
                remember(values.clone());
                if (recentSize == train) fit();
            }
            return Verdict.normal(0, model == null ? warmThreshold : model.threshold());
        }
        Verdict verdict;
        boolean anomalous = false;
        if (model == null) {
            verdict = new Verdict(0, warmThreshold, false, failure);
        } else {
            double[] row = new double[dim];
            for (int j = 0; j < dim; j++) row[j] = j < values.length && Double.isFinite(values[j]) ? values[j] : median[j];
            double[] z = standardise(row);
            double score = Numbers.finite(model.score(z));
            anomalous = score > model.threshold();
            verdict = anomalous
                    ? new Verdict(score, model.threshold(), true, model.explain(z, score) + "; " + signalDetail(row))
                    : Verdict.normal(score, model.threshold());
        }
        if (!anomalous && complete) remember(values.clone());
        if (++sinceFit >= (refit > 0 ? refit : model == null ? train : Integer.MAX_VALUE)) fit();
        return verdict;
    }

    private void remember(double[] row) {
        if (recentSize < recent.length) {
            recent[(recentHead + recentSize++) % recent.length] = row;
        } else {
            recent[recentHead] = row;
            recentHead = (recentHead + 1) % recent.length;
        }
    }

    private double[] standardise(double[] row) {
        double[] z = new double[dim];
        for (int j = 0; j < dim; j++) z[j] = clamp((row[j] - median[j]) / spread[j]);
        return z;
    }

    private static double clamp(double z) {
        if (Double.isNaN(z)) return 0;
        return Math.max(-CLAMP, Math.min(CLAMP, z));
    }

    /** The signal furthest from its training median, in the words every multivariate detector uses. */
    private String signalDetail(double[] row) {
        int worst = 0;
        double worstZ = -1;
        for (int j = 0; j < dim; j++) {
            double z = Numbers.finite(Math.abs(row[j] - median[j]) / spread[j]);
            if (z > worstZ) { worstZ = z; worst = j; }
        }
        return "signal " + worst + " value " + Numbers.fmt(row[worst]) + " is " + Numbers.fmt(worstZ) + " MADs "
                + (row[worst] > median[worst] ? "above" : "below") + " training median " + Numbers.fmt(median[worst]);
    }

    /** Fits on the remembered rows (oldest first); on failure keeps the previous model or records why. */
    private void fit() {
        sinceFit = 0;
        int n = recentSize;
        double[][] data = new double[n][];
        for (int i = 0; i < n; i++) data[i] = recent[(recentHead + i) % recent.length];
        double[] newMedian = new double[dim];
        double[] newSpread = new double[dim];
        double[] column = new double[n];
        for (int j = 0; j < dim; j++) {
            for (int i = 0; i < n; i++) column[i] = data[i][j];
            Arrays.sort(column);
            newMedian[j] = Numbers.medianOfSorted(column, n);
            double sigma = Numbers.robustSigmaOfSorted(column, n, newMedian[j]);
            newSpread[j] = Math.max(Double.isNaN(sigma) ? Double.MAX_VALUE : sigma, Numbers.spreadFloor(Double.NaN, newMedian[j]));
        }
        double[] oldMedian = median;
        double[] oldSpread = spread;
        median = newMedian;
        spread = newSpread;
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) z[i] = standardise(data[i]);
        try {
            Model fitted = trainer.fit(z, random.nextLong());
            if (!Double.isFinite(fitted.threshold())) throw new ArithmeticException("non-finite threshold");
            model = fitted;
            failure = "";
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a native library (OpenBLAS) that cannot be loaded must not take the engine down
            if (model != null) {          // keep judging with the previous model and its scaling
                median = oldMedian;
                spread = oldSpread;
            } else {
                failure = name + ": no model yet, judged normal: fit on " + n + " rows failed ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            }
        }
    }

    /** Linear-interpolated quantile of sorted values (type 7, as R and NumPy default). */
    static double quantile(double[] sorted, double q) {
        return IsolationForestDetector.quantile(sorted, q);
    }

    /** Squared Euclidean distance. */
    static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }
}
