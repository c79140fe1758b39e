package dev.homeostat.remediation.port;

/** The engine's only source of time: virtual in simulation, the wall clock live. */
@FunctionalInterface
public interface Clock {
    long millis();
}
