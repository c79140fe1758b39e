package dev.homeostat.simulator.core;

import dev.homeostat.units.Seeds;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Named random streams split from one run seed. Each stream is seeded from the run seed and its name
 * ({@link Seeds#derive}), never from another stream, so adding a stream or drawing more from one never
 * shifts the numbers of another.
 */
public final class RandomStreams {
    private final long seed;
    private final Map<String, SplittableRandom> streams = new TreeMap<>();

    public RandomStreams(long seed) { this.seed = seed; }

    public long seed() { return seed; }

    /** The stream called {@code name}; the same object on every call. */
    public SplittableRandom stream(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("name: a random stream needs a name");
        return streams.computeIfAbsent(name, n -> new SplittableRandom(Seeds.derive(seed, n)));
    }
}
