package dev.homeostat.testbed.scenario;

import java.nio.file.Path;

/**
 * Bad input in a scenario (or a file it names): which file, which line (and column) when known, which field,
 * and what to do about it. The command line prints {@link #getMessage()} and exits 2.
 */
public final class ScenarioException extends RuntimeException {
    private final Path file;
    private final String field;

    public ScenarioException(Path file, int line, String field, String problem) {
        this(file, line, 0, field, problem);
    }

    public ScenarioException(Path file, int line, int column, String field, String problem) {
        super(format(file, line, column, field, problem));
        this.file = file;
        this.field = field;
    }

    public Path file() { return file; }

    public String field() { return field; }

    private static String format(Path file, int line, int column, String field, String problem) {
        var sb = new StringBuilder(String.valueOf(file));
        if (line > 0) sb.append(':').append(line);
        if (line > 0 && column > 0) sb.append(':').append(column);
        sb.append(": ");
        if (field != null && !field.isEmpty()) sb.append(field).append(": ");
        return sb.append(problem).toString();
    }
}
