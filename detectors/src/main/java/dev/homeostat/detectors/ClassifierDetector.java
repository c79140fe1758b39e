package dev.homeostat.detectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Supervised failure-mode classification: a random forest trained by {@code homeostat train} on
 * labelled windows of simulator runs names the failure mode (e.g. {@code app/memory-leak},
 * {@code StressChaos/cpu}) of a pod from its last {@code windowLength} observations.
 *
 * <p>Input: one observation per evaluation, the {@link FailureFeatures#SIGNALS} vector of one pod
 * (memory ratio, cpu rate, error ratio, mean latency, restarts, ready; NaN = missing). The
 * detector keeps the last {@code windowLength} of them (the length the model was trained with),
 * computes {@link FailureFeatures#of} — the very function the exporter used for training — and
 * asks the model. Anomalous when the most likely class is not {@code normal} and its probability
 * is at least {@code minProbability}; the score is the highest probability of any failure class.
 *
 * <p>This is the one detector that reads a file. A trained model is data, too large and too
 * binary for a spec string, and it must be loaded before the first observation so that a wrong
 * path fails when the policy is loaded (validation builds a detector), not in the middle of a
 * run. Loaded models are immutable and shared: a cache keyed by path, size and modification time
 * means one load per policy, not one per pod, and a retrained file is picked up by new detectors.
 */
final class ClassifierDetector implements Detector {
    record Config(Path model, double minProbability) {
        static Config from(DetectorSpec spec) {
            var p = new Params(spec);
            String model = spec.params().get("model");
            if (model == null || model.isBlank())
                throw p.invalid("parameter 'model' is required: the model file written by 'homeostat train' (e.g. model=models/failure.bin)");
            double minProbability = p.number("minProbability", 0.6, 0, true, 1, false);
            return new Config(Path.of(model.trim()), minProbability);
        }
    }

    private record CacheKey(Path path, long size, long modified) { }

    private static final Map<CacheKey, FailureModel> MODELS = new ConcurrentHashMap<>();

    private final FailureModel model;
    private final double minProbability;
    private final FailureFeatures.Window window;

    ClassifierDetector(Config cfg, String specName) {
        this.model = load(cfg.model(), specName);
        if (!model.features().equals(FailureFeatures.NAMES))
            throw new IllegalArgumentException("detector '" + specName + "': model " + cfg.model() + " reads features " + model.features()
                    + " but this build computes " + FailureFeatures.NAMES + "; retrain it with this build's 'homeostat train'");
        this.minProbability = cfg.minProbability();
        this.window = new FailureFeatures.Window(model.windowLength());
    }

    private static FailureModel load(Path path, String specName) {
        Path abs = path.toAbsolutePath().normalize();
        CacheKey key;
        try {
            key = new CacheKey(abs, Files.size(abs), Files.getLastModifiedTime(abs).toMillis());
        } catch (IOException e) {
            throw new IllegalArgumentException("detector '" + specName + "': parameter 'model': cannot read " + path
                    + " (" + e.getClass().getSimpleName() + "); give the file written by 'homeostat train --out', relative to the working directory");
        }
        try {
            return MODELS.computeIfAbsent(key, k -> FailureModel.load(k.path()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detector '" + specName + "': parameter 'model': " + e.getMessage(), e);
        }
    }

    FailureModel model() { return model; }

    @Override
    public Verdict observe(long timeMillis, double[] values) {
        if (values == null || values.length == 0) return Verdict.normal(0, minProbability);
        boolean anyFinite = false;
        double[] row = new double[FailureFeatures.SIGNALS.size()];
        for (int j = 0; j < row.length; j++) {
            row[j] = j < values.length && Double.isFinite(values[j]) ? values[j] : Double.NaN;
            if (!Double.isNaN(row[j])) anyFinite = true;
        }
        if (!anyFinite) return Verdict.normal(0, minProbability);
        window.add(row);
        if (!window.full()) return Verdict.normal(0, minProbability);
        FailureModel.Prediction p = model.predict(window.features());
        double failure = 0;
        for (int k = 0; k < model.classes().size(); k++) {
            String c = model.classes().get(k);
            if (!c.equals(FailureModel.NORMAL) && p.probabilities()[k] > failure) failure = p.probabilities()[k];
        }
        double score = Numbers.finite(failure);
        boolean anomalous = !p.label().equals(FailureModel.NORMAL) && p.probability() >= minProbability;
        if (!anomalous) return Verdict.normal(score, minProbability);
        return new Verdict(score, minProbability, true, "failure mode " + p.label() + " with probability " + Numbers.fmt(p.probability())
                + " ≥ " + Numbers.fmt(minProbability) + " (normal " + Numbers.fmt(probabilityOf(p, FailureModel.NORMAL)) + ")");
    }

    private double probabilityOf(FailureModel.Prediction p, String label) {
        int k = model.classes().indexOf(label);
        return k < 0 ? 0 : p.probabilities()[k];
    }
}
