package dev.homeostat.simulator.spec;

/**
 * A Deployment's RollingUpdate strategy: at most {@code maxSurge} pods above {@code replicas} and at
 * most {@code maxUnavailable} below it while a new revision replaces the old. Each is a count of pods or a
 * percentage of the replicas, as Kubernetes' IntOrString; null takes Kubernetes' default, 25 %.
 *
 * <p>Percentages resolve as the Deployment controller does (its ResolveFenceposts; the API reference of
 * RollingUpdateDeployment: "Absolute number is calculated from percentage by rounding up" for maxSurge, "by rounding
 * down" for maxUnavailable, https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/), and
 * when both resolve to 0 maxUnavailable becomes 1, so the rollout can progress. A StatefulSet's maxUnavailable rounds
 * down too and is at least 1 (its controller's getStatefulSetMaxUnavailable), which the same rule gives with no surge.
 */
public record RolloutSpec(IntOrPercent maxSurge, IntOrPercent maxUnavailable) {
    private static final IntOrPercent DEFAULT = IntOrPercent.percent(25);

    public RolloutSpec {
        // the API server's validation of a RollingUpdateDeployment: maxUnavailable at most 100 %, not both 0
        if (maxUnavailable != null && maxUnavailable.above100Percent())
            throw new IllegalArgumentException("strategy.maxUnavailable: " + maxUnavailable + " is more than 100%; give at most 100% (every pod) or a count");
        if (maxSurge != null && maxUnavailable != null && maxSurge.isZero() && maxUnavailable.isZero())
            throw new IllegalArgumentException("strategy: maxSurge and maxUnavailable cannot both be 0 (the rollout could never progress); set one to 1");
    }

    /** Counts of pods. */
    public RolloutSpec(Integer maxSurge, Integer maxUnavailable) {
        this(count("maxSurge", maxSurge), count("maxUnavailable", maxUnavailable));
    }

    private static IntOrPercent count(String field, Integer pods) {
        if (pods != null && pods < 0) throw new IllegalArgumentException("strategy." + field + ": must be >= 0, was " + pods);
        return IntOrPercent.ofNullable(pods);
    }

    public static RolloutSpec defaults() { return new RolloutSpec((IntOrPercent) null, null); }

    /** Pods allowed above {@code replicas}. */
    public int surge(int replicas) { return (maxSurge != null ? maxSurge : DEFAULT).resolve(replicas, true); }

    /** Pods allowed below {@code replicas}: at least 1 when the surge is 0, as the controller resolves them. */
    public int unavailable(int replicas) {
        int unavailable = (maxUnavailable != null ? maxUnavailable : DEFAULT).resolve(replicas, false);
        return unavailable == 0 && surge(replicas) == 0 ? 1 : unavailable;
    }
}
