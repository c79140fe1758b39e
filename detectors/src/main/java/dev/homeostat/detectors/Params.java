package dev.homeostat.detectors;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Typed, validated access to a spec's parameters. Every failure names the detector, the
 * parameter, the bad value and an example of a good one, so a typo in a scenario fails at load
 * time with a message the author can act on.
 */
final class Params {
    private final DetectorSpec spec;

    Params(DetectorSpec spec) { this.spec = spec; }

    boolean has(String key) { return spec.params().containsKey(key); }

    int positiveInt(String key, int dflt) { return intAtLeast(key, dflt, 1); }

    int intAtLeast(String key, int dflt, int min) {
        String raw = spec.params().get(key);
        if (raw == null) return dflt;
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw bad(key, raw, "must be a whole number ≥ " + min, key + "=" + Math.max(dflt, min));
        }
        if (v < min || v > Integer.MAX_VALUE) throw bad(key, raw, "must be a whole number ≥ " + min, key + "=" + Math.max(dflt, min));
        return (int) v;
    }

    /** A finite number in [min, max] (either bound may be open: {@code minOpen}/{@code maxOpen}). */
    double number(String key, double dflt, double min, boolean minOpen, double max, boolean maxOpen) {
        String raw = spec.params().get(key);
        if (raw == null) return dflt;
        double v;
        try {
            v = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        boolean ok = Double.isFinite(v)
                && (minOpen ? v > min : v >= min)
                && (maxOpen ? v < max : v <= max);
        if (!ok) {
            String range = (minOpen ? "(" : "[") + Numbers.fmt(min) + ", "
                    + (max == Double.MAX_VALUE ? "∞" : Numbers.fmt(max)) + (maxOpen ? ")" : "]");
            throw bad(key, raw, "must be a number in " + range, key + "=" + Numbers.fmt(dflt));
        }
        return v;
    }

    /** Any finite number, or {@code dflt} (may be NaN for "not set") when absent. */
    double anyNumber(String key, double dflt) {
        String raw = spec.params().get(key);
        if (raw == null) return dflt;
        try {
            double v = Double.parseDouble(raw.trim());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // fall through to the error naming the parameter
        }
        throw bad(key, raw, "must be a finite number", key + "=0.9");
    }

    Direction direction() {
        String raw = spec.params().get("direction");
        if (raw == null) return Direction.BOTH;
        for (Direction d : Direction.values()) if (d.paramValue().equals(raw.trim().toLowerCase(Locale.ROOT))) return d;
        throw bad("direction", raw, "must be one of "
                + Arrays.stream(Direction.values()).map(Direction::paramValue).collect(Collectors.joining("|")), "direction=up");
    }

    IllegalArgumentException bad(String key, String raw, String rule, String example) {
        return new IllegalArgumentException("detector '" + spec.name() + "': parameter '" + key + "' " + rule
                + ", got '" + raw + "' (e.g. " + example + ")");
    }

    IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("detector '" + spec.name() + "': " + message);
    }
}
