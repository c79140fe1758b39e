package dev.homeostat.detectors;

/**
 * CPython's (3.8+) {@code hash()} of a tuple of non-negative ints below 2^61 − 1 (an int hashes to
 * itself there): the xxHash-based lanes of {@code Objects/tupleobject.c}. CAD OSE ranks tied contexts
 * by these hashes, so a port that wants the reference's choices needs the same numbers.
 */
final class PythonHash {
    private static final long XXPRIME_1 = 0x9E3779B185EBCA87L;
    private static final long XXPRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long XXPRIME_5 = 0x27D4EB2F165667C5L;

    private PythonHash() { }

    static long tuple(long[] items) {
        long acc = XXPRIME_5;
        for (long item : items) {
            acc += item * XXPRIME_2;
            acc = Long.rotateLeft(acc, 31);
            acc *= XXPRIME_1;
        }
        acc += items.length ^ (XXPRIME_5 ^ 3527539L);
        return acc == -1 ? 1546275796L : acc;
    }
}
