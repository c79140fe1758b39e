package dev.homeostat.chaos;

/**
 * A Chaos Mesh manifest this module cannot turn into simulator faults: bad YAML, a kind, action or
 * field that is not modelled, or an inconsistent value. The message reads
 * {@code <file>:<line>: <field path>: <problem and fix>}; the parts are also available one by one.
 * It is an {@link IllegalArgumentException} so callers that map bad input to exit code 2 catch it too.
 */
public final class ManifestException extends IllegalArgumentException {
    private final String source;
    private final int line;
    private final String field;
    private final String problem;

    /**
     * @param source  file (or other source name) the manifest came from
     * @param line    1-based line of the offending field, 0 when unknown
     * @param field   dotted field path such as {@code spec.action}, empty for the whole document
     * @param problem what is wrong and how to fix it
     */
    public ManifestException(String source, int line, String field, String problem) {
        super(render(source, line, oneLine(field), oneLine(problem)));
        this.source = source;
        this.line = line;
        this.field = field == null ? "" : oneLine(field);
        this.problem = oneLine(problem);
    }

    /**
     * {@code text} fit for one line: a value the message echoes may hold a line break or a tab (YAML's {@code "a\nb"}),
     * written as its escape so that every problem stays one line. Null stays null.
     */
    static String oneLine(String text) {
        if (text == null || text.chars().noneMatch(Character::isISOControl)) return text;
        var out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }

    public String source() { return source; }

    /** 1-based line, 0 when unknown. */
    public int line() { return line; }

    public String field() { return field; }

    /** The message without file, line and field. */
    public String problem() { return problem; }

    private static String render(String source, int line, String field, String problem) {
        var out = new StringBuilder(source == null ? "<unknown>" : source);
        if (line > 0) out.append(':').append(line);
        out.append(": ");
        if (field != null && !field.isEmpty()) out.append(field).append(": ");
        return out.append(problem).toString();
    }
}
