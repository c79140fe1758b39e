package dev.homeostat.chaos;

/**
 * Something accepted that the simulation approximates today ("planned: …"), or a document skipped because it is not
 * a Chaos Mesh object: reported so that nothing is accepted silently. {@link #toString()} is the line to print.
 */
public record ManifestNote(String source, int line, String field, String message) {
    public ManifestNote {
        field = field == null ? "" : ManifestException.oneLine(field);
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message: required");
        message = ManifestException.oneLine(message);
    }

    @Override public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
