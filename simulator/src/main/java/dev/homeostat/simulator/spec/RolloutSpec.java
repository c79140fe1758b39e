package dev.homeostat.simulator.spec;

/**
 * A Deployment's RollingUpdate strategy: at most {@code maxSurge} pods above {@code replicas} and at
 * most {@code maxUnavailable} below it while a new revision replaces the old. Null fields take
 * Kubernetes' defaults, 25 % of the replicas (surge rounded up, unavailable rounded down).
 */
public record RolloutSpec(Integer maxSurge, Integer maxUnavailable) {
    public RolloutSpec {
        if (maxSurge != null && maxSurge < 0) throw new IllegalArgumentException("strategy.maxSurge: must be >= 0, was " + maxSurge);
        if (maxUnavailable != null && maxUnavailable < 0)
            throw new IllegalArgumentException("strategy.maxUnavailable: must be >= 0, was " + maxUnavailable);
        if (maxSurge != null && maxUnavailable != null && maxSurge == 0 && maxUnavailable == 0)
            throw new IllegalArgumentException("strategy: maxSurge and maxUnavailable cannot both be 0 (the rollout could never progress); set one to 1");
    }

    public static RolloutSpec defaults() { return new RolloutSpec(null, null); }

    /** Pods allowed above {@code replicas}; at least 1 when maxUnavailable resolves to 0, as the API server insists. */
    public int surge(int replicas) {
        int s = maxSurge != null ? maxSurge : (int) Math.ceil(replicas * 0.25);
        return s == 0 && unavailable(replicas) == 0 ? 1 : s;
    }

    public int unavailable(int replicas) { return maxUnavailable != null ? maxUnavailable : (int) Math.floor(replicas * 0.25); }
}
