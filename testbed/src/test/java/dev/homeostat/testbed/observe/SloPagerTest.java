package dev.homeostat.testbed.observe;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.PageState;
import dev.homeostat.testbed.run.ScenarioRunner;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The baseline's pages: what the SLO burn-rate alerts page through Alertmanager when nothing heals the service. */
class SloPagerTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<JournalEvent.Paged> pagesOfABaseline(Path dir, String faultDuration, String observation) throws IOException {
        Path file = Files.writeString(dir.resolve("s.yaml"), """
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
        Journal baseline = ScenarioRunner.run(new ScenarioLoader().load(file), 1, null);
        return baseline.events().stream().filter(e -> e instanceof JournalEvent.Paged).map(e -> (JournalEvent.Paged) e).toList();
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
    void sloPagesCanBeTurnedOff(@TempDir Path dir) throws IOException {
        assertThat(pagesOfABaseline(dir, "25m", "  observation: {sloPages: false}\n")).isEmpty();
    }
}
