package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.run.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lost node that held pods of several services is one incident: the engine pages once for it, in simulation. */
class LostNodePageScenarioTest {
    @Test
    void aLostNodeHoldingPodsOfThreeServices_pagesOnce_eachServiceAnUpdateOfTheNodesPage() {
        var s = new ScenarioLoader().load(Path.of("../scenarios/generalization/holdout/tight-node-failure-large.yaml"));
        List<JournalEvent.Paged> engine = ScenarioRunner.run(s, 1, PolicyLoader.load(s.policy())).events().stream()
                .filter(JournalEvent.Paged.class::isInstance).map(JournalEvent.Paged.class::cast)
                .filter(p -> p.source() == JournalEvent.PageSource.ENGINE).toList();

        assertThat(engine).filteredOn(p -> p.state() == JournalEvent.PageState.FIRING).singleElement()
                .satisfies(p -> assertThat(p.key()).startsWith("node/large-1#"))
                .satisfies(p -> assertThat(p.reason()).startsWith("large-1 is a lost node"));
        assertThat(engine).filteredOn(p -> p.state() == JournalEvent.PageState.UPDATE).extracting(JournalEvent.Paged::service)
                .as("the other services the node held join its page").hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
    }
}
