package dev.homeostat.detectors;

import java.util.Arrays;
import java.util.Locale;

import smile.timeseries.AR;
import smile.timeseries.ARMA;

/**
 * Forecast residuals: an AR(p) ({@code model=ar}, Smile {@link AR#ols}) or ARMA(p, q)
 * ({@code model=arma}, Smile {@link ARMA#fit}) fitted on the last {@code train} normal
 * observations predicts each new value one step ahead; the residual (value − forecast) is scored
 * in robust units of the training residuals, as {@code mad} scores values: score =
 * |residual − median residual| / robust spread, anomalous above {@code k} (folded by
 * {@code direction}).
 *
 * <p>ARIMA(p, d, q) by differencing: the series is differenced {@code d} times before fitting,
 * and the forecast of the d-th difference is integrated back (x̂ₜ = ŷₜ + Σᵢ₍₀..d−1₎ ∇ⁱxₜ₋₁),
 * so the residual is the same in both spaces. d=1 follows trends and random walks that an AR on
 * the level would chase with a lag.
 *
 * <p>The one-step forecast is computed here from Smile's coefficients (ŷₜ = b + Σ φᵢ yₜ₋ᵢ +
 * Σ θⱼ eₜ₋ⱼ, Smile's own recursion) over this detector's history, because Smile's
 * {@code forecast()} only extends the series it was fitted on. Anomalous values are not learned:
 * they are left out of the history, as if missing, so one spike cannot drag the next forecasts.
 * After {@code relearn} consecutive anomalies the run joins the history and the model is refitted
 * (a level shift becomes normal); {@code relearn=0} never re-learns. The model is refitted every
 * {@code refit} observations on the current history.
 *
 * <p>Fits never throw out of {@link #observe}: a constant (differenced) training window gets the
 * exact constant model (forecast = last level + constant step), and a failed fit — a singular
 * system, non-finite coefficients, a missing OpenBLAS — keeps the previous model or, without one,
 * judges every value normal with the reason in the explanation until a later refit succeeds.
 */
final class ForecastDetector implements UnivariateScorer {
    enum Model { AR, ARMA }

    /** A fit whose one-step residuals spread more than this times the fitted series itself is rejected. */
    static final double UNSTABLE = 2;

    record Config(Model model, int p, int q, int d, int train, int refit, double k, Direction direction, int relearn) {
        static Config from(Params p, DetectorSpec spec) {
            String rawModel = spec.params().getOrDefault("model", "ar");
            Model model = switch (rawModel.trim().toLowerCase(Locale.ROOT)) {
                case "ar" -> Model.AR;
                case "arma" -> Model.ARMA;
                default -> throw p.bad("model", rawModel, "must be one of ar|arma", "model=arma");
            };
            int order = p.intAtLeast("p", 3, 1);
            if (model == Model.AR && p.has("q")) throw p.invalid("parameter 'q' needs model=arma (an AR model has no moving-average terms)");
            int q = model == Model.ARMA ? p.intAtLeast("q", 1, 1) : 0;
            int d = p.intAtLeast("d", 0, 0);
            if (d > 2) throw p.bad("d", String.valueOf(d), "must be 0, 1 or 2", "d=1");
            int minTrain = d + 3 * (order + q) + 10;
            int train = p.intAtLeast("train", Math.max(120, minTrain), 2);
            if (train < minTrain) {
                throw p.bad("train", String.valueOf(train), "must be at least d + 3·(p + q) + 10 = " + minTrain + " to fit the model", "train=" + Math.max(120, minTrain));
            }
            int refit = p.intAtLeast("refit", train, 0);
            double k = p.number("k", 5, 0, true, Double.MAX_VALUE, false);
            Direction direction = p.direction();
            int relearn = p.intAtLeast("relearn", train, 0);
            return new Config(model, order, q, d, train, refit, k, direction, relearn);
        }

        String label() {
            return switch (model) {
                case AR -> d == 0 ? "AR(" + p + ")" : "ARIMA(" + p + "," + d + ",0)";
                case ARMA -> d == 0 ? "ARMA(" + p + "," + q + ")" : "ARIMA(" + p + "," + d + "," + q + ")";
            };
        }
    }

    /** Coefficients in differenced space and the robust centre/spread of the training residuals. */
    private record Fit(double intercept, double[] ar, double[] ma, double center, double spread) { }

