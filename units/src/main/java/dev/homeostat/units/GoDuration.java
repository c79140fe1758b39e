package dev.homeostat.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Go's duration syntax ({@code time.ParseDuration}), the one duration parser of the project: Chaos
 * Mesh's {@code spec.duration}, scenario YAML, remediation policies and the engine's configuration.
 * A sequence of decimal numbers, each with an optional fraction and a unit, e.g. {@code 300ms}, {@code 1.5h}, {@code 1h30m}. Units: {@code ns}, {@code us} (or {@code µs},
 * {@code μs}), {@code ms}, {@code s}, {@code m}, {@code h}. A lone {@code 0} needs no unit.
 *
 * <p>Unlike Go, negative durations are rejected: nothing in a scenario or an experiment can last a
 * negative time. The range is Go's (int64 nanoseconds, about 292 years).
 */
public final class GoDuration {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    private static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;
    private static final String UNITS = "ns, us (or µs), ms, s, m, h";
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L, // micro sign, what Go prints
            "\u03bcs", 1_000L, // Greek small mu, which Go also accepts
            "ms", 1_000_000L,
            "s", NANOS_PER_SECOND,
            "m", NANOS_PER_MINUTE,
            "h", NANOS_PER_HOUR);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() { }

    /**
     * Parses {@code text}; throws {@link IllegalArgumentException} naming the problem and the accepted
     * syntax. Fractions below a nanosecond are truncated, as Go does.
     */
    public static Duration parse(String text) {
        if (text == null) throw new IllegalArgumentException("missing duration; write a Go duration such as 30s, 5m or 1h30m");
        String s = text;
        if (s.startsWith("-")) throw invalid(text, "negative durations are not allowed");
        if (s.startsWith("+")) s = s.substring(1);
        if (s.isEmpty()) throw invalid(text, "empty");
        if (s.equals("0")) return Duration.ZERO;
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && isDigit(s.charAt(i))) i++;
            boolean digitsBefore = i > numberStart;
            boolean digitsAfter = false;
            if (i < s.length() && s.charAt(i) == '.') {
                int fractionStart = ++i;
                while (i < s.length() && isDigit(s.charAt(i))) i++;
                digitsAfter = i > fractionStart;
            }
            if (!digitsBefore && !digitsAfter)
                throw invalid(text, "expected a number at position " + (numberStart + 1));
            String number = s.substring(numberStart, i);
            int unitStart = i;
            while (i < s.length() && !isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) throw invalid(text, "missing unit after " + number + " (units: " + UNITS + ")");
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) throw invalid(text, "unknown unit \"" + unit + "\" (units: " + UNITS + ")");
            BigDecimal value = new BigDecimal(number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number);
            total = total.add(value.multiply(BigDecimal.valueOf(nanos)).setScale(0, RoundingMode.DOWN).toBigIntegerExact());
            if (total.compareTo(MAX_NANOS) > 0) throw invalid(text, "too large; Go durations end at about 292 years");
        }
        return Duration.ofNanos(total.longValueExact());
    }

    /**
     * Formats like Go's {@code Duration.String()}: {@code 0s}, {@code 750ms}, {@code 1.5µs},
     * {@code 1h30m0s}, {@code 2m0.5s}. {@code parse(format(d))} gives back {@code d}.
     */
    public static String format(Duration duration) {
        if (duration == null || duration.isNegative())
            throw new IllegalArgumentException("duration: must be >= 0, was " + duration);
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException tooLong) {
            throw new IllegalArgumentException("duration: too large for a Go duration (about 292 years), was " + duration);
        }
        if (nanos == 0) return "0s";
        if (nanos < 1_000) return nanos + "ns";
        if (nanos < 1_000_000) return decimal(nanos, 3) + "\u00b5s";
        if (nanos < NANOS_PER_SECOND) return decimal(nanos, 6) + "ms";
        var out = new StringBuilder();
        long hours = nanos / NANOS_PER_HOUR;
        long minutes = nanos % NANOS_PER_HOUR / NANOS_PER_MINUTE;
        if (hours > 0) out.append(hours).append('h');
        if (hours > 0 || minutes > 0) out.append(minutes).append('m');
        return out.append(decimal(nanos % NANOS_PER_MINUTE, 9)).append('s').toString();
    }

    /**
     * Formats to the millisecond with zero units left out, as people write durations in a policy and
     * Prometheus prints them: {@code 0s}, {@code 500ms}, {@code 5m}, {@code 1h30m}, {@code 15s250ms}.
     * Go parses the result ({@code parse(formatCompact(d))} is {@code d} truncated to milliseconds); for
     * messages, where {@link #format}'s {@code 5m0s} reads worse.
     */
    public static String formatCompact(Duration duration) {
        if (duration == null || duration.isNegative())
            throw new IllegalArgumentException("duration: must be >= 0, was " + duration);
        long ms = duration.toMillis();
        if (ms == 0) return "0s";
        var out = new StringBuilder();
        long h = ms / 3_600_000, m = ms / 60_000 % 60, s = ms / 1_000 % 60, rest = ms % 1_000;
        if (h > 0) out.append(h).append('h');
        if (m > 0) out.append(m).append('m');
        if (s > 0) out.append(s).append('s');
        if (rest > 0) out.append(rest).append("ms");
        return out.toString();
    }

    /** {@code value / 10^digits} written without trailing zeros in the fraction. */
    private static String decimal(long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        String fraction = String.format("%0" + digits + "d", value % scale).replaceFirst("0+$", "");
        return (value / scale) + (fraction.isEmpty() ? "" : "." + fraction);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid Go duration \"" + text + "\": " + why
                + "; write e.g. 30s, 5m, 1h30m or 250ms");
    }
}
