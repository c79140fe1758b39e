package dev.homeostat.remediation.policy;

/**
 * How {@code scale-up} grows a Deployment: by {@code by} replicas, or to {@code to} replicas
 * (exactly one of them is set, the other is 0), never above {@code maxReplicas}. Written in a rule
 * as {@code scale: {by: 1, maxReplicas: 6}} or {@code scale: {to: 4}}.
 */
public record Scaling(int by, int to, int maxReplicas) {
    public Scaling {
        if ((by > 0) == (to > 0)) throw new IllegalArgumentException("scale: give exactly one of 'by' (e.g. by: 1) or 'to' (e.g. to: 4), each >= 1");
        if (by < 0 || to < 0) throw new IllegalArgumentException("scale: 'by' and 'to' must be >= 1");
        if (maxReplicas < 1) throw new IllegalArgumentException("scale.maxReplicas: must be >= 1, e.g. " + Defaults.MAX_REPLICAS + "; was " + maxReplicas);
        if (to > maxReplicas) throw new IllegalArgumentException("scale.to: " + to + " is above scale.maxReplicas " + maxReplicas + "; raise maxReplicas or lower to");
    }

    /** One more replica at a time, up to {@link Defaults#MAX_REPLICAS}. */
    public static Scaling defaults() { return new Scaling(Defaults.SCALE_BY, 0, Defaults.MAX_REPLICAS); }

    /** The replicas to ask for, given {@code current}; never above maxReplicas (may be <= current: nothing to do). */
    public int next(int current) {
        long wanted = to > 0 ? to : (long) current + by;
        return (int) Math.min(wanted, maxReplicas);
    }
}