    private final Config cfg;
    private final Ring history;       // accepted raw values, oldest first
    private final Ring residuals;     // residuals of the accepted values (ARMA's eₜ₋ⱼ), in differenced space
    private final Ring rejected;      // the current run of anomalous values, for re-learning
    private Fit fit;
    private String failure = "";
    private boolean fitted;           // the first fit was attempted
    private int sinceFit;
    private int run;

    ForecastDetector(Config cfg) {
        this.cfg = cfg;
        this.history = new Ring(cfg.train());
        this.residuals = new Ring(Math.max(1, cfg.q()));
        this.rejected = new Ring(Math.max(1, Math.min(cfg.relearn(), cfg.train())));
    }

    @Override
    public Verdict observe(double x) {
        if (!Double.isFinite(x)) return Verdict.normal(0, cfg.k());
        if (!fitted) {
            history.add(x);
            if (history.size() == cfg.train()) refit();
            return Verdict.normal(0, cfg.k());
        }
        Verdict verdict;
        if (fit == null) {
            verdict = new Verdict(0, cfg.k(), false, failure);
            history.add(x);
        } else {
            double residual = differenced(x) - forecastDifferenced();
            double deviation = residual - fit.center();
            double score = Numbers.finite(cfg.direction().fold(deviation) / fit.spread());
            if (score <= cfg.k()) {
                accept(x, residual);
                verdict = Verdict.normal(score, cfg.k());
            } else {
                double forecast = x - deviation;
                verdict = new Verdict(score, cfg.k(), true, "value " + Numbers.fmt(x) + " is " + Numbers.fmt(score) + " MADs "
                        + (deviation > 0 ? "above" : "below") + " the " + cfg.label() + " forecast " + Numbers.fmt(forecast)
                        + " (k=" + Numbers.fmt(cfg.k()) + ")");
                rejected.add(x);
                if (cfg.relearn() > 0 && ++run >= cfg.relearn()) {
                    for (int i = 0; i < rejected.size(); i++) history.add(rejected.get(i));
                    rejected.clear();
                    run = 0;
                    refit();
                    return verdict;
                }
            }
        }
        if (++sinceFit >= (cfg.refit() > 0 ? cfg.refit() : fit == null ? cfg.train() : Integer.MAX_VALUE)) refit();
        return verdict;
    }

    private void accept(double x, double residual) {
        history.add(x);
        residuals.add(residual);
        rejected.clear();
        run = 0;
    }

    /** ∇ᵈ of the series extended by {@code x}: Σⱼ (−1)ʲ C(d, j) xₜ₋ⱼ. */
    private double differenced(double x) {
        return switch (cfg.d()) {
            case 0 -> x;
            case 1 -> x - history.last(0);
            default -> x - 2 * history.last(0) + history.last(1);
        };
    }

    /** ∇ᵈ x at {@code back} steps before the newest accepted value. */
    private double differencedAt(int back) {
        return switch (cfg.d()) {
            case 0 -> history.last(back);
            case 1 -> history.last(back) - history.last(back + 1);
            default -> history.last(back) - 2 * history.last(back + 1) + history.last(back + 2);
        };
    }

    private double forecastDifferenced() {
        double y = fit.intercept();
        for (int i = 0; i < fit.ar().length; i++) y += fit.ar()[i] * differencedAt(i);
        for (int j = 0; j < fit.ma().length && j < residuals.size(); j++) y += fit.ma()[j] * residuals.last(j);
        return y;
    }

