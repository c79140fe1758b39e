package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.fakes.TestDetectors;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Asking the cluster by name instead of listing it decides nothing: over random clusters and alert storms, an engine
 * whose view answers lookups itself (the router asks it, and keeps the pods as they were once an action is about to
 * run) journals exactly what an engine that lists the pods journals.
 */
class ClusterLookupsPropertiesTest {

    @Property(tries = 40)
    void anEngineAskingByName_journalsWhatAnEngineListingThePodsJournals(@ForAll long seed,
                                                                        @ForAll @IntRange(min = 1, max = 3) int nodes,
                                                                        @ForAll @IntRange(min = 1, max = 3) int deployments,
                                                                        @ForAll @IntRange(min = 1, max = 5) int replicas,
                                                                        @ForAll @IntRange(min = 0, max = 4) int chainChoice,
                                                                        @ForAll @DoubleRange(min = 0.1, max = 0.9) double stormDensity) {
        String chain = List.of("[restart-pod, page]", "[isolate-pod, page]", "[drain-node, page]",
                "[restart-pod, isolate-pod, drain-node]", "[scale-up, restart-pod, page]").get(chainChoice);
        String spec = """
                  rules:
                    - name: pods
                      match: {signals: [mem, pod-errors], targetKind: pod}
                      actions: %s
                      verifyAfter: 30s
                    - name: services
                      match: {signals: [svc-errors]}
                      actions: [restart-pod, scale-up, drain-node, page]
                      verifyAfter: 45s
                  guards: {cooldown: 0s, maxActionsPerMinute: 100, maxUnavailableFraction: 0.5}
                """.formatted(chain);
        var listing = run(new Harness(spec, seed, TestDetectors.threshold(), false), seed, nodes, deployments, replicas, stormDensity);
        var byName = run(new Harness(spec, seed, TestDetectors.threshold(), true), seed, nodes, deployments, replicas, stormDensity);

        assertThat(byName.journal.events).isEqualTo(listing.journal.events);
        assertThat(byName.cluster.executed).isEqualTo(listing.cluster.executed);
    }

    private static Harness run(Harness h, long seed, int nodes, int deployments, int replicas, double density) {
        var rnd = new SplittableRandom(seed);
        h.randomCluster(rnd, nodes, deployments, replicas);
        h.storm(rnd, deployments, density, 120);
        return h;
    }
}
