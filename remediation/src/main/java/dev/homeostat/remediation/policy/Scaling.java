package dev.homeostat.remediation.policy;

/**
 * How {@code scale-up} grows a Deployment: by {@code by} replicas, or to {@code to} replicas (exactly one of them is
 * set, the other is 0), never above {@code maxReplicas}. With {@code targetUtilization} (0 when unset) and a measured
 * utilization, it grows as the Horizontal Pod Autoscaler sizes, {@code ceil(replicas × utilization / target)}, by at
 * least {@code by}. Written in a rule as {@code scale: {by: 1, maxReplicas: 6}}, {@code scale: {to: 4}} or
 * {@code scale: {by: 1, targetUtilization: 0.6, maxReplicas: 20}}.
 */
public record Scaling(int by, int to, int maxReplicas, double targetUtilization) {
    public Scaling {
        if ((by > 0) == (to > 0)) throw new IllegalArgumentException("scale: give exactly one of 'by' (e.g. by: 1) or 'to' (e.g. to: 4), each >= 1");
        if (by < 0 || to < 0) throw new IllegalArgumentException("scale: 'by' and 'to' must be >= 1");
        if (maxReplicas < 1) throw new IllegalArgumentException("scale.maxReplicas: must be >= 1, e.g. " + Defaults.MAX_REPLICAS + "; was " + maxReplicas);
        if (to > maxReplicas) throw new IllegalArgumentException("scale.to: " + to + " is above scale.maxReplicas " + maxReplicas + "; raise maxReplicas or lower to");
        if (!(targetUtilization >= 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("scale.targetUtilization: must be in (0, 1], e.g. 0.6; was " + targetUtilization);
        }
        if (targetUtilization > 0 && to > 0) throw new IllegalArgumentException("scale.targetUtilization: goes with 'by', not 'to'");
    }

    public Scaling(int by, int to, int maxReplicas) { this(by, to, maxReplicas, 0); }

    /** One more replica at a time, up to {@link Defaults#MAX_REPLICAS}. */
    public static Scaling defaults() { return new Scaling(Defaults.SCALE_BY, 0, Defaults.MAX_REPLICAS); }

    /** The replicas to ask for, given {@code current}; never above maxReplicas (may be <= current: nothing to do). */
    public int next(int current) { return next(current, Double.NaN); }

    /** The replicas to ask for, given {@code current} and its pods' mean utilization (NaN when unknown). */
    public int next(int current, double utilization) {
        long wanted = to > 0 ? to : (long) current + by;
        if (targetUtilization > 0 && Double.isFinite(utilization)) {
            wanted = Math.max(wanted, (long) Math.ceil(current * utilization / targetUtilization - 1e-9));
        }
        return (int) Math.min(wanted, maxReplicas);
    }
}
