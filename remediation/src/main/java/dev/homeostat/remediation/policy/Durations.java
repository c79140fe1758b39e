package dev.homeostat.remediation.policy;

import java.time.Duration;

/**
 * Go-style durations as Kubernetes and Prometheus users write them: {@code 500ms}, {@code 15s},
 * {@code 5m}, {@code 1h30m}, {@code 1.5s}. Millisecond resolution: the engine's clock has no finer grain.
 */
public final class Durations {
    private static final String FIX = "write a number with a unit (ms, s, m, h), e.g. 500ms, 15s, 5m, 1h30m";

    private Durations() { }

    /** Parses {@code text}; throws IllegalArgumentException saying what is wrong and how to write it. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty duration; " + FIX);
        String s = text.trim();
        if (s.startsWith("-")) throw new IllegalArgumentException("negative duration '" + text + "' is not allowed; " + FIX);
        if (s.startsWith("+")) s = s.substring(1);
        if (s.equals("0")) return Duration.ZERO; // Go accepts a bare zero, so do we
        double millis = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (start == i) throw new IllegalArgumentException("bad duration '" + text + "': expected a number at '" + s.substring(start) + "'; " + FIX);
            double number;
            try {
                number = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad duration '" + text + "': '" + s.substring(start, i) + "' is not a number; " + FIX, e);
            }
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
            String unit = s.substring(unitStart, i);
            double scale = switch (unit) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                case "" -> throw new IllegalArgumentException("bad duration '" + text + "': missing unit after " + s.substring(start, i) + "; " + FIX);
                default -> throw new IllegalArgumentException("bad duration '" + text + "': unknown unit '" + unit + "'; " + FIX);
            };
            millis += number * scale;
        }
        if (!Double.isFinite(millis) || millis > Long.MAX_VALUE / 2.0) {
            throw new IllegalArgumentException("duration '" + text + "' is too large; " + FIX);
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** Formats like Go does, for messages: {@code 1h30m}, {@code 15s}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) return "0s";
        var sb = new StringBuilder();
        if (ms < 0) { sb.append('-'); ms = -ms; }
        long h = ms / 3_600_000, m = ms / 60_000 % 60, s = ms / 1_000 % 60, rest = ms % 1_000;
        if (h > 0) sb.append(h).append('h');
        if (m > 0) sb.append(m).append('m');
        if (s > 0) sb.append(s).append('s');
        if (rest > 0) sb.append(rest).append("ms");
        return sb.toString();
    }
}
