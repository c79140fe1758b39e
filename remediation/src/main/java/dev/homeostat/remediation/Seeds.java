package dev.homeostat.remediation;

import java.nio.charset.StandardCharsets;

/** Per-series seeds split from the engine seed by the series key: same seed and key, same detector, in every JVM. */
final class Seeds {
    private Seeds() { }

    static long derive(long seed, String key) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64: stable across JVMs, unlike String.hashCode's 32 bits
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(seed ^ h);
    }

    /** SplitMix64's finalizer: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
