package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.simulator.spec.PeerSpec;
import dev.homeostat.testbed.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peers:} in the scenario language, and a Chaos Mesh partition between pods of one StatefulSet
 * (scenarios/examples/quorum-partition.yaml): the quorum holds against a partition from one member and
 * loses the member cut off from both others.
 */
class PeerCallsScenarioTest {
    private static final Path EXAMPLE = Path.of("../scenarios/examples/quorum-partition.yaml");

    @Test
    void peers_loadWithTheirModeAndDefaults() {
        var s = new ScenarioLoader().load(EXAMPLE);
        var etcd = s.simulation().cluster().services().stream().filter(v -> v.name().equals("etcd")).findFirst().orElseThrow();
        assertThat(etcd.peers()).isEqualTo(new PeerSpec(1.0, PeerSpec.Mode.QUORUM, Duration.ofMillis(2), Duration.ofMillis(200), 0, Duration.ZERO));
        var api = s.simulation().cluster().services().stream().filter(v -> v.name().equals("api")).findFirst().orElseThrow();
        assertThat(api.peers()).isNull();
    }

    @Test
    void partitionBetweenPodsOfOneStatefulSet_quorumHoldsAgainstOne_andFailsTheMemberCutFromBoth() {
        var journal = ScenarioRunner.run(new ScenarioLoader().load(EXAMPLE), 1, null);
        List<String> checks = journal.events().stream().filter(JournalEvent.ClusterEvent.class::isInstance).map(JournalEvent.ClusterEvent.class::cast)
                .filter(c -> c.what().startsWith("injection-check")).map(c -> c.target() + " " + c.what()).toList();
        assertThat(checks).hasSize(2);
        assertThat(checks.get(0)).startsWith("fault/etcd-0-from-etcd-1 injection-check: no effect (errors and latency did not rise");
        assertThat(checks.get(1)).startsWith("fault/etcd-0-from-the-others injection-check: took effect (default/etcd-0: errors 0.0% -> 100.0%");
        assertThat(journal.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(JournalEvent.SloViolated.class,
                v -> assertThat(v.service()).isEqualTo("service/default/api")));
    }

    @Test
    void unknownMode_namesTheFieldAndTheModes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, Files.readString(EXAMPLE).replace("mode: quorum, perRequest", "mode: majority, perRequest")
                .replace("../../remediation/", Path.of("../remediation/").toAbsolutePath() + "/"));
        assertThatThrownBy(() -> new ScenarioLoader().load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("spec.cluster.services[1]").hasMessageContaining("peers.mode: unknown mode 'majority'; known: quorum");
    }
}
