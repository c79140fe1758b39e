package dev.homeostat.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sizes and CPU amounts as Kubernetes and Chaos Mesh write them.
 *
 * <p><b>Bytes.</b> One rule for both worlds: a suffix with {@code i} is binary (powers of 1024), a
 * suffix without is decimal (powers of 1000). That is Kubernetes' rule ({@code 512Mi} = 512×2^20,
 * {@code 256M} = 256×10^6) and also Chaos Mesh's for {@code StressChaos} memory sizes: its memStress
 * parses the size with go-humanize's {@code ParseBytes}, where {@code 256MB} = 256×10^6 and
 * {@code 256MiB} = 256×2^20 (only memStress's first version read KB/MB/GB as powers of 1024; the one
 * Chaos Mesh 2.x ships does not). Accepted suffixes: none or {@code B}; {@code k}/{@code K}/{@code KB},
 * {@code M}/{@code MB}, {@code G}/{@code GB}, {@code T}/{@code TB}, {@code P}/{@code PB},
 * {@code E}/{@code EB}; {@code Ki}/{@code KiB}, {@code Mi}/{@code MiB}, {@code Gi}/{@code GiB},
 * {@code Ti}/{@code TiB}, {@code Pi}/{@code PiB}, {@code Ei}/{@code EiB} (case-insensitive, as in
 * go-humanize). A lone lowercase {@code m} is rejected: it is milli in Kubernetes and mega in
 * go-humanize. Kubernetes' decimal exponent ({@code 129e6}) and fractions ({@code 1.5Gi}) are
 * accepted; a fractional byte count is rounded up, as Kubernetes does. Percent sizes ({@code 50%})
 * are rejected: they are relative to a machine this parser does not know.
 *
 * <p><b>CPU.</b> Cores, or millicores with {@code m}: {@code 2}, {@code 0.5}, {@code 500m}. Rounded
 * up to whole millicores, Kubernetes' precision for CPU.
 */
public final class Quantity {
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE]([+-]?\\d+))?(.*)");
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);
    private static final String BYTE_SUFFIXES = "B, K/KB, M/MB, G/GB, T/TB (powers of 1000) or Ki/KiB, Mi/MiB, Gi/GiB, Ti/TiB (powers of 1024)";
    private static final Map<String, BigInteger> BYTE_MULTIPLIERS = Map.ofEntries(
            Map.entry("", BigInteger.ONE), Map.entry("b", BigInteger.ONE),
            Map.entry("k", pow(1000, 1)), Map.entry("kb", pow(1000, 1)),
            Map.entry("m", pow(1000, 2)), Map.entry("mb", pow(1000, 2)),
            Map.entry("g", pow(1000, 3)), Map.entry("gb", pow(1000, 3)),
            Map.entry("t", pow(1000, 4)), Map.entry("tb", pow(1000, 4)),
            Map.entry("p", pow(1000, 5)), Map.entry("pb", pow(1000, 5)),
            Map.entry("e", pow(1000, 6)), Map.entry("eb", pow(1000, 6)),
            Map.entry("ki", pow(1024, 1)), Map.entry("kib", pow(1024, 1)),
            Map.entry("mi", pow(1024, 2)), Map.entry("mib", pow(1024, 2)),
            Map.entry("gi", pow(1024, 3)), Map.entry("gib", pow(1024, 3)),
            Map.entry("ti", pow(1024, 4)), Map.entry("tib", pow(1024, 4)),
            Map.entry("pi", pow(1024, 5)), Map.entry("pib", pow(1024, 5)),
            Map.entry("ei", pow(1024, 6)), Map.entry("eib", pow(1024, 6)));

    private Quantity() { }

    /** Bytes in {@code text}, e.g. {@code 512Mi}, {@code 1Gi}, {@code 256M}, {@code 256MB}, {@code 1000}. */
    public static long parseBytes(String text) {
        if (text == null || text.isBlank()) throw invalidBytes(text, "empty");
        String s = text.strip();
        if (s.endsWith("%"))
            throw invalidBytes(text, "percent sizes depend on the machine's memory and are not modelled; give an absolute size such as 256MB or 512Mi");
        if (s.startsWith("-")) throw invalidBytes(text, "must not be negative");
        var m = NUMBER.matcher(s);
        if (!m.matches()) throw invalidBytes(text, "expected a number followed by a unit (" + BYTE_SUFFIXES + ")");
        String suffix = m.group(3).strip();
        if (suffix.equals("m"))
            throw invalidBytes(text, "a lowercase m is milli in Kubernetes but mega in Chaos Mesh; write M, MB or Mi");
        BigInteger multiplier = BYTE_MULTIPLIERS.get(suffix.toLowerCase(java.util.Locale.ROOT));
        if (multiplier == null) throw invalidBytes(text, "unknown unit \"" + suffix + "\"; use " + BYTE_SUFFIXES);
        BigInteger bytes = number(m).multiply(new BigDecimal(multiplier)).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        if (bytes.compareTo(MAX_LONG) > 0) throw invalidBytes(text, "too large (more than 8 EiB)");
        return bytes.longValueExact();
    }

    /** CPU cores in {@code text}, e.g. {@code 2} → 2.0, {@code 500m} → 0.5; whole millicores. */
    public static double parseCpu(String text) {
        return parseCpuMillis(text) / 1000.0;
    }

    /** CPU millicores in {@code text}, e.g. {@code 2} → 2000, {@code 500m} → 500, {@code 0.1} → 100. */
    public static long parseCpuMillis(String text) {
        if (text == null || text.isBlank()) throw invalidCpu(text, "empty");
        String s = text.strip();
        if (s.startsWith("-")) throw invalidCpu(text, "must not be negative");
        var m = NUMBER.matcher(s);
        if (!m.matches()) throw invalidCpu(text, "expected cores (2, 0.5) or millicores (500m)");
        BigDecimal millis = switch (m.group(3)) {
            case "" -> number(m).movePointRight(3);
            case "m" -> number(m);
            default -> throw invalidCpu(text, "unknown unit \"" + m.group(3) + "\"; write cores (2, 0.5) or millicores (500m)");
        };
        BigInteger whole = millis.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        if (whole.compareTo(MAX_LONG) > 0) throw invalidCpu(text, "too large");
        return whole.longValueExact();
    }

    private static BigDecimal number(java.util.regex.Matcher m) {
        BigDecimal n = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
        if (m.group(2) == null) return n;
        int exponent;
        try {
            exponent = Integer.parseInt(m.group(2));
        } catch (NumberFormatException huge) {
            throw new IllegalArgumentException("invalid quantity \"" + m.group() + "\": exponent out of range");
        }
        if (Math.abs(exponent) > 30) throw new IllegalArgumentException("invalid quantity \"" + m.group() + "\": exponent out of range");
        return n.scaleByPowerOfTen(exponent);
    }

    private static BigInteger pow(int base, int exponent) {
        return BigInteger.valueOf(base).pow(exponent);
    }

    private static IllegalArgumentException invalidBytes(String text, String why) {
        return new IllegalArgumentException("invalid size \"" + text + "\": " + why);
    }

    private static IllegalArgumentException invalidCpu(String text, String why) {
        return new IllegalArgumentException("invalid CPU quantity \"" + text + "\": " + why);
    }
}
