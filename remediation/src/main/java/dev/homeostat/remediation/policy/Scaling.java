package dev.homeostat.remediation.policy;

/**
 * How {@code scale-up} grows a Deployment: by {@code by} replicas, or to {@code to} replicas (exactly one of them is
 * set, the other is 0), never above its ceiling. With {@code targetUtilization} (0 when unset) and a measured
 * utilization, it grows as the Horizontal Pod Autoscaler sizes, {@code ceil(replicas × utilization / target)}, by at
 * least {@code by}. Written in a rule as {@code scale: {by: 1, maxReplicas: 6}}, {@code scale: {to: 4}} or
 * {@code scale: {by: 2, targetUtilization: 0.6, maxReplicas: 20, maxFactor: 2}}.
 *
 * <p>The ceiling is {@code maxReplicas} (absolute; 0: none) or {@code maxFactor} times the replicas the Deployment had
 * before the engine first scaled it (0: none; until its owners scale it back), the larger when both are set, as the HPA's {@code selectPolicy: Max}
 * takes the larger of a Pods and a Percent policy: one policy then lets a 2-replica service grow to 20 and a
 * 60-replica one to 120, where an absolute ceiling alone would leave every Deployment above it no room at all.
 */
public record Scaling(int by, int to, int maxReplicas, double targetUtilization, double maxFactor) {
    public Scaling {
        if ((by > 0) == (to > 0)) throw new IllegalArgumentException("scale: give exactly one of 'by' (e.g. by: 1) or 'to' (e.g. to: 4), each >= 1");
        if (by < 0 || to < 0) throw new IllegalArgumentException("scale: 'by' and 'to' must be >= 1");
        if (maxReplicas < 0) throw new IllegalArgumentException("scale.maxReplicas: must be >= 1, e.g. " + Defaults.MAX_REPLICAS + "; was " + maxReplicas);
        if (!(maxFactor == 0 || maxFactor >= 1)) throw new IllegalArgumentException("scale.maxFactor: must be >= 1, e.g. " + Defaults.MAX_FACTOR + "; was " + maxFactor);
        if (maxReplicas == 0 && maxFactor == 0) throw new IllegalArgumentException("scale: give maxReplicas or maxFactor, the ceiling");
        if (maxFactor == 0 && to > maxReplicas) throw new IllegalArgumentException("scale.to: " + to + " is above scale.maxReplicas " + maxReplicas + "; raise maxReplicas or lower to");
        if (!(targetUtilization >= 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("scale.targetUtilization: must be in (0, 1], e.g. 0.6; was " + targetUtilization);
        }
        if (targetUtilization > 0 && to > 0) throw new IllegalArgumentException("scale.targetUtilization: goes with 'by', not 'to'");
    }

    /** An absolute ceiling only. */
    public Scaling(int by, int to, int maxReplicas, double targetUtilization) { this(by, to, maxReplicas, targetUtilization, 0); }

    public Scaling(int by, int to, int maxReplicas) { this(by, to, maxReplicas, 0, 0); }

    /** One more replica at a time, up to {@link Defaults#MAX_REPLICAS} or {@link Defaults#MAX_FACTOR} times the replicas before. */
    public static Scaling defaults() { return new Scaling(Defaults.SCALE_BY, 0, Defaults.MAX_REPLICAS, 0, Defaults.MAX_FACTOR); }

    /** The most replicas it asks for a Deployment that had {@code before} replicas when the engine first scaled it. */
    public int ceiling(int before) {
        long relative = maxFactor > 0 ? (long) Math.ceil(maxFactor * before - 1e-9) : 0;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(maxReplicas, relative));
    }

    /** The replicas to ask for, given {@code current}, as the first scale-up of an incident; may be <= current: nothing to do. */
    public int next(int current) { return next(current, Double.NaN, current); }

    /**
     * The replicas to ask for, given {@code current}, its pods' mean utilization (NaN when unknown) and the replicas it
     * had before the engine first scaled it; never above {@link #ceiling}.
     */
    public int next(int current, double utilization, int before) {
        long wanted = to > 0 ? to : (long) current + by;
        if (targetUtilization > 0 && Double.isFinite(utilization)) {
            wanted = Math.max(wanted, (long) Math.ceil(current * utilization / targetUtilization - 1e-9));
        }
        return (int) Math.min(wanted, ceiling(before));
    }

    /** How the ceiling reads in a journal: "scale.maxReplicas 20, or 2 × the 30 replicas it had before". */
    public String describeCeiling(int before) {
        String factor = maxFactor > 0 ? fmt(maxFactor) + " × the " + before + " replicas it had before" : null;
        if (maxReplicas == 0) return "scale.maxFactor: " + factor;
        return factor == null ? "scale.maxReplicas " + maxReplicas : "scale.maxReplicas " + maxReplicas + ", or scale.maxFactor: " + factor;
    }

    private static String fmt(double v) { return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v); }
}
