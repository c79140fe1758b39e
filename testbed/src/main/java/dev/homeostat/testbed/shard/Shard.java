package dev.homeostat.testbed.shard;

import dev.homeostat.testbed.run.SuitePair;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count}: the pairs of a suite whose index in the suite's enumeration
 * satisfies {@code pairIndex % count == index}. Round-robin rather than contiguous blocks, so the
 * seeds of a slow scenario spread over the shards instead of landing on one.
 */
public record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1) throw new IllegalArgumentException("--shard: N must be >= 1 (how many shards), was " + index + "/" + count);
        if (index < 0 || index >= count)
            throw new IllegalArgumentException("--shard: I must be in 0.." + (count - 1) + " (shards are numbered from 0, as JOB_COMPLETION_INDEX is), was " + index + "/" + count);
    }

    /** Parses {@code I/N}, e.g. {@code 0/3}; anything else is bad input naming {@code --shard}. */
    public static Shard parse(String text) {
        var m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches())
            throw new IllegalArgumentException("--shard: expected I/N with 0 <= I < N, e.g. 0/3 for the first of 3 shards; was '" + text + "'");
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean owns(int pairIndex) {
        return pairIndex % count == index;
    }

    /** The pairs of {@code all} this shard runs, in suite order. */
    public List<SuitePair> select(List<SuitePair> all) {
        return all.stream().filter(p -> owns(p.index())).toList();
    }

    @Override public String toString() {
        return index + "/" + count;
    }
}
