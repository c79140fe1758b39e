package dev.homeostat.testbed.observe;

import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.testbed.run.ScenarioRunner;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated observation pipeline: samples after their scrape, rules after their evaluation, engine ticks off the grid. */
class ObservationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** scenarios/ci/pod-kill.yaml with its kill on the scrape grid (15m, not 15m7s) and {@code observation} added. */
    private static Scenario podKillOnTheGrid(Path dir, String observation) throws IOException {
        String text = Files.readString(ROOT.resolve("scenarios/ci/pod-kill.yaml"))
                .replace("at: 15m7s", "at: 15m")
                .replace("../../chaos-experiments/", ROOT.resolve("chaos-experiments") + "/")
                .replace("../../remediation/", ROOT.resolve("remediation") + "/")
                .replace("  engine:\n", observation + "  engine:\n");
        Path file = Files.writeString(dir.resolve("kill.yaml"), text);
        return new ScenarioLoader().load(file);
    }

    private static double mttdSeconds(Scenario scenario, long seed) {
        var policy = PolicyLoader.load(scenario.policy());
        Journal baseline = ScenarioRunner.run(scenario, seed, null);
        Journal engine = ScenarioRunner.run(scenario, seed, policy);
        RunScore score = Scorer.score(engine, baseline, scenario.scoring());
        assertThat(score.mttdMillis()).as("detected at all, seed " + seed).isNotNull();
        return score.mttdMillis() / 1000.0;
    }

    @Test
    void aFaultOnTheScrapeGrid_isNotSeenTheInstantItStarts(@TempDir Path dir) throws IOException {
        Scenario live = podKillOnTheGrid(dir, "");
        var offsets = new java.util.HashSet<Double>();
        for (long seed = 1; seed <= 3; seed++) {
            double realistic = mttdSeconds(live, seed);
            // a scrape, a rule evaluation and the engine's tick stand between the kill and its alert, and their offsets
            // differ from seed to seed
            assertThat(realistic).as("seed " + seed).isGreaterThan(0).isLessThanOrEqualTo(90);
            offsets.add(realistic % 15);
        }
        assertThat(offsets).as("the engine's phase against the scrape grid varies with the seed").hasSizeGreaterThan(1);
    }

    @Test
    void samplesAppearAtTheirTargetsScrapeOffset_andRuleResultsAtTheNextEvaluation() {
        var store = new MetricStore();
        Map<String, String> pod = Map.of("namespace", "default", "pod", "web-1", "service", "web");
        for (long t = 0; t <= 60_000; t += 15_000) {
            store.add("container_memory_working_set_bytes", pod, t, t);
            store.add("pod:container_memory_working_set_bytes:ratio_limit", pod, t, t);
        }
        var observed = new ObservedMetrics(store, 15_000, Observation.DEFAULT, 7);
        long offset = observed.offsetOf("pod/default/web-1");
        assertThat(offset).isBetween(0L, 14_999L);

        var raw = observed.range("container_memory_working_set_bytes", 0, 60_000).getFirst();
        assertThat(raw.times()[0]).isEqualTo(offset);
        assertThat(raw.values()[0]).isEqualTo(0.0);
        // the sample of 60 s is scraped at 60 s + offset: not there yet at 60 s unless the offset is 0
        assertThat(raw.times()[raw.times().length - 1]).isLessThanOrEqualTo(60_000);

        var rule = observed.range("pod:container_memory_working_set_bytes:ratio_limit", 0, 120_000).getFirst();
        for (int i = 0; i < rule.times().length; i++) {
            // stamped at a rule evaluation, never before the sample it read was scraped
            assertThat((rule.times()[i] - observed.rulePhase()) % 15_000).isZero();
            assertThat(rule.times()[i]).isGreaterThanOrEqualTo((long) rule.values()[i] + offset);
        }

        var aligned = new ObservedMetrics(store, 15_000, Observation.aligned(), 7);
        assertThat(aligned.range("container_memory_working_set_bytes", 0, 60_000).getFirst().times())
                .containsExactly(0, 15_000, 30_000, 45_000, 60_000);
    }

    @Test
    void theObservationDefaults_areTheShippedLiveConfiguration() {
        assertThat(Observation.DEFAULT.ruleEvaluation()).isEqualTo(Duration.ofSeconds(15));
        assertThat(Observation.DEFAULT.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Observation.DEFAULT.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(Observation.DEFAULT.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(Observation.DEFAULT.spreadScrapes()).isTrue();
        assertThat(Observation.DEFAULT.spreadTicks()).isTrue();
    }
}
