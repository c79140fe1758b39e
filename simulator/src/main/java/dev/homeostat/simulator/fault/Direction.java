package dev.homeostat.simulator.fault;

/**
 * NetworkChaos {@code direction}: which way between the selected pods and their target the fault acts.
 * Every simulated call is an exchange (a request and its answer), so {@code TO} and {@code FROM} each
 * hit one crossing of it and {@code BOTH} hits two.
 */
public enum Direction {
    TO, FROM, BOTH;

    /** How many crossings of each exchange the fault acts on: 1 for to or from, 2 for both. */
    public int crossings() { return this == BOTH ? 2 : 1; }
}
