package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * JVMChaos in the selected containers' JVM: {@code LATENCY} makes a method {@code latency} slower, {@code EXCEPTION}
 * makes it throw, {@code CPU} burns {@code cpuCount} cores, {@code NO_EFFECT} changes something no simulated metric
 * reads (a return value, one garbage collection): the fault window opens and closes, and the injection check says why.
 * The simulator's requests run no Java code, so the named method ({@code method}, kept for the journal: a class and
 * method, or the MySQL statements matched) is taken to be on every request's path, an upper bound, as HTTPChaos's matchers are.
 * A slow method holds the request's worker thread, so its latency adds to the service time, not only to the answer.
 * {@code HANG} is a method that waits for a signal nothing sends (Byteman's {@code waitFor} without a timeout): the
 * request's thread never returns. {@code HEAP} fills the JVM's heap (JVMChaos stress, memType heap): the container's
 * memory rises to {@link #HEAP_SHARE_OF_LIMIT} of its limit (the heap a JVM sized with the usual
 * {@code -XX:MaxRAMPercentage=75} has, now full; never past the limit: the JVM throws OutOfMemoryError rather than grow
 * its heap, so the kernel kills nothing) and every request fails (500) on an allocation that throws OutOfMemoryError.
 * {@code STACK} starts threads until the JVM cannot (memType stack): their stacks are native memory outside the heap,
 * so the container reaches its memory limit and is OOMKilled once; the restarted JVM has no agent and no rule.
 */
public record JvmFault(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, String action,
                       JvmEffect effect, Duration latency, int cpuCount, String method, String noEffectReason) implements PodFault {
    public enum JvmEffect { LATENCY, EXCEPTION, CPU, NO_EFFECT, HANG, HEAP, STACK }

    /** The share of the container's memory limit a full heap holds the container at. */
    public static final double HEAP_SHARE_OF_LIMIT = 0.75;

    public JvmFault {
        Faults.check(name, start, duration, selector, mode);
        if (action == null || action.isBlank()) throw new IllegalArgumentException("action: required (latency, exception, stress, mysql, return, gc)");
        if (effect == null) throw new IllegalArgumentException("effect: required");
        latency = latency == null ? Duration.ZERO : latency;
        if (effect == JvmEffect.LATENCY && !latency.isPositive()) throw new IllegalArgumentException("latency: must be positive, was " + latency);
        if (effect == JvmEffect.CPU && cpuCount < 1) throw new IllegalArgumentException("cpuCount: must be >= 1, was " + cpuCount);
        if (effect == JvmEffect.NO_EFFECT && (noEffectReason == null || noEffectReason.isBlank()))
            throw new IllegalArgumentException("noEffectReason: required when the fault has no simulated effect");
        method = method == null ? "" : method;
    }

    @Override public String kind() { return "JVMChaos/" + action; }
}
