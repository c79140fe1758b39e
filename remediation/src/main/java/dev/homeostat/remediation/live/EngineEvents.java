package dev.homeostat.remediation.live;

import dev.homeostat.remediation.model.EngineEvent;
import java.time.Instant;

/** One log line per engine event, for the command line's output (the journal keeps the full record). */
public final class EngineEvents {
    private EngineEvents() { }

    public static String line(EngineEvent event) {
        String time = Instant.ofEpochMilli(event.timeMillis()).toString();
        return time + " " + switch (event) {
            case EngineEvent.AnomalyDetected a -> "anomaly   " + a.anomaly().signal() + " on " + a.anomaly().target().ref()
                    + " (" + a.anomaly().detector() + ", score " + a.anomaly().score() + "): " + a.anomaly().explanation();
            case EngineEvent.ActionExecuted x -> "action    " + (x.applied() ? "applied " : "not applied ") + DryRunActions.describe(x.action())
                    + " [rule " + x.rule() + "]: " + x.detail();
            case EngineEvent.ActionSuppressed s -> "held back " + DryRunActions.describe(s.action()) + " [rule " + s.rule() + "] by "
                    + s.guard() + ": " + s.detail();
            case EngineEvent.Escalated e -> "escalated " + e.target().ref() + ": " + e.reason();
        };
    }
}
