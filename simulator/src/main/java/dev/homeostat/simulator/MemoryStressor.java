package dev.homeostat.simulator;

/**
 * The memory one StressChaos holds in one container: {@code bytes} so far (a ramp grows it), and whether the kernel
 * picks its process first when the container reaches its memory limit ({@code oomVictim}: a positive
 * {@code oomScoreAdj}; then the stressor dies and its stress ends, the app lives). {@code ended}: killed or removed.
 */
final class MemoryStressor {
    long bytes;
    final boolean oomVictim;
    boolean ended;

    MemoryStressor(long bytes, boolean oomVictim) {
        this.bytes = bytes;
        this.oomVictim = oomVictim;
    }
}
