package dev.homeostat.testbed.scenario;

import dev.homeostat.simulator.spec.DeploymentSpec;
import java.time.Duration;
import java.util.List;

/**
 * The documented upper bounds of a scenario, checked at load with the bound and its reason in the message (the
 * table in testbed/README.md, "Limits"), and the estimate of a suite's work that {@code run} and {@code bench}
 * hold against a budget before the first simulation.
 */
public final class ScenarioLimits {
    /** Seeds of one scenario: each is two full simulations, and the scored figures settle long before. */
    public static final int MAX_SEEDS = 1_000;
    /** Kubernetes' documented limit for one cluster ("Considerations for large clusters"). */
    public static final int MAX_NODES = 5_000;
    /** Kubernetes' documented limit for one cluster; it bounds replicas, HPA maxima and scale changes. */
    public static final int MAX_PODS = 150_000;
    /** The longest SLO window anything scores is 30 days; a longer period is several scenarios. */
    public static final Duration MAX_DURATION = Duration.ofDays(30);
    /**
     * Pod-steps (pods × simulation steps, both runs of every seed) a command may start without {@code --max-work}:
     * about 8 minutes of one core at the reference scenario's measured pace (~8 M pod-steps/s), 12 × its 24-hour run.
     */
    public static final long DEFAULT_WORK_BUDGET = 4_000_000_000L;

    private ScenarioLimits() { }

    /** A {@code --seeds} option: null (each scenario's own) or 1 to {@link #MAX_SEEDS}. */
    public static void checkSeedsOption(Integer seeds) {
        if (seeds == null) return;
        if (seeds < 1) throw new IllegalArgumentException("--seeds: must be >= 1, was " + seeds);
        if (seeds > MAX_SEEDS)
            throw new IllegalArgumentException("--seeds: " + tooMany("seeds", seeds, MAX_SEEDS, "each seed is two full simulations; the scored figures settle long before"));
    }

    static String tooMany(String what, long value, long max, String reason) {
        return value + " " + what + " is above the limit of " + max + " (" + reason + ")";
    }

    /** The pods a scenario's cluster may reach: replicas, or the autoscaler's maximum when that is higher. */
    public static long pods(List<DeploymentSpec> deployments) {
        long pods = 0;
        for (DeploymentSpec d : deployments) pods += Math.max(d.replicas(), d.hpa() == null ? 0 : d.hpa().maxReplicas());
        return pods;
    }

    /** Simulation steps of one run: its duration over the finer of the scrape interval and the traffic step. */
    public static long steps(Scenario s) {
        var sim = s.simulation();
        long stepMillis = Math.max(1, Math.min(sim.scrapeInterval().toMillis(), sim.trafficStep().toMillis()));
        return Math.ceilDiv(sim.duration().toMillis(), stepMillis);
    }

    /** Pod-steps of every run of {@code scenarios} (a baseline and an engine run per seed). */
    public static long work(List<Scenario> scenarios) {
        long total = 0;
        for (Scenario s : scenarios) total = saturatedAdd(total, saturatedMultiply(2L * s.seeds().size(), runWork(s)));
        return total;
    }

    /** Pod-steps of one run of {@code s}. */
    public static long runWork(Scenario s) {
        return saturatedMultiply(Math.max(1, pods(s.simulation().cluster().deployments())), steps(s));
    }

    /**
     * Refuses work above {@code budget} with the estimate, the heaviest scenario and how to go on: {@code override}
     * ends the message, {@code {work}} in it replaced by the estimate (e.g. "or raise the budget with --max-work {work}").
     */
    public static void checkBudget(List<Scenario> scenarios, long budget, String override) {
        long work = work(scenarios);
        if (work <= budget) return;
        Scenario heaviest = scenarios.stream().max(java.util.Comparator.comparingLong(s -> saturatedMultiply(s.seeds().size(), runWork(s)))).orElseThrow();
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "estimated work %,d pod-steps is above the budget of %,d (about %s of one core); the heaviest scenario, %s: %,d pods × %,d steps × %d seeds × 2 runs; "
                        + "shorten spec.duration, lower replicas or seeds, %s",
                work, budget, minutes(budget), heaviest.name(), pods(heaviest.simulation().cluster().deployments()), steps(heaviest),
                heaviest.seeds().size(), override.replace("{work}", Long.toString(work))));
    }

    private static String minutes(long podSteps) {
        long minutes = Math.max(1, podSteps / 8_000_000L / 60);
        return minutes + " min";
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
