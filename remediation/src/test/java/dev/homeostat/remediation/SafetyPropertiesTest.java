package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.fakes.TestDetectors;
import dev.homeostat.remediation.model.EngineEvent;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The engine's safety promises over random clusters (nodes, replicas, PodDisruptionBudgets) and random alert storms,
 * whatever the order of alerts, guards and ticks: no restart, isolation or drain takes a Deployment's last ready pod,
 * goes below the blast-radius floor or below its budget's minAvailable — so an action held back for one of those
 * reasons stays held while the reason holds. The fake cluster checks each promise at the moment an action executes.
 */
class SafetyPropertiesTest {

    @Property(tries = 80)
    void noActionTakesAServiceBelowOneReadyPod_orBelowItsBudget(@ForAll long seed,
                                                                @ForAll @IntRange(min = 1, max = 4) int nodes,
                                                                @ForAll @IntRange(min = 1, max = 3) int deployments,
                                                                @ForAll @IntRange(min = 1, max = 5) int replicas,
                                                                @ForAll @IntRange(min = 0, max = 3) int fractionChoice,
                                                                @ForAll @IntRange(min = 0, max = 4) int chainChoice,
                                                                @ForAll @DoubleRange(min = 0.1, max = 0.9) double stormDensity) {
        double fraction = List.of(0.0, 0.34, 0.5, 1.0).get(fractionChoice);
        String chain = List.of("[restart-pod, page]", "[isolate-pod, page]", "[drain-node, page]",
                "[restart-pod, isolate-pod, drain-node]", "[cordon-node, drain-node, restart-pod]").get(chainChoice);
        var h = new Harness("""
                  rules:
                    - name: pods
                      match: {signals: [mem, pod-errors], targetKind: pod}
                      actions: %s
                      verifyAfter: 30s
                    - name: services
                      match: {signals: [svc-errors]}
                      actions: [restart-pod, drain-node, page]
                      verifyAfter: 45s
                  guards: {cooldown: 0s, maxActionsPerMinute: 100, maxUnavailableFraction: %s}
                """.formatted(chain, fraction), seed, TestDetectors.threshold());
        var rnd = new SplittableRandom(seed);
        h.randomCluster(rnd, nodes, deployments, replicas);
        h.storm(rnd, deployments, stormDensity, 160);

        assertThat(h.journal.of(EngineEvent.AnomalyRaised.class)).isNotEmpty();
        assertThat(h.cluster.violations).as("the guards' promises at each executed action").isEmpty();
        // the property is not vacuous: most storms make the engine act (a one-pod cluster may rightly allow nothing)
        Statistics.label("engine acted").collect(!h.cluster.executed.isEmpty());
        Statistics.label("engine acted").coverage(c -> c.check(true).percentage(p -> p >= 50));
    }

    /**
     * Lifts, over random storms on nodes that are lost and come back, that someone else cordons and uncordons: the
     * engine uncordons only a node it cordoned itself, never one someone else had cordoned, and never while it is
     * NotReady (the fake cluster checks at each lift).
     */
    @Property(tries = 60)
    void theEngineUncordonsOnlyWhatItCordoned_andOnlyOnceTheNodeIsBack(@ForAll long seed,
                                                                        @ForAll @IntRange(min = 1, max = 4) int nodes,
                                                                        @ForAll @IntRange(min = 1, max = 3) int deployments,
                                                                        @ForAll @DoubleRange(min = 0.1, max = 0.9) double stormDensity) {
        var h = new Harness("""
                  rules:
                    - name: pods
                      match: {signals: [mem, pod-errors], targetKind: pod}
                      actions: [drain-node, page]
                      verifyAfter: 30s
                    - name: services
                      match: {signals: [svc-errors]}
                      actions: [cordon-node, page]
                      verifyAfter: 45s
                  guards: {cooldown: 0s, maxActionsPerMinute: 100, maxUnavailableFraction: 1.0}
                  liftAfter: 30s
                """, seed, TestDetectors.threshold());
        var rnd = new SplittableRandom(seed);
        h.randomCluster(rnd, nodes, deployments, 4);
        h.storm(rnd, deployments, stormDensity, 160, () -> {
            String node = "node-" + (1 + rnd.nextInt(nodes));
            double r = rnd.nextDouble();
            if (r < 0.08) {
                if (!h.cluster.notReady.remove(node)) h.cluster.notReady.add(node);
            } else if (r < 0.12) {
                h.cluster.cordonByHand(node);
            } else if (r < 0.13) {
                h.cluster.uncordonByHand(node);
            }
        });

        assertThat(h.cluster.violations).as("lifts at each execution").isEmpty();
        long lifts = h.cluster.executed.stream().filter(e -> e.action() instanceof dev.homeostat.remediation.model.ClusterAction.Lift).count();
        Statistics.label("lifted").collect(lifts > 0);
        Statistics.label("lifted").coverage(c -> c.check(true).count(n -> n >= 1));
    }
}
