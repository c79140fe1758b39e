package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.events.SimEvent.ContainerRestarted;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ProbeSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A slow container's start as the kubelet judges it: its liveness probe kills it before it has started unless the probe
 * waits long enough or a startup probe holds it back; a pod's view says when its running container first turned Ready.
 */
class StartupProbeTest {
    private static final Duration SLOW = Duration.ofSeconds(150);

    private static ContainerSpec container(ProbeSpec liveness, ProbeSpec startup) {
        return new ContainerSpec(null, null, null, null, null, SLOW, liveness, null, startup, null, null);
    }

    /** One Deployment of 2 pods; one killed at 1 min, so its replacement starts slowly. */
    private static Fixtures.Run run(ContainerSpec c, List<PodView> at200s) {
        var kill = new PodKill("kill", Duration.ofMinutes(1), new PodSelector(Set.of("shop"), Map.of("app", "jvm"), Set.of()), SelectionMode.one(), null);
        var spec = new SimulationSpec(new ClusterSpec(nodes(2), List.of(new DeploymentSpec("jvm", "shop", 2, null, c)),
                List.of(new ServiceSpec("jvm", "shop", "jvm", 20, null))), Duration.ofMinutes(10), null, List.of(kill));
        List<SimEvent> events = new ArrayList<>();
        var sim = new Simulation(spec, 3, events::add);
        sim.runUntil(60_000 + 200_000);
        at200s.addAll(sim.pods());
        sim.runUntil(sim.endMillis());
        return new Fixtures.Run(sim, events);
    }

    @Test
    void aStartSlowerThanTheLivenessProbeAllows_isKilledOverAndOver() {
        var r = run(container(null, null), new ArrayList<>());
        assertThat(r.of(ContainerRestarted.class)).hasSizeGreaterThan(2).allMatch(e -> e.reason().equals("LivenessProbe"));
        assertThat(r.sim().pods()).filteredOn(p -> !p.ready()).singleElement()
                .satisfies(p -> assertThat(p.readyAtMillis()).isEqualTo(-1));
    }

    @Test
    void aStartupProbe_holdsTheLivenessProbeBack_andTheSlowPodTurnsReady() {
        List<PodView> at200s = new ArrayList<>();
        var startup = new ProbeSpec(null, Duration.ofSeconds(10), null, 30, null);
        var r = run(container(null, startup), at200s);
        assertThat(r.of(ContainerRestarted.class)).isEmpty();
        assertThat(r.sim().pods()).hasSize(2).allMatch(PodView::ready);
        PodView replacement = at200s.stream().filter(p -> p.startedAtMillis() > 0).findFirst().orElseThrow();
        // started about 1 s after the kill, Ready after its 150 s (+ up to 10 % jitter) and the next probes that pass
        assertThat(replacement.readyAtMillis() - replacement.startedAtMillis()).isBetween(SLOW.toMillis(), SLOW.toMillis() + 40_000);
        assertThat(replacement.startupBudgetMillis()).isEqualTo(290_000);
        PodView warm = at200s.stream().filter(p -> p.startedAtMillis() == 0).findFirst().orElseThrow();
        assertThat(warm.readyAtMillis()).isZero();
    }

    @Test
    void aStartupProbeTooShortForTheStart_killsTheContainerAsTheStartupProbe() {
        var r = run(container(null, new ProbeSpec(Duration.ofSeconds(30), null, null, null, null)), new ArrayList<>());
        assertThat(r.of(ContainerRestarted.class)).isNotEmpty().allMatch(e -> e.reason().equals("StartupProbe"));
    }

    @Test
    void aLivenessProbeThatWaits_letsTheSlowPodStart_andItsBudgetIsTheProbes() {
        List<PodView> at200s = new ArrayList<>();
        var r = run(container(new ProbeSpec(Duration.ofSeconds(180), null, null, null, null), null), at200s);
        assertThat(r.of(ContainerRestarted.class)).isEmpty();
        assertThat(at200s).allMatch(p -> p.startupBudgetMillis() == 200_000);
        // still starting at 200 s after the kill? no: Ready by then, and its view says since when
        assertThat(at200s).allMatch(p -> p.ready() && p.readyAtMillis() >= p.startedAtMillis());
    }
}
