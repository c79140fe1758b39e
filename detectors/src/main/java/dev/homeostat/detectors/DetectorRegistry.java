package dev.homeostat.detectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Detectors by name: one list of factory records, no classpath scanning. To add a detector,
 * write a class implementing {@link Detector} (or a {@link UnivariateScorer} wrapped in
 * {@link PerSignalDetector}) with a {@code Config.from(Params)} that validates every parameter,
 * and add one {@link Entry} below.
 *
 * <p>Factories validate all parameters eagerly and do no work until the first observation, so
 * {@link #validate} simply builds and discards a detector.
 */
public final class DetectorRegistry {
    private DetectorRegistry() { }

    /**
     * One detector kind: its {@code name} in specs, a one-line {@code description}, an {@code example} spec
     * (valid as written, but for files it names), the parameter
     * names it accepts (name → meaning and default, in documentation order) and a factory from a
     * spec and a seed to a fresh detector for one series.
     */
    public record Entry(String name, String description, String example, Map<String, String> params, BiFunction<DetectorSpec, Long, Detector> factory) {
        public Entry {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** The accepted parameter names. */
        public Set<String> paramNames() { return params.keySet(); }
    }

    private static final String DIRECTION = "both|up|down: which side of normal is anomalous (default both)";
    private static final String MIN_SPREAD = "floor for the spread, so flat series give finite scores (default 1e-6·|center| + 1e-9)";

    private static final List<Entry> ENTRIES = List.of(
            new Entry("threshold", "static bounds held for N consecutive observations", "threshold:above=10", params(
                    "above", "anomalous above this value",
                    "below", "anomalous below this value (at least one of above/below)",
                    "for", "consecutive out-of-bound observations required (default 1)"),
                    (spec, seed) -> {
                        var cfg = ThresholdDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new ThresholdDetector(cfg), 0);
                    }),
            new Entry("mad", "rolling median/MAD robust z-score", "mad", params(
                    "window", "observations in the rolling window (default 60)",
                    "k", "robust z above which a value is anomalous (default 5)",
                    "min", "observations before scoring starts (default window/2)",
                    "direction", DIRECTION,
                    "minSpread", MIN_SPREAD,
                    "relearn", "consecutive anomalies after which the new level becomes normal; 0 = never (default window)"),
                    (spec, seed) -> {
                        var cfg = MadDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new MadDetector(cfg), cfg.k());
                    }),
            new Entry("ewma", "exponentially weighted mean/variance z-score", "ewma", params(
                    "alpha", "weight of each new observation, in (0, 1] (default 0.1)",
                    "k", "z above which a value is anomalous (default 4)",
                    "min", "warm-up observations (default 30)",
                    "direction", DIRECTION,
                    "minSpread", MIN_SPREAD,
                    "relearn", "consecutive anomalies after which the new level becomes normal; 0 = never (default min)"),
                    (spec, seed) -> {
                        var cfg = EwmaDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new EwmaDetector(cfg), cfg.k());
                    }),
            new Entry("isolation-forest", "Smile isolation forest over the whole values vector", "isolation-forest", params(
                    "train", "warm-up observations the first forest is fitted on (default 120)",
                    "refit", "refit every N observations on the recent normal ones; 0 = never (default 0)",
                    "threshold", "fixed score threshold in (0, 1] (default: chosen from training scores)",
                    "quantile", "quantile of training scores used as threshold (default 0.995)",
                    "margin", "factor applied to that quantile (default 1.1)",
                    "trees", "number of isolation trees (default 100)",
                    "subsample", "fraction of training rows per tree, in (0, 1] (default 0.7)",
                    "guard", "guard points at median ± guard robust spreads per signal (default 6)",
                    "extension", "extended isolation forest level, 0 = axis-parallel cuts, capped at signals − 1 (default signals − 1)"),
                    (spec, seed) -> new IsolationForestDetector(IsolationForestDetector.Config.from(new Params(spec)), seed)),
            new Entry("seasonal", "same-phase median/MAD over the last cycles periods", "seasonal:period=24", params(
                    "period", "observations per season, e.g. 1440 for a day of 1-minute samples (required)",
                    "cycles", "past periods forming each phase's baseline (default 3)",
                    "k", "robust z above which a value is anomalous (default 5)",
                    "min", "past periods needed before scoring starts (default 1)",
                    "direction", DIRECTION,
                    "minSpread", MIN_SPREAD),
                    (spec, seed) -> {
                        var cfg = SeasonalDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new SeasonalDetector(cfg), cfg.k());
                    }),
            new Entry("lifecycle", "state machine over a pod's container status [restarts, ready, oomKilled, crashLoopBackOff]", "lifecycle", params(
                    "burst", "restarts within the window that make a restart burst (default 3)",
                    "window", "observations the evidence is counted over (default 20)",
                    "flaps", "readiness changes within the window that make flapping, ≤ window (default min(6, window))",
                    "loop", "restarts within the window that, while waiting in back-off, make a crash loop (default 2)"),
                    (spec, seed) -> new LifecycleDetector(LifecycleDetector.Config.from(new Params(spec)))),
            new Entry(EnsembleDetector.NAME, "member detectors combined by vote, max or mean, with k-of-n hysteresis and a rest period", "ensemble:members=mad|ewma", params(
                    "members", "detectors separated by '|', their parameters by ';', e.g. mad:k=6;window=40|ewma (required)",
                    "mode", "vote|max|mean: weighted vote of the members' verdicts, the highest score/threshold, or the weighted mean of their anomaly scores (default vote)",
                    "quorum", "mode=vote: anomalous weight needed (default: more than half the total weight)",
                    "weights", "mode=vote or mean: one positive weight per member, separated by '|' (default 1 each)",
                    "level", "mode=mean: mean anomaly score from which the ensemble is anomalous, in (0, 1] (default 0.5)",
                    "rest", "observations reported as normal after an alarm: one report per anomaly (default 0)",
                    "k", "anomalous combined verdicts among the last n that turn the alarm on (default 1)",
                    "n", "window of the k-of-n rule; the alarm clears after n normal verdicts in a row (default k)"),
                    (spec, seed) -> new EnsembleDetector(EnsembleDetector.Config.from(new Params(spec), spec.params()), seed)),
            new Entry("forecast", "AR/ARMA/ARIMA one-step forecast residual in robust units (Smile)", "forecast", params(
                    "model", "ar|arma: autoregressive, or with moving-average terms (default ar)",
                    "p", "autoregressive order (default 3)",
                    "q", "moving-average order, model=arma only (default 1)",
                    "d", "times the series is differenced before fitting, 0..2; d=1 follows trends (default 0)",
                    "train", "observations the model is fitted on (default max(120, d + 3·(p + q) + 10))",
                    "refit", "refit every N observations on the recent normal ones; 0 = never (default train)",
                    "k", "robust z of the residual above which a value is anomalous (default 5)",
                    "direction", DIRECTION,
                    "relearn", "consecutive anomalies after which they join the history and the model is refitted; 0 = never (default train)"),
                    (spec, seed) -> {
                        var cfg = ForecastDetector.Config.from(new Params(spec), spec);
                        return new PerSignalDetector(() -> new ForecastDetector(cfg), cfg.k());
                    }),
            new Entry("kmeans", "distance to the nearest Smile k-means centroid of the standardised values vector", "kmeans", params(
                    "train", "warm-up observations the centroids are fitted on (default 120)",
                    "refit", "refit every N observations on the recent normal ones; 0 = never (default 0)",
                    "clusters", "number of centroids (default 3)",
                    "maxIter", "k-means iterations at most (default 100)",
                    "quantile", "quantile of training distances that scores 1 (default 0.99)",
                    "threshold", "score above which a vector is anomalous (default 3)"),
                    (spec, seed) -> KMeansDetector.create(KMeansDetector.Config.from(new Params(spec)), seed)),
            new Entry("dbscan", "DBSCAN noise test against the standardised training vectors (Smile)", "dbscan", params(
                    "train", "warm-up observations clustered (default 120)",
                    "refit", "refit every N observations on the recent normal ones; 0 = never (default 0)",
                    "minPts", "neighbours within radius a vector needs to be normal (default 5)",
                    "radius", "neighbourhood radius in robust spreads (default: chosen from training k-distances)",
                    "quantile", "quantile of training minPts-distances used for the radius (default 0.99)",
                    "margin", "factor applied to that quantile (default 2)"),
                    (spec, seed) -> DbscanDetector.create(DbscanDetector.Config.from(new Params(spec)), seed)),
            new Entry("autoencoder", "reconstruction error of a small Smile MLP autoencoder over the standardised values vector", "autoencoder", params(
                    "train", "warm-up observations the net is trained on (default 120)",
                    "refit", "retrain every N observations on the recent normal ones; 0 = never (default 0)",
                    "hidden", "units in each outer hidden layer (default max(4, 2·signals))",
                    "bottleneck", "units in the middle layer (default max(1, signals/2))",
                    "epochs", "training passes over the window (default 30)",
                    "rate", "learning rate, in (0, 1] (default 0.01)",
                    "quantile", "quantile of training errors that scores 1 (default 0.99)",
                    "threshold", "score above which a vector is anomalous (default 3)"),
                    (spec, seed) -> AutoencoderDetector.create(AutoencoderDetector.Config.from(new Params(spec)), seed)),
            new Entry("windowed-gaussian", "NAB's windowed Gaussian baseline: Gaussian tail probability over a sliding window", "windowed-gaussian", params(
                    "window", "values the mean and sd are taken over (default 6400, NAB's)",
                    "step", "values the window slides forward at a time once full (default 100, NAB's)",
                    "k", "|z| above which a value is anomalous (default 5)",
                    "min", "values in the window before the alarm can fire (default min(30, window))"),
                    (spec, seed) -> {
                        var cfg = WindowedGaussianDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new WindowedGaussianDetector(cfg), cfg.k());
                    }),
            new Entry("cad-ose", "Contextual Anomaly Detector (CAD OSE): novelty of the sequence of quantised values in a context memory", "cad-ose", params(
                    "min", "lower end of a fixed value range (with max; default: the range seen so far)",
                    "max", "upper end of a fixed value range (with min)",
                    "rest", "observations reported as 0 after a score reaches the threshold: one report per anomaly (default 30, the reference's)",
                    "threshold", "score from which a value is anomalous, in (0, 1] (default 0.75, the reference's)",
                    "contexts", "longest left semi-context proposed (default 7)",
                    "neurons", "active contexts that become facts of the next step (default 15)",
                    "bits", "bits a value is quantised to (default 3: 8 levels)",
                    "maxContexts", "contexts after which the memory is cleared and learning starts again (default 20000)",
                    "replay", "recent values a fresh memory relearns from when a value widens the range seen so far; 0 = keep the old memory (default 750)",
                    "offset", "fraction of a level added before quantising, in [0, 1): shifts the level edges (default 0)"),
                    (spec, seed) -> {
                        var cfg = CadOseDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new CadOseDetector(cfg), cfg.threshold());
                    }),
            new Entry("knn-cad", "KNN-CAD: conformal score of the Mahalanobis distance from the last dim values to their nearest past windows", "knn-cad", params(
                    "dim", "values per window (default 19, the reference's)",
                    "k", "nearest windows summed (default 27, the reference's)",
                    "train", "observations filling the training set, and then the calibration set (default 750)",
                    "rest", "observations reported as 0.5 after an alarm: one report per anomaly (default train/5)",
                    "level", "score from which a window is anomalous, in (0, 1] (default 0.9965, the reference's)"),
                    (spec, seed) -> {
                        var cfg = KnnCadDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new KnnCadDetector(cfg), cfg.level());
                    }),
            new Entry("relative-entropy", "relative entropy of the recent values' histogram against every distribution seen before", "relative-entropy", params(
                    "bins", "levels the values are quantised to (default 5, the reference's)",
                    "window", "values per histogram (default 52, the reference's)",
                    "alpha", "false-alarm probability of the chi-squared test, in (0, 1) (default 0.01)",
                    "c", "times a distribution must have been seen before it counts as normal (default 1)",
                    "min", "lower end of a fixed value range (with max; default: the range seen so far)",
                    "max", "upper end of a fixed value range (with min)",
                    "hypotheses", "distributions kept at most (default 1000)"),
                    (spec, seed) -> {
                        var cfg = RelativeEntropyDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new RelativeEntropyDetector(cfg), 0.5);
                    }),
            new Entry("skyline", "Skyline-style ensemble: seven simple tests vote; consensus alarms, then an expiration", "skyline", params(
                    "window", "values the median, MAD and histogram are taken over (default 2016)",
                    "lag", "observations after which a value counts as a day old, for the first-hour-average test (default 276)",
                    "consensus", "tests that must fire for an alarm, 1..7 (default 5, the reference's)",
                    "expire", "observations reported as 0 after an alarm (default 144: Skyline's 12 h of 5-minute samples)",
                    "com", "centre of mass of the moving average test (default 50)"),
                    (spec, seed) -> {
                        var cfg = SkylineDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new SkylineDetector(cfg), cfg.consensus());
                    }),
            new Entry("classifier", "supervised failure-mode classifier (random forest from 'homeostat train') over a pod's signal vector", "classifier:model=model.bin", params(
                    "model", "model file written by 'homeostat train --out', relative to the working directory (required)",
                    "minProbability", "probability of the predicted failure mode needed to alarm, in (0, 1] (default 0.6)"),
                    (spec, seed) -> new ClassifierDetector(ClassifierDetector.Config.from(spec), spec.name())));

    private static final Map<String, Entry> BY_NAME;
    static {
        var byName = new LinkedHashMap<String, Entry>();
        for (Entry e : ENTRIES) {
            if (byName.put(e.name(), e) != null) throw new IllegalStateException("detector registered twice: " + e.name());
            if (!DetectorSpec.parse(e.example()).name().equals(e.name())) throw new IllegalStateException("example of " + e.name() + " names another detector");
        }
        BY_NAME = java.util.Collections.unmodifiableMap(byName);
    }

    /** A fresh detector for one series; unknown names or parameters throw IllegalArgumentException naming them and the known ones. */
    public static Detector create(DetectorSpec spec, long seed) {
        Entry entry = entry(spec);
        return entry.factory().apply(spec, seed);
    }

    /** Checks a spec without running it (names and parameter values). */
    public static void validate(DetectorSpec spec) {
        create(spec, 0L);
    }

    /** Registered detector names, sorted. */
    public static Set<String> names() {
        return java.util.Collections.unmodifiableSet(new TreeSet<>(BY_NAME.keySet()));
    }

    /** All entries in registration order (for help text and documentation). */
    public static List<Entry> entries() { return ENTRIES; }

    private static Entry entry(DetectorSpec spec) {
        if (spec == null) throw new IllegalArgumentException("detector: spec is required; known detectors: " + String.join(", ", names()));
        Entry entry = BY_NAME.get(spec.name());
        if (entry == null) {
            throw new IllegalArgumentException("unknown detector '" + spec.name() + "'; known detectors: " + String.join(", ", names()));
        }
        List<String> unknown = new ArrayList<>();
        for (String key : spec.params().keySet()) if (!entry.params().containsKey(key)) unknown.add(key);
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw new IllegalArgumentException("detector '" + spec.name() + "': unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + "'" + String.join("', '", unknown) + "'; known parameters: " + String.join(", ", entry.params().keySet()));
        }
        return entry;
    }

    private static Map<String, String> params(String... keyAndHelp) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keyAndHelp.length; i += 2) map.put(keyAndHelp[i], keyAndHelp[i + 1]);
        return map;
    }
}
