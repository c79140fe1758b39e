package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;

/**
 * What the controllers see of the simulation kernel ({@link Simulation}): the clock, the cluster band
 * of the event queue, and the outgoing events. A controller reacts to an event by changing its own
 * state, telling others through their methods, and planning its next event here.
 */
interface Kernel {
    /** Virtual time, ms since the run started. */
    long now();

    /** Runs {@code action} at {@code time} among the cluster events of that instant, unless the run ends before. */
    void at(long time, Runnable action);

    void emit(SimEvent event);
}
