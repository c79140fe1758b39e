package dev.homeostat.detectors;

/**
 * One signal's detector state. {@link PerSignalDetector} keeps one per index of the values
 * vector, so every univariate detector also works on a vector, signal by signal.
 * {@code value} may be NaN or infinite (missing): the scorer then returns a normal verdict with
 * score 0 and leaves its learned state as it was
 * (a phase-based scorer still advances its phase).
 */
interface UnivariateScorer {
    Verdict observe(double value);

    /** The values whose observation now would judge normal with no explanation and change nothing (see {@link Detector#quietBand}). */
    default QuietBand quietBand() { return QuietBand.NONE; }
}
