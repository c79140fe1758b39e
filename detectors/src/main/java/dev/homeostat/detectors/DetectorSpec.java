package dev.homeostat.detectors;

import java.util.LinkedHashMap;
import java.util.Map;

/** A detector by name and parameters, as written in YAML or on the command line: {@code mad:window=60,k=5}. */
public record DetectorSpec(String name, Map<String, String> params) {
    public DetectorSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("detector: name is required");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** Parses {@code name[:k=v,...]}; throws IllegalArgumentException naming what is wrong. */
    public static DetectorSpec parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("detector: empty; write name[:key=value,...], e.g. mad:window=60,k=5");
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).trim();
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String pair : text.substring(colon + 1).split(",")) {
                if (pair.isBlank()) continue;
                int eq = pair.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("detector '" + text + "': parameter '" + pair + "' is not key=value");
                params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return new DetectorSpec(name, params);
    }

    @Override public String toString() {
        if (params.isEmpty()) return name;
        var sb = new StringBuilder(name).append(':');
        new java.util.TreeMap<>(params).forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        return sb.substring(0, sb.length() - 1);
    }
}
