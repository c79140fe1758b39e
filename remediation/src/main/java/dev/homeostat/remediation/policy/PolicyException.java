package dev.homeostat.remediation.policy;

/**
 * A policy that cannot be used, with where ({@code source}: the file, {@code path}: the field, e.g.
 * {@code spec.rules[1].actions[0]}) and what to do about it in the message.
 */
public final class PolicyException extends IllegalArgumentException {
    private final String source;
    private final String path;

    public PolicyException(String source, String path, String problem) {
        this(source, 0, path, problem);
    }

    public PolicyException(String source, int line, String path, String problem) {
        this(source, line, 0, path, problem);
    }

    /** {@code line} and {@code column} 0 when unknown. */
    public PolicyException(String source, int line, int column, String path, String problem) {
        super(source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.source = source;
        this.path = path;
    }

    public String source() { return source; }

    public String path() { return path; }
}
