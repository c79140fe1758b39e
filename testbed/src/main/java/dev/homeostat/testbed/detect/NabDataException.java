package dev.homeostat.testbed.detect;

import java.nio.file.Path;

/**
 * Bad NAB input: names the file (and the line when there is one) and says how to fix it. An
 * IllegalArgumentException, so the command line maps it to exit code 2.
 */
public final class NabDataException extends IllegalArgumentException {
    private final transient Path file;
    private final int line;

    public NabDataException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() { return file; }

    /** 1-based line of the file (the CSV header is line 1), or 0 when the problem is not on one line. */
    public int line() { return line; }
}
