package dev.homeostat.remediation.policy;

/**
 * A policy that cannot be used, with where ({@code source}: the file, {@code path}: the field, e.g.
 * {@code spec.rules[1].actions[0]}) and what to do about it in the message.
 */
public final class PolicyException extends IllegalArgumentException {
    private final String source;
    private final String path;

    public PolicyException(String source, String path, String problem) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.source = source;
        this.path = path;
    }

    public String source() { return source; }

    public String path() { return path; }
}
