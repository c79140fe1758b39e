package dev.homeostat.simulator.events;

/** Receives the simulator's events in time order. */
@FunctionalInterface
public interface SimulationListener {
    void on(SimEvent event);
}
