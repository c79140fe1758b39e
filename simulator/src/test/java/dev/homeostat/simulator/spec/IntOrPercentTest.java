package dev.homeostat.simulator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kubernetes' IntOrString pod counts, and how a rollout strategy and a PodDisruptionBudget resolve them. */
class IntOrPercentTest {
    @Test
    void aPercentage_roundsAsAsked_andACount_isItself() {
        var quarter = IntOrPercent.parse("25%");
        assertThat(quarter).isEqualTo(IntOrPercent.percent(25)).hasToString("25%");
        assertThat(quarter.resolve(10, true)).isEqualTo(3);
        assertThat(quarter.resolve(10, false)).isEqualTo(2);
        assertThat(quarter.resolve(0, true)).isZero();
        assertThat(IntOrPercent.of(3).resolve(10, false)).isEqualTo(3);
    }

    @Test
    void aStringThatIsNoPercentage_isRefusedSayingWhatToWrite() {
        assertThatThrownBy(() -> IntOrPercent.parse("abc")).hasMessageContaining("'abc'").hasMessageContaining("25%");
        assertThatThrownBy(() -> IntOrPercent.parse("25 %")).hasMessageContaining("25%");
        assertThatThrownBy(() -> IntOrPercent.parse("3")).hasMessageContaining("quoted number").hasMessageContaining("write 3 without quotes");
        assertThatThrownBy(() -> IntOrPercent.parse("-5%")).hasMessageContaining("25%");
        assertThatThrownBy(() -> IntOrPercent.of(-1)).hasMessageContaining(">= 0");
    }

    @Test
    void aStrategyOfPercentages_surgesRoundedUp_andTakesDownRoundedDown() {
        var s = new RolloutSpec(IntOrPercent.percent(25), IntOrPercent.percent(25));
        assertThat(s.surge(10)).isEqualTo(3);
        assertThat(s.unavailable(10)).isEqualTo(2);
        assertThat(s).extracting(x -> x.surge(10), x -> x.unavailable(10))
                .containsExactly(RolloutSpec.defaults().surge(10), RolloutSpec.defaults().unavailable(10));
    }

    @Test
    void whenBothResolveToZero_oneMayBeUnavailable_asTheDeploymentControllerResolvesIt() {
        var s = new RolloutSpec(IntOrPercent.of(0), IntOrPercent.percent(10));
        assertThat(s.surge(3)).isZero();
        assertThat(s.unavailable(3)).isEqualTo(1);
        assertThat(s.unavailable(20)).isEqualTo(2);
        var statefulSet = new DeploymentSpec("db", null, 3, null, null, new RolloutSpec(null, IntOrPercent.percent(10)), null, DeploymentSpec.STATEFUL_SET);
        assertThat(statefulSet.strategy().surge(3)).isZero();
        assertThat(statefulSet.strategy().unavailable(3)).isEqualTo(1);
    }

    @Test
    void aStrategy_refusesWhatTheApiServerRefuses() {
        assertThatThrownBy(() -> new RolloutSpec(IntOrPercent.percent(0), IntOrPercent.of(0))).hasMessageContaining("cannot both be 0");
        assertThatThrownBy(() -> new RolloutSpec(null, IntOrPercent.percent(150)))
                .hasMessageStartingWith("strategy.maxUnavailable: 150% is more than 100%");
        assertThat(new RolloutSpec(IntOrPercent.percent(200), null).surge(4)).isEqualTo(8);
    }

    @Test
    void aPdbPercentage_roundsUpInBothFields() {
        var min = new PdbSpec("web", null, Map.of("app", "web"), IntOrPercent.percent(50), null);
        var max = new PdbSpec("web", null, Map.of("app", "web"), null, IntOrPercent.percent(50));
        assertThat(min.desiredHealthy(7)).isEqualTo(4);
        assertThat(max.desiredHealthy(7)).isEqualTo(3);
        assertThat(new PdbSpec("web", null, Map.of("app", "web"), null, IntOrPercent.percent(10)).desiredHealthy(4)).isEqualTo(3);
        assertThat(new PdbSpec("web", null, Map.of("app", "web"), 2, null).desiredHealthy(7)).isEqualTo(2);
        assertThatThrownBy(() -> new PdbSpec("web", null, Map.of("app", "web"), IntOrPercent.percent(101), null))
                .hasMessageStartingWith("pdbs[web].minAvailable: 101% is more than 100%");
    }
}
