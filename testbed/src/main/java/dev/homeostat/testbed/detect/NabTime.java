package dev.homeostat.testbed.detect;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** NAB's timestamps: {@code YYYY-MM-DD HH:MM:SS} with an optional fraction, read as UTC. */
final class NabTime {
    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter PRINTER = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private NabTime() { }

    /** Epoch milliseconds of {@code text}, or null when it is not a NAB timestamp (the caller names file and line). */
    static Long parse(String text) {
        try {
            return LocalDateTime.parse(text.trim(), PARSER).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code YYYY-MM-DD HH:MM:SS}, with {@code .fff} when the time has milliseconds. */
    static String format(long millis) {
        String seconds = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC).format(PRINTER);
        int ms = (int) Math.floorMod(millis, 1000);
        return ms == 0 ? seconds : seconds + String.format(java.util.Locale.ROOT, ".%03d", ms);
    }
}
