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
     * One detector kind: its {@code name} in specs, a one-line {@code description}, the parameter
     * names it accepts (name → meaning and default, in documentation order) and a factory from a
     * spec and a seed to a fresh detector for one series.
     */
    public record Entry(String name, String description, Map<String, String> params, BiFunction<DetectorSpec, Long, Detector> factory) {
        public Entry {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** The accepted parameter names. */
        public Set<String> paramNames() { return params.keySet(); }
    }

    private static final String DIRECTION = "both|up|down: which side of normal is anomalous (default both)";
    private static final String MIN_SPREAD = "floor for the spread, so flat series give finite scores (default 1e-6·|center| + 1e-9)";

    private static final List<Entry> ENTRIES = List.of(
            new Entry("threshold", "static bounds held for N consecutive observations", params(
                    "above", "anomalous above this value",
                    "below", "anomalous below this value (at least one of above/below)",
                    "for", "consecutive out-of-bound observations required (default 1)"),
                    (spec, seed) -> {
                        var cfg = ThresholdDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new ThresholdDetector(cfg), 0);
                    }),
            new Entry("mad", "rolling median/MAD robust z-score", params(
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
            new Entry("ewma", "exponentially weighted mean/variance z-score", params(
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
            new Entry("isolation-forest", "Smile isolation forest over the whole values vector", params(
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
            new Entry("seasonal", "same-phase median/MAD over the last cycles periods", params(
                    "period", "observations per season, e.g. 1440 for a day of 1-minute samples (required)",
                    "cycles", "past periods forming each phase's baseline (default 3)",
                    "k", "robust z above which a value is anomalous (default 5)",
                    "min", "past periods needed before scoring starts (default 1)",
                    "direction", DIRECTION,
                    "minSpread", MIN_SPREAD),
                    (spec, seed) -> {
                        var cfg = SeasonalDetector.Config.from(new Params(spec));
                        return new PerSignalDetector(() -> new SeasonalDetector(cfg), cfg.k());
                    }));

    private static final Map<String, Entry> BY_NAME;
    static {
        var byName = new LinkedHashMap<String, Entry>();
        for (Entry e : ENTRIES) {
            if (byName.put(e.name(), e) != null) throw new IllegalStateException("detector registered twice: " + e.name());
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
