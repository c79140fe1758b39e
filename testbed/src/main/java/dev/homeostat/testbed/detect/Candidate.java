package dev.homeostat.testbed.detect;

/** A row of the evaluation: a label for the tables and the factory of its detectors. */
public record Candidate(String label, DetectorFactory factory) {
    public Candidate {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("candidate: label is required");
        if (factory == null) throw new IllegalArgumentException("candidate '" + label + "': factory is required");
    }
}
