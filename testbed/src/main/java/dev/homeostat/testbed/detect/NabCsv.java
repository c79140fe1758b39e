package dev.homeostat.testbed.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one NAB data file: UTF-8 (a byte-order mark is allowed), the header {@code timestamp,value}, then
 * one {@code YYYY-MM-DD HH:MM:SS[.f],<number>} row per line, blank lines skipped.
 *
 * <p>Values must be finite decimal numbers. NaN and infinities are refused rather than skipped: NAB's own
 * scorer needs a score on every row, and its reference detectors turn one NaN into NaN statistics for the
 * rest of the file, so a file with gaps is not one NAB can score — fill or drop those rows first.
 * A row earlier than the one before it is kept where it is (NAB reads rows in file order) and reported as
 * a warning.
 */
final class NabCsv {
    /** Times and values in file order. */
    record Rows(long[] times, double[] values) { }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_STEP_BACK_WARNINGS = 3;

    private NabCsv() { }

    /** Reads {@code file}; rows that step back in time add one line each to {@code warnings} (the first few, then a count). */
    static Rows read(Path file, List<String> warnings) {
        String text = decode(file);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String[] lines = text.split("\n", -1);
        String header = lines[0].strip();
        if (!header.equalsIgnoreCase("timestamp,value")) {
            throw new NabDataException(file, 1, "header must be 'timestamp,value', was '" + header + "'");
        }
        long[] times = new long[lines.length];
        double[] values = new double[lines.length];
        int n = 0, stepsBack = 0, firstStepBack = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) continue;
            int lineNo = i + 1;
            String[] cells = line.split(",", -1);
            if (cells.length != 2) throw new NabDataException(file, lineNo, "expected 2 cells 'timestamp,value', found " + cells.length + ": '" + line + "'");
            Long t = NabTime.parse(cells[0]);
            if (t == null) throw new NabDataException(file, lineNo, "timestamp '" + cells[0] + "' is not YYYY-MM-DD HH:MM:SS");
            times[n] = t;
            values[n] = value(file, lineNo, cells[1].strip());
            if (n > 0 && t < times[n - 1]) {
                if (stepsBack++ < MAX_STEP_BACK_WARNINGS) {
                    warnings.add(file + ":" + lineNo + ": timestamp '" + cells[0].strip() + "' is earlier than the row before it; "
                            + "scored in file order, as NAB does");
                } else if (firstStepBack == 0) {
                    firstStepBack = lineNo;
                }
            }
            n++;
        }
        if (stepsBack > MAX_STEP_BACK_WARNINGS) {
            warnings.add(file + ": " + (stepsBack - MAX_STEP_BACK_WARNINGS) + " more rows earlier than the row before them (from line "
                    + firstStepBack + ")");
        }
        if (n == 0) throw new NabDataException(file, 0, "no data rows after the header");
        return new Rows(Arrays.copyOf(times, n), Arrays.copyOf(values, n));
    }

    private static double value(Path file, int lineNo, String cell) {
        if (NOT_FINITE.matcher(cell).matches()) {
            throw new NabDataException(file, lineNo, "value '" + cell + "' is not a finite number; NAB scores every row, "
                    + "so drop the row or fill the gap before evaluating");
        }
        if (!DECIMAL.matcher(cell).matches()) throw new NabDataException(file, lineNo, "value '" + cell + "' is not a number");
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) {
            throw new NabDataException(file, lineNo, "value '" + cell + "' is too large for a double; rescale the series");
        }
        return v;
    }

    /** The file as UTF-8 text; a malformed byte is reported with its line and offset. */
    private static String decode(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
            throw new NabDataException(file, line, String.format(Locale.ROOT,
                    "not UTF-8 (byte 0x%02x at offset %d); save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)", bytes[at] & 0xff, at));
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
