package dev.homeostat.chaos;

import java.nio.file.Path;

/**
 * One bad manifest file found by {@link ChaosManifests#validate(Path)} (or {@link ManifestTranslator#validate(Path)}): where (file, 1-based line or
 * 0 when unknown, field path or empty) and what to fix. {@link #toString()} is the line to print.
 */
public record ManifestProblem(Path file, int line, String field, String message) {
    public ManifestProblem {
        if (file == null) throw new IllegalArgumentException("file: required");
        if (line < 0) throw new IllegalArgumentException("line: must be >= 0 (0 = unknown), was " + line);
        field = field == null ? "" : ManifestException.oneLine(field);
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message: required");
        message = ManifestException.oneLine(message);
    }

    static ManifestProblem of(Path file, ManifestException e) {
        return new ManifestProblem(file, e.line(), e.field(), e.problem());
    }

    @Override public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
