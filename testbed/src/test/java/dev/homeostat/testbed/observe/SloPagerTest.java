package dev.homeostat.testbed.observe;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.slo.Healing;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.PageState;
import dev.homeostat.testbed.run.ScenarioRunner;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SLO burn-rate pages through Alertmanager: the baseline's when nothing heals the service, and their inhibition while the engine heals it. */
class SloPagerTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<JournalEvent.Paged> pagesOfABaseline(Path dir, String faultDuration, String observation) throws IOException {
        Journal baseline = ScenarioRunner.run(new ScenarioLoader().load(scenario(dir, faultDuration, observation)), 1, null);
        return baseline.events().stream().filter(e -> e instanceof JournalEvent.Paged).map(e -> (JournalEvent.Paged) e).toList();
    }

    private static Path scenario(Path dir, String faultDuration, String observation) throws IOException {
        return Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: slo-pages}
                spec:
                  duration: 90m
                  cluster:
                    nodePool: {count: 2, cpu: 4, memory: 16Gi}
                    deployments:
                      - {name: web, replicas: 3, container: {memoryLimit: 512Mi, memoryBase: 200Mi, serviceTime: 20ms, concurrency: 8}}
                    services:
                      - {name: web, requestsPerSecond: 100, slo: {availability: 0.99, latencyP99: 500ms}}
                  faults:
                    - {type: bad-rollout, target: {deployment: web}, at: 20m, duration: %s, errorPercent: 100}
                %s  engine: {policy: %s}
                """.formatted(faultDuration, observation, ROOT.resolve("remediation/policies/default.yaml")));
    }

    @Test
    void aLongOutage_pagesOnce_afterGroupWait_andResolvesWhenTheBudgetStopsBurning(@TempDir Path dir) throws IOException {
        List<JournalEvent.Paged> pages = pagesOfABaseline(dir, "25m", "");

        assertThat(pages).isNotEmpty();
        assertThat(pages).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo(JournalEvent.PageSource.ALERTMANAGER);
            assertThat(p.key()).isEqualTo("service/default/web#1");
            assertThat(p.target()).isEqualTo("service/default/web");
        });
        assertThat(pages).filteredOn(p -> p.state() == PageState.FIRING).singleElement().satisfies(p -> {
            // the rollout starts at 20 m: the 5 m and 1 h windows burn past 14.4× within minutes, plus 30 s group_wait
            assertThat(p.t()).isBetween(20 * 60_000L, 30 * 60_000L);
            assertThat(p.reason()).contains("availability budget burning 14.4x over 1h and 5m");
        });
        assertThat(pages.getLast().state()).isEqualTo(PageState.RESOLVED);
    }

    @Test
    void aBlipTheLongWindowAbsorbs_pagesNobody(@TempDir Path dir) throws IOException {
        assertThat(pagesOfABaseline(dir, "30s", "")).isEmpty();
    }

    @Test
    void whileTheEngineHealsTheService_itsPageIsInhibited_andGoesOutWhenTheHealingTimeIsUp(@TempDir Path dir) throws IOException {
        var scenario = new ScenarioLoader().load(scenario(dir, "60m", ""));
        long baselinePage = pagesOfABaseline(dir, "60m", "").stream().filter(p -> p.state() == PageState.FIRING).findFirst().orElseThrow().t();
        // the engine applied an action to web at 20 m (the rollout's start) that does not help: the healing window is 10 m
        var healing = new Healing();
        long acted = 20 * 60_000L;
        healing.on(new EngineEvent.ActionTaken(acted, new ClusterAction.RollbackDeployment(new Target(Target.Kind.DEPLOYMENT, "default", "web")),
                "rollback", "web", EngineEvent.Outcome.APPLIED, null, "rolled back"));
        var pages = new ArrayList<JournalEvent.Paged>();
        var simulation = new Simulation(scenario.simulation(), 1, e -> { });
        new ObservationPipeline(simulation, scenario.simulation(), scenario.observation(), 1, pages::add, healing);
        simulation.run();

        long healedUntil = acted + Healing.WINDOW.toMillis();
        assertThat(baselinePage).as("without the engine the page goes out inside the healing window").isLessThan(healedUntil);
        assertThat(pages).filteredOn(p -> p.state() == PageState.FIRING).singleElement().satisfies(p ->
                assertThat(p.t()).as("held back while the engine heals, sent as soon as it stops").isBetween(healedUntil, healedUntil + 60_000));
    }

    @Test
    void sloPagesCanBeTurnedOff(@TempDir Path dir) throws IOException {
        assertThat(pagesOfABaseline(dir, "25m", "  observation: {sloPages: false}\n")).isEmpty();
    }
}
