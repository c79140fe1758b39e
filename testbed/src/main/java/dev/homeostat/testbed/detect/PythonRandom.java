package dev.homeostat.testbed.detect;

/**
 * CPython's {@code random.seed(int)} and {@code random.random()}: MT19937 seeded through {@code init_by_array}
 * with the seed's 32-bit words, and 53-bit doubles from two outputs. NAB's random detector calls
 * {@code random.seed(42)} before every file and scores each row {@code random.uniform(0, 1)}, which is
 * {@code random()}; this reproduces those exact numbers.
 */
final class PythonRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index = N;

    /** {@code random.seed(seed)} for a non-negative seed below 2^32 (NAB uses 42). */
    PythonRandom(long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) throw new IllegalArgumentException("Python random seed must be in [0, 2^32), got " + seed);
        initGenrand(19650218);
        int[] key = {(int) seed};
        int i = 1, j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
            if (j >= key.length) j = 0;
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
        }
        mt[0] = 0x80000000;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }

    /** {@code random.random()}: a double in [0, 1) with 53 random bits. */
    double random() {
        long a = (next() & 0xFFFF_FFFFL) >>> 5;
        long b = (next() & 0xFFFF_FFFFL) >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    private int next() {
        if (index >= N) twist();
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        index = 0;
    }
}
