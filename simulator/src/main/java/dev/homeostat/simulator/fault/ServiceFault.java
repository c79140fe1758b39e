package dev.homeostat.simulator.fault;

/** A fault behind a Service (a backend it depends on): it hits the Service, so every pod of it, also pods started during the window. */
public sealed interface ServiceFault extends Fault permits DependencySlowdown {
    /** Defaulted to {@code default}. */
    String namespace();

    String service();
}
