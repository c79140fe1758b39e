package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeCluster;
import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.fakes.TestDetectors;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Under a random alert storm the guards keep their promises, whatever the policy's limits. */
class GuardPropertiesTest {

    @Property(tries = 60)
    void alertStorm_guardsHoldTheirPromises(@ForAll long seed,
                                            @ForAll @IntRange(min = 2, max = 4) int deployments,
                                            @ForAll @IntRange(min = 1, max = 4) int replicas,
                                            @ForAll @IntRange(min = 0, max = 3) int cooldownChoice,
                                            @ForAll @IntRange(min = 1, max = 5) int maxPerMinute,
                                            @ForAll @IntRange(min = 0, max = 3) int fractionChoice,
                                            @ForAll @IntRange(min = 0, max = 3) int chainChoice,
                                            @ForAll @DoubleRange(min = 0.2, max = 0.9) double stormDensity) {
        String cooldown = List.of("0s", "30s", "2m", "5m").get(cooldownChoice);
        double fraction = List.of(0.0, 0.34, 0.5, 1.0).get(fractionChoice);
        String chain = List.of("[restart-pod]", "[restart-pod, page]", "[page]", "[restart-pod, restart-pod, page]").get(chainChoice);
        var h = new Harness("""
                  rules:
                    - name: pods
                      match: {signals: [mem, pod-errors], targetKind: pod}
                      actions: %s
                      verifyAfter: 30s
                    - name: services
                      match: {signals: [svc-errors]}
                      actions: [restart-pod, page]
                      verifyAfter: 45s
                  guards: {cooldown: %s, maxActionsPerMinute: %d, maxUnavailableFraction: %s}
                """.formatted(chain, cooldown, maxPerMinute, fraction), seed, TestDetectors.threshold());
        for (int d = 0; d < deployments; d++) h.cluster.deployment("d" + d, replicas);
        h.cluster.readyDelayMillis = 20_000;
        var rnd = new SplittableRandom(seed);
        h.storm(rnd, deployments, stormDensity, 200);

        assertThat(h.journal.of(EngineEvent.AnomalyRaised.class)).isNotEmpty();
        assertThat(h.cluster.violations).as("blast radius").isEmpty();
        List<FakeCluster.Executed> executed = h.cluster.executed;
        long cooldownMillis = dev.homeostat.units.GoDuration.parse(cooldown).toMillis();
        Map<String, Long> last = new HashMap<>();
        for (FakeCluster.Executed e : executed) {
            String key = (e.action() instanceof ClusterAction.Page ? "page " : "restart ") + e.action().target().ref();
            Long previous = last.put(key, e.time());
            if (previous != null) assertThat(e.time() - previous).as("cooldown on %s", key).isGreaterThanOrEqualTo(cooldownMillis);
        }
        List<Long> times = new ArrayList<>(executed.stream().map(FakeCluster.Executed::time).toList());
        for (int i = 0; i + maxPerMinute < times.size(); i++) {
            assertThat(times.get(i + maxPerMinute) - times.get(i)).as("rate limit %d/min", maxPerMinute).isGreaterThanOrEqualTo(60_000);
        }
        // every action the port saw was journaled as executed, and nothing else was
        assertThat(h.journal.executed()).extracting(EngineEvent.ActionTaken::action)
                .containsExactlyElementsOf(executed.stream().map(FakeCluster.Executed::action).toList());
    }
}