    private void refit() {
        fitted = true;
        sinceFit = 0;
        double[] raw = history.toArray();
        try {
            Fit next = fit(raw);
            fit = next;
            failure = "";
            // restart the residual lags from the new model's in-sample residuals
            double[] e = inSampleResiduals(diff(raw, cfg.d()), next);
            residuals.clear();
            for (int i = Math.max(0, e.length - residuals.capacity()); i < e.length; i++) residuals.add(e[i]);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: Smile's linear algebra needs the system OpenBLAS; without it, no model, never a crash
            if (fit == null) {
                failure = "forecast: no model yet, judged normal: " + cfg.label() + " fit on " + raw.length + " values failed ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            }
        }
    }

    private Fit fit(double[] raw) {
        double[] y = diff(raw, cfg.d());
        for (double v : y) if (!Double.isFinite(v)) throw new ArithmeticException("non-finite differences in the training window");
        double min = Arrays.stream(y).min().orElse(0);
        double max = Arrays.stream(y).max().orElse(0);
        double intercept;
        double[] ar;
        double[] ma = new double[cfg.q()];
        if (min == max) {                 // exactly constant: the model is known, and regressions would be singular
            intercept = y.length == 0 ? 0 : y[0];
            ar = new double[cfg.p()];
        } else if (cfg.model() == Model.AR) {
            AR m = AR.ols(y, cfg.p());
            intercept = m.intercept();
            ar = m.ar().clone();
        } else {
            ARMA m = ARMA.fit(y, cfg.p(), cfg.q());
            intercept = m.intercept();
            ar = m.ar().clone();
            ma = m.ma().clone();
        }
        if (!Double.isFinite(intercept) || Arrays.stream(ar).anyMatch(v -> !Double.isFinite(v)) || Arrays.stream(ma).anyMatch(v -> !Double.isFinite(v))) {
            throw new ArithmeticException("non-finite coefficients (singular system)");
        }
        var provisional = new Fit(intercept, ar, ma, 0, 1);
        double[] e = inSampleResiduals(y, provisional);
        int burnIn = Math.min(e.length - 1, cfg.p() + cfg.q());
        double[] sorted = Arrays.copyOfRange(e, Math.max(0, burnIn), e.length);
        Arrays.sort(sorted);
        double center = Numbers.medianOfSorted(sorted, sorted.length);
        double[] sortedRaw = raw.clone();
        Arrays.sort(sortedRaw);
        double floor = Numbers.spreadFloor(Double.NaN, Numbers.medianOfSorted(sortedRaw, sortedRaw.length));
        double sigma = Numbers.robustSigmaOfSorted(sorted, sorted.length, center);
        if (!Double.isFinite(center) || !Double.isFinite(sigma)) throw new ArithmeticException("non-finite training residuals");
        // a non-invertible MA part or a near-singular regression makes the residual recursion explode:
        // such a model forecasts worse than the series' own median would, so it is no model at all
        double[] sortedY = y.clone();
        Arrays.sort(sortedY);
        double ySigma = Numbers.robustSigmaOfSorted(sortedY, sortedY.length, Numbers.medianOfSorted(sortedY, sortedY.length));
        if (sigma > UNSTABLE * Math.max(ySigma, floor)) {
            throw new ArithmeticException("unstable fit: residual spread " + Numbers.fmt(sigma) + " exceeds " + Numbers.fmt(UNSTABLE)
                    + "× the spread " + Numbers.fmt(ySigma) + " of the series it was fitted on");
        }
        return new Fit(intercept, ar, ma, center, Math.max(sigma, floor));
    }

    /** One-step residuals over the training series by the model's own recursion (residuals before index p are 0). */
    private static double[] inSampleResiduals(double[] y, Fit f) {
        int p = f.ar().length;
        double[] e = new double[y.length];
        for (int t = p; t < y.length; t++) {
            double yhat = f.intercept();
            for (int i = 0; i < p; i++) yhat += f.ar()[i] * y[t - 1 - i];
            for (int j = 0; j < f.ma().length && t - 1 - j >= 0; j++) yhat += f.ma()[j] * e[t - 1 - j];
            e[t] = y[t] - yhat;
        }
        return Arrays.copyOfRange(e, Math.min(p, y.length), y.length);
    }

    static double[] diff(double[] x, int d) {
        double[] y = x;
        for (int k = 0; k < d; k++) {
            double[] next = new double[Math.max(0, y.length - 1)];
            for (int i = 0; i < next.length; i++) next[i] = y[i + 1] - y[i];
            y = next;
        }
        return y;
    }

    /** A fixed-capacity ring of doubles, oldest first; no boxing on the per-observation path. */
    static final class Ring {
        private final double[] data;
        private int head;
        private int size;

        Ring(int capacity) { data = new double[capacity]; }

        int capacity() { return data.length; }

        int size() { return size; }

        void clear() { head = 0; size = 0; }

        void add(double v) {
            if (size < data.length) {
                data[(head + size++) % data.length] = v;
            } else {
                data[head] = v;
                head = (head + 1) % data.length;
            }
        }

        /** The i-th oldest. */
        double get(int i) { return data[(head + i) % data.length]; }

        /** The value {@code back} steps before the newest (0 = newest). */
        double last(int back) { return data[(head + size - 1 - back) % data.length]; }

        double[] toArray() {
            double[] out = new double[size];
            for (int i = 0; i < size; i++) out[i] = get(i);
            return out;
        }
    }
}
