package dev.homeostat.simulator.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Named random streams split from one run seed. Each stream is seeded from the run seed and a
 * stable hash of its name (FNV-1a, then the SplitMix64 finaliser), never from another stream, so
 * adding a stream or drawing more from one never shifts the numbers of another.
 */
public final class RandomStreams {
    private final long seed;
    private final Map<String, SplittableRandom> streams = new TreeMap<>();

    public RandomStreams(long seed) { this.seed = seed; }

    public long seed() { return seed; }

    /** The stream called {@code name}; the same object on every call. */
    public SplittableRandom stream(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("name: a random stream needs a name");
        return streams.computeIfAbsent(name, n -> new SplittableRandom(seedOf(seed, n)));
    }

    /** The seed of stream {@code name} under run seed {@code seed}; stable across JVMs and releases. */
    public static long seedOf(long seed, String name) {
        return mix64(seed ^ mix64(fnv1a64(name)));
    }

    static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
