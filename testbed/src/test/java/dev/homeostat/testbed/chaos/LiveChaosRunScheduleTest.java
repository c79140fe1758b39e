package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A live run of a Schedule watches its first firing instead of a day of them (the translation horizon). */
class LiveChaosRunScheduleTest {
    private static final Path CATALOGUE = Path.of("..", "chaos-experiments", "manifests");

    @Test
    void aSchedule_isPlannedAsItsFirstFiring() {
        var planned = Planned.plan(CATALOGUE.resolve("schedule-pod-kill.yaml"), null, "default", "t1").getFirst();
        assertThat(planned.startsAfter()).isEqualTo(Duration.ofMinutes(10)); // "@every 10m": the first firing
        assertThat(planned.duration()).isEqualTo(Duration.ofMinutes(10));    // an instant pod-kill at that firing
        assertThat(planned.kind()).isEqualTo("PodChaos/pod-kill");
    }

    @Test
    void anExperimentThatIsNotAScheduleStartsWhenApplied() {
        var planned = Planned.plan(CATALOGUE.resolve("http-abort.yaml"), null, "default", "t1").getFirst();
        assertThat(planned.startsAfter()).isZero();
        assertThat(planned.duration()).isEqualTo(Duration.ofMinutes(2));
    }
}
