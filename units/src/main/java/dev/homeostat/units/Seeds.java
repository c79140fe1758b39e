package dev.homeostat.units;

import java.nio.charset.StandardCharsets;

/**
 * The one way this project splits a seed: a run's seed and a stable name (a random stream, a series,
 * a detector) give a seed of their own, the same in every JVM and release, unrelated to the seed of
 * any other name. Adding a name or drawing more from one stream therefore never shifts another.
 */
public final class Seeds {
    private Seeds() { }

    /** The seed of {@code name} under {@code seed}: SplitMix64's finaliser over the seed and a mixed FNV-1a 64 hash of the name's UTF-8 bytes. */
    public static long derive(long seed, String name) {
        if (name == null) throw new IllegalArgumentException("name: a derived seed needs a name");
        return mix64(seed ^ mix64(fnv1a64(name)));
    }

    /** FNV-1a over the UTF-8 bytes: 64 bits and specified, unlike {@code String.hashCode}'s 32 bits. */
    static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
