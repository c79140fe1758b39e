package dev.homeostat.simulator.fault;

import java.time.Duration;
import java.util.List;

/** PodChaos container-kill: the named containers of the selected pods are killed; the kubelet restarts them. */
public record ContainerKill(String name, Duration start, PodSelector selector, SelectionMode mode, List<String> containerNames) implements PodFault {
    public ContainerKill {
        Faults.check(name, start, Duration.ZERO, selector, mode);
        containerNames = containerNames == null ? List.of() : List.copyOf(containerNames);
        if (containerNames.isEmpty()) throw new IllegalArgumentException("containerNames: container-kill needs at least one container name");
    }
    @Override public Duration duration() { return Duration.ZERO; }
    @Override public String kind() { return "PodChaos/container-kill"; }
    @Override public boolean hitsContainer(String container) { return containerNames.contains(container); }
}
