package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.detectors.Verdict;
import dev.homeostat.remediation.fakes.FakeCluster;
import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.fakes.TestDetectors;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.router.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EngineTest {
    private static final String RESTART_THEN_PAGE = """
              rules:
                - name: restart-leaking-pod
                  match: {signals: [mem], targetKind: pod}
                  actions: [restart-pod, page]
                  verifyAfter: 1m
              guards: {cooldown: 5m, maxActionsPerMinute: 10, maxUnavailableFraction: 0.34}
            """;

    private static Target pod(String name) { return new Target(Target.Kind.POD, FakeCluster.NS, name); }

    @Test
    void memorySaturation_restartsPodOnce_andCooldownHoldsTheSecond() {
        var h = new Harness("""
                  rules:
                    - name: restart-leaking-pod
                      match: {signals: [mem]}
                      actions: [restart-pod]
                      verifyAfter: 1m
                  guards: {cooldown: 5m}
                """);
        h.cluster.deployment("checkout", 3);
        h.cluster.renameOnRestart = false; // the pod keeps its name, so the second anomaly hits the same target
        h.clock.set(15_000);
        h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.95);
        for (long s = 30; s <= 90; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.40); // healthy after the restart: verified at 75 s
        }
        assertThat(h.engine.incidents()).isEmpty();
        h.clock.set(120_000);
        h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.97); // again, 105 s after the restart

        assertThat(h.cluster.executed).extracting(e -> e.action()).containsExactly(new ClusterAction.RestartPod(pod("checkout-0")));
        assertThat(h.journal.executed()).singleElement()
                .satisfies(e -> {
                    assertThat(e.timeMillis()).isEqualTo(15_000);
                    assertThat(e.rule()).isEqualTo("restart-leaking-pod");
                    assertThat(e.service()).isEqualTo("checkout");
                    assertThat(e.applied()).isTrue();
                });
        assertThat(h.journal.held()).singleElement()
                .satisfies(e -> {
                    assertThat(e.guard()).isEqualTo("cooldown");
                    assertThat(e.timeMillis()).isEqualTo(120_000);
                    assertThat(e.detail()).contains("cooldown 5m");
                });
    }

    @Test
    void aRefusedAction_isNamedRefusedInThePage_notTriedAsIfItHadRun() {
        var h = new Harness(RESTART_THEN_PAGE);
        h.cluster.deployment("checkout", 3);
        h.cluster.refusing.put(ClusterAction.RestartPod.class, "pods is forbidden: cannot delete");
        for (long s = 15; s <= 90; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.95);
        }
        assertThat(h.journal.of(EngineEvent.Paged.class)).singleElement().satisfies(e -> assertThat(e.reason())
                .contains("still anomalous after restart-pod (refused: pods is forbidden: cannot delete)")
                .contains("tried: restart-pod (refused: pods is forbidden: cannot delete)"));
    }

    @Test
    void failedVerification_pagesAboutTheReplacement_thenEscalates() {
        var h = new Harness(RESTART_THEN_PAGE);
        h.cluster.deployment("checkout", 3);
        h.clock.set(15_000);
        h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.95);
        assertThat(h.cluster.has("checkout-r1")).isTrue();
        // the replacement leaks too
        for (long s = 30; s <= 75; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-r1"), 0.96);
        }

        assertThat(h.cluster.executed).extracting(e -> e.time(), e -> e.action().getClass().getSimpleName())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(15_000L, "RestartPod"), org.assertj.core.groups.Tuple.tuple(75_000L, "Page"));
        assertThat(h.cluster.executed.get(1).action().target()).isEqualTo(pod("checkout-r1"));
        var escalated = h.journal.of(EngineEvent.Paged.class);
        assertThat(escalated).singleElement().satisfies(e -> {
            assertThat(e.timeMillis()).isEqualTo(75_000);
            assertThat(e.target()).isEqualTo(pod("checkout-r1"));
            assertThat(e.service()).isEqualTo("checkout");
            assertThat(e.reason()).contains("restart-leaking-pod").contains("still anomalous after restart-pod");
        });
        // events come in journal order: the page is executed before the escalation it causes
        int page = h.journal.events.indexOf(h.journal.executed().get(1));
        assertThat(h.journal.events.indexOf(escalated.getFirst())).isGreaterThan(page);
        // escalated, it stays while its page is open: the anomaly joins it, nothing is tried again
        for (long s = 90; s <= 150; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-r1"), 0.96);
        }
        assertThat(h.engine.incidents()).singleElement().extracting(i -> i.phase()).isEqualTo(Phase.ESCALATED);
        assertThat(h.cluster.executed).hasSize(2);
        // once the service is quiet for a lookback, the page resolves and the incident goes
        for (long s = 165; s <= 600; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-r1"), 0.30);
        }
        assertThat(h.engine.incidents()).isEmpty();
        assertThat(h.journal.of(EngineEvent.Paged.class)).extracting(EngineEvent.Paged::state)
                .containsExactly(EngineEvent.PageState.FIRING, EngineEvent.PageState.RESOLVED);
    }

    @Test
    void verifiedRestart_resolvesWithoutPaging() {
        var h = new Harness(RESTART_THEN_PAGE);
        h.cluster.deployment("checkout", 3);
        h.clock.set(15_000);
        h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.95);
        assertThat(h.engine.incidents()).singleElement().extracting(i -> i.phase()).isEqualTo(Phase.VERIFYING);
        for (long s = 30; s <= 120; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-r1"), 0.30);
        }
        assertThat(h.cluster.executed).hasSize(1);
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
        assertThat(h.engine.incidents()).isEmpty();
    }

    @Test
    void blastRadius_vetoesRestartingTheLastReadyPod_andTheChainPagesInstead() {
        var h = new Harness(RESTART_THEN_PAGE);
        h.cluster.deployment("duo", 2);
        h.cluster.setSick("duo-1", true);
        for (long s = 15; s <= 75; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("duo-0"), 0.99);
        }
        assertThat(h.cluster.executed).extracting(e -> e.action()).allMatch(a -> a instanceof ClusterAction.Page);
        var vetoes = h.journal.held();
        assertThat(vetoes).singleElement().satisfies(v -> { // journaled once although retried every tick
            assertThat(v.guard()).isEqualTo("blast-radius");
            assertThat(v.detail()).contains("last ready pod").contains("default/duo");
            assertThat(v.action()).isEqualTo(new ClusterAction.RestartPod(pod("duo-0")));
        });
        assertThat(h.cluster.has("duo-0")).isTrue();
        assertThat(h.journal.of(EngineEvent.Paged.class)).hasSize(1);
    }

    @Test
    void theOnlyReplicaOfADeployment_isRestarted_rolledOverWithItsReplacementReadyFirst_noPage() {
        var h = new Harness(RESTART_THEN_PAGE);
        h.cluster.deployment("solo", 1);
        h.clock.set(15_000);
        h.sampleAndTick("mem_ratio", Harness.pod("solo-0"), 0.99);
        h.clock.set(30_000);
        h.sampleAndTick("mem_ratio", Harness.pod("solo-0"), 0.99);
        assertThat(h.cluster.executed).extracting(e -> e.action()).containsExactly(new ClusterAction.RestartPod(pod("solo-0")));
        assertThat(h.cluster.violations).isEmpty();
        assertThat(h.cluster.has("solo-0")).isTrue(); // until its replacement is ready
        h.clock.set(30_000 + h.cluster.readyDelayMillis);
        assertThat(h.cluster.pods()).singleElement().satisfies(p -> assertThat(p.name()).isNotEqualTo("solo-0"));
        assertThat(h.journal.held()).isEmpty();
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
    }

    @Test
    void rateLimit_capsActionsPerMinute_andRetriesTheRestLater() {
        var h = new Harness("""
                  rules:
                    - name: restart
                      match: {signals: [mem]}
                      actions: [restart-pod]
                      verifyAfter: 5m
                  guards: {cooldown: 5m, maxActionsPerMinute: 2, maxUnavailableFraction: 0.5}
                """);
        for (String d : List.of("a", "b", "c", "d", "e")) h.cluster.deployment(d, 2);
        h.clock.set(15_000);
        for (String d : List.of("a", "b", "c", "d", "e")) h.metrics.add("mem_ratio", Harness.pod(d + "-0"), 15_000, 0.99);
        h.engine.tick();
        assertThat(h.cluster.executed).hasSize(2);
        assertThat(h.journal.held()).hasSize(3).allSatisfy(v -> {
            assertThat(v.guard()).isEqualTo("rate-limit");
            assertThat(v.detail()).contains("maxActionsPerMinute 2");
        });
        h.tickAt(30);
        h.tickAt(60);
        assertThat(h.cluster.executed).hasSize(2);
        h.tickAt(75); // the first two tokens come back 60 s after they were spent
        assertThat(h.cluster.executed).hasSize(4);
        h.tickAt(135);
        assertThat(h.cluster.executed).hasSize(5);
        assertThat(h.cluster.executed).extracting(e -> e.action().target().name())
                .containsExactly("a-0", "b-0", "c-0", "d-0", "e-0");
    }

    @Test
    void observeMode_journalsSuppressedActions_andNeverActs() {
        var h = new Harness("""
                  rules:
                    - name: watch-memory
                      match: {signals: [mem]}
                      actions: [restart-pod, page]
                      mode: observe
                """);
        h.cluster.deployment("checkout", 3);
        for (long s = 15; s <= 300; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.99);
        }
        assertThat(h.cluster.executed).isEmpty();
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
        assertThat(h.journal.of(EngineEvent.AnomalyRaised.class)).hasSize(20);
        assertThat(h.journal.held()).hasSize(20)
                .allSatisfy(v -> assertThat(v.guard()).isEqualTo("mode"))
                .allSatisfy(v -> assertThat(v.detail()).isEqualTo("mode observe"));
    }

    @Test
    void serviceTarget_restartsItsWorstScoringPod() {
        var h = new Harness("""
                  rules:
                    - name: watch-pods
                      match: {signals: [pod-errors]}
                      actions: [page]
                      mode: observe
                    - name: restart-worst
                      match: {signals: [svc-errors], targetKind: service}
                      actions: [restart-pod, page]
                """);
        h.cluster.deployment("cart", 3);
        h.clock.set(15_000);
        h.metrics.add("pod_errors", Harness.pod("cart-0"), 15_000, 0.6);
        h.metrics.add("pod_errors", Harness.pod("cart-1"), 15_000, 0.9);
        h.metrics.add("pod_errors", Harness.pod("cart-2"), 15_000, 0.1);
        h.metrics.add("svc_errors", Harness.service("cart"), 15_000, 0.7);
        h.engine.tick();
        assertThat(h.cluster.executed).extracting(e -> e.action())
                .containsExactly(new ClusterAction.RestartPod(pod("cart-1")));
        assertThat(h.journal.executed().getFirst().rule()).isEqualTo("restart-worst");
    }

    @Test
    void serviceTarget_withoutAnomalousPods_waitsVerifyAfter_thenPagesWhileStillAlerting() {
        var h = new Harness("""
                  rules:
                    - name: restart-worst
                      match: {signals: [svc-errors]}
                      actions: [restart-pod, page]
                """);
        h.cluster.deployment("cart", 3);
        for (long t = 15; t <= 120; t += 15) {
            h.clock.set(t * 1000);
            h.sampleAndTick("svc_errors", Harness.service("cart"), 0.7);
        }
        // no pod stands out: the restart is skipped (journaled once) and nobody is paged before verifyAfter (2m)
        assertThat(h.journal.held()).singleElement().satisfies(s -> {
            assertThat(s.guard()).isEqualTo("remediator");
            assertThat(s.detail()).contains("no anomalous pod of service/default/cart");
        });
        assertThat(h.cluster.executed).isEmpty();

        h.clock.set(135_000);
        h.sampleAndTick("svc_errors", Harness.service("cart"), 0.7);
        assertThat(h.cluster.executed).extracting(e -> e.action())
                .singleElement().isInstanceOf(ClusterAction.Page.class);
        assertThat(h.journal.of(EngineEvent.Paged.class)).hasSize(1);
    }

    @Test
    void serviceTarget_recoveringBeforeVerifyAfter_pagesNobody() {
        var h = new Harness("""
                  rules:
                    - name: restart-worst
                      match: {signals: [svc-errors]}
                      actions: [restart-pod, page]
                """);
        h.cluster.deployment("cart", 3);
        for (long t = 15; t <= 600; t += 15) {
            h.clock.set(t * 1000);
            // a transient outage Kubernetes heals by itself within a minute
            h.sampleAndTick("svc_errors", Harness.service("cart"), t <= 60 ? 0.7 : 0.0);
        }
        assertThat(h.cluster.executed).isEmpty();
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
        assertThat(h.engine.incidents()).isEmpty();
    }

    @Test
    void detectors_seeEachSampleOnce_inOrder_fromLookbackOn() {
        var seen = new TreeMap<String, List<Long>>();
        DetectorFactory recording = (spec, seed) -> {
            var times = new ArrayList<Long>();
            seen.put(spec.name() + "#" + seen.size(), times);
            return (t, v) -> {
                times.add(t);
                return Verdict.normal(0, 1);
            };
        };
        var h = new Harness(RESTART_THEN_PAGE, 1, recording);
        h.cluster.deployment("checkout", 1);
        h.metrics.fill("mem_ratio", Harness.pod("checkout-0"), 0, 300_000, 5_000, 0.5);
        h.clock.set(100_000);
        h.engine.tick(); // lookback 1m: samples from 40 s on
        h.clock.set(115_000);
        h.engine.tick();
        h.clock.set(115_000);
        h.engine.tick(); // same instant again: nothing new
        h.clock.set(160_000);
        h.engine.tick();
        assertThat(seen).hasSize(1);
        List<Long> times = seen.values().iterator().next();
        assertThat(times.getFirst()).isEqualTo(40_000L);
        assertThat(times.getLast()).isEqualTo(160_000L);
        assertThat(times).isSorted().doesNotHaveDuplicates().hasSize(25);
        // three signals per tick; each tick reads from the previous tick's now (the first: now − lookback)
        assertThat(h.metrics.queries).extracting(q -> q[0]).containsExactly(
                40_000L, 40_000L, 40_000L, 100_000L, 100_000L, 100_000L, 115_000L, 115_000L, 115_000L, 115_000L, 115_000L, 115_000L);
    }

    @Test
    void detectorsOfSeriesQuietForALookback_areDropped() {
        var h = new Harness(RESTART_THEN_PAGE);
        h.cluster.deployment("checkout", 2);
        h.clock.set(15_000);
        h.metrics.add("mem_ratio", Harness.pod("checkout-0"), 15_000, 0.1);
        h.metrics.add("mem_ratio", Harness.pod("checkout-1"), 15_000, 0.1);
        h.engine.tick();
        assertThat(h.engine.detectorCount()).isEqualTo(2);
        // checkout-1 is gone and sends nothing; within a lookback its detector stays (a late scrape may still come)
        h.cluster.remove("checkout-1");
        h.clock.set(30_000);
        h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.1);
        assertThat(h.engine.detectorCount()).isEqualTo(2);
        // a whole lookback (5 min) later it is dropped; checkout-0, still sending, keeps its detector
        for (long t = 45_000; t <= 15_000 + 5 * 60_000 + 15_000; t += 15_000) {
            h.clock.set(t);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.1);
        }
        assertThat(h.engine.detectorCount()).isEqualTo(1);
    }

    @Test
    void atMostOneAnomalyPerSeriesAndTick_theLatest() {
        var h = new Harness(RESTART_THEN_PAGE);
        h.cluster.deployment("checkout", 3);
        h.metrics.add("mem_ratio", Harness.pod("checkout-0"), 5_000, 0.95);
        h.metrics.add("mem_ratio", Harness.pod("checkout-0"), 10_000, 0.97);
        h.metrics.add("mem_ratio", Harness.pod("checkout-0"), 15_000, 0.5);
        h.clock.set(15_000);
        h.engine.tick();
        assertThat(h.journal.of(EngineEvent.AnomalyRaised.class)).singleElement().satisfies(e -> {
            assertThat(e.timeMillis()).isEqualTo(15_000);
            assertThat(e.anomaly().timeMillis()).isEqualTo(10_000);
            assertThat(e.anomaly().score()).isEqualTo(0.97);
            assertThat(e.anomaly().service()).isEqualTo("checkout");
            assertThat(e.anomaly().detector()).isEqualTo("threshold");
        });
    }

    @Test
    void sameSeed_sameJournal_andSeedsDifferPerSeries() {
        List<List<EngineEvent>> journals = new ArrayList<>();
        List<Map<String, Long>> seedsByRun = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            var seeds = new TreeMap<String, Long>();
            DetectorFactory f = (spec, seed) -> {
                seeds.put(spec.name() + seeds.size(), seed);
                return TestDetectors.threshold().create(spec, seed);
            };
            var h = new Harness(RESTART_THEN_PAGE, 7, f);
            h.cluster.deployment("a", 3).deployment("b", 3);
            for (long s = 15; s <= 300; s += 15) {
                for (String p : h.cluster.podNames()) h.metrics.add("mem_ratio", Harness.pod(p), s * 1000, (s / 15 + p.hashCode()) % 7 == 0 ? 0.95 : 0.2);
                h.tickAt(s);
            }
            journals.add(h.journal.events);
            seedsByRun.add(seeds);
        }
        assertThat(journals.get(0)).isNotEmpty().isEqualTo(journals.get(1));
        assertThat(seedsByRun.get(0)).isEqualTo(seedsByRun.get(1));
        assertThat(seedsByRun.get(0).values()).doesNotHaveDuplicates();
    }

    @Test
    void externalAlerts_areJournaledAndRoutedAtTheNextTick() {
        var h = new Harness(RESTART_THEN_PAGE);
        h.cluster.deployment("checkout", 3);
        h.clock.set(15_000);
        h.engine.alert(new Anomaly(14_000, "mem", "alertmanager", pod("checkout-2"), "checkout", 1, "KubePodMemoryHigh"));
        assertThat(h.journal.events).isEmpty();
        h.engine.tick();
        assertThat(h.journal.of(EngineEvent.AnomalyRaised.class)).hasSize(1);
        assertThat(h.cluster.executed).extracting(e -> e.action()).containsExactly(new ClusterAction.RestartPod(pod("checkout-2")));
    }

    @Test
    void clockGoingBackwards_isRejected() {
        var h = new Harness(RESTART_THEN_PAGE);
        h.tickAt(30);
        h.clock.set(15_000);
        assertThatThrownBy(h.engine::tick).isInstanceOf(IllegalStateException.class).hasMessageContaining("clock went backwards");
    }

    @Test
    void aCordonAnEarlierEngineLeft_isLiftedByThisOne_onceTheLostNodeIsBack_underTheRuleMeasuresInForce() {
        var h = new Harness("""
                  rules:
                    - name: pods
                      match: {signals: [mem]}
                      actions: [drain-node, page]
                  liftAfter: 30s
                """);
        h.cluster.nodes = 2;
        h.cluster.cordonedByAnEarlierEngine("node-2");
        h.cluster.notReady.add("node-2");
        var cordon = new ClusterAction.CordonNode(new Target(Target.Kind.NODE, null, "node-2"));
        h.cluster.leftInForce.add(cordon);

        h.tickAt(15);
        h.cluster.notReady.remove("node-2");
        h.tickAt(30);
        h.tickAt(45);
        assertThat(h.journal.of(EngineEvent.ActionTaken.class)).isEmpty();
        h.tickAt(60);

        assertThat(h.cluster.isCordoned("node-2")).isFalse();
        assertThat(h.journal.of(EngineEvent.ActionTaken.class)).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo(new ClusterAction.Lift(cordon));
            assertThat(a.rule()).isEqualTo("measures-in-force");
            assertThat(a.applied()).isTrue();
        });
    }

    @Test
    void aPolicyThatOnlyObserves_journalsOnceTheLiftItWouldMake_andLeavesTheCordonForAHuman() {
        var h = new Harness("""
                  rules:
                    - name: pods
                      match: {signals: [mem]}
                      actions: [drain-node]
                      mode: observe
                  liftAfter: 30s
                """);
        h.cluster.nodes = 2;
        h.cluster.cordonedByAnEarlierEngine("node-2");
        h.cluster.notReady.add("node-2");
        h.cluster.leftInForce.add(new ClusterAction.CordonNode(new Target(Target.Kind.NODE, null, "node-2")));

        h.tickAt(15);
        h.cluster.notReady.remove("node-2");
        for (long s = 30; s <= 120; s += 15) h.tickAt(s);

        assertThat(h.cluster.isCordoned("node-2")).isTrue();
        assertThat(h.journal.of(EngineEvent.ActionTaken.class)).singleElement().satisfies(a -> {
            assertThat(a.action().kind()).isEqualTo("lift");
            assertThat(a.outcome()).isEqualTo(EngineEvent.Outcome.HELD);
            assertThat(a.guard()).isEqualTo("mode");
        });
    }

    @Test
    void aNodesAction_namesTheServiceItWasTakenFor_withItsNamespace_whichTheNodeCannotGive() {
        var h = new Harness("""
                  rules:
                    - name: move-off
                      match: {signals: [mem]}
                      actions: [drain-node, page]
                      verifyAfter: 1m
                """);
        h.cluster.nodes = 3;
        h.cluster.deployment("checkout", 3);
        h.clock.set(15_000);
        h.engine.alert(new Anomaly(14_000, "mem", "alertmanager", pod("checkout-2"), "checkout", 1, "KubePodMemoryHigh"));
        h.engine.tick();
        assertThat(h.journal.executed()).singleElement().satisfies(a -> {
            assertThat(a.action().kind()).isEqualTo("drain-node");
            assertThat(a.action().target().namespace()).isNull();
            assertThat(a.service()).isEqualTo("service/" + FakeCluster.NS + "/checkout");
        });
    }
}
