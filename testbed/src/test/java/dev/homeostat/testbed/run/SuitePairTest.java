package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SuitePairTest {
    @Test
    void enumeration_isScenariosByPathThenSeedsAscending_numberedFromZero() {
        var scenarios = new ScenarioLoader().loadAll(Path.of("..", "scenarios", "ci")).stream().map(s -> s.withSeedCount(2)).toList();

        var pairs = SuitePair.enumerate(scenarios);

        assertThat(pairs).hasSize(2 * scenarios.size());
        for (int i = 0; i < pairs.size(); i++) {
            assertThat(pairs.get(i).index()).isEqualTo(i);
            assertThat(pairs.get(i).scenario()).isEqualTo(scenarios.get(i / 2));
            assertThat(pairs.get(i).seed()).isEqualTo(scenarios.get(i / 2).seeds().getFirst() + i % 2);
        }
        assertThat(scenarios.stream().map(s -> s.source().toString()).toList()).isSorted();
    }
}
