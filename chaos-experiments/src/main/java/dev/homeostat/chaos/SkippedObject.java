package dev.homeostat.chaos;

/** A document of a manifest file that is not a Chaos Mesh object (a ConfigMap, a Deployment …): skipped, not an error. */
public record SkippedObject(String source, int line, String apiVersion, String kind) {
    /** {@code not a Chaos Mesh object (kind ConfigMap): skipped}. */
    public String message() {
        return "not a Chaos Mesh object (" + (kind == null || kind.isBlank() ? "apiVersion " + apiVersion : "kind " + kind) + "): skipped";
    }

    @Override public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + message();
    }
}
