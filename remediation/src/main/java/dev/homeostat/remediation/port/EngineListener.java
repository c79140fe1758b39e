package dev.homeostat.remediation.port;

import dev.homeostat.remediation.model.EngineEvent;

/** Receives the engine's events (anomalies, actions, suppressions, escalations) for the journal. */
@FunctionalInterface
public interface EngineListener {
    void on(EngineEvent event);
}
