package dev.homeostat.remediation.live;

import dev.homeostat.remediation.model.EngineEvent;
import java.time.Instant;

/** One log line per engine event, for the command line's output (the journal keeps the full record). */
public final class EngineEvents {
    private EngineEvents() { }

    public static String line(EngineEvent event) {
        String time = Instant.ofEpochMilli(event.timeMillis()).toString();
        return time + " " + switch (event) {
            case EngineEvent.AnomalyRaised a -> "anomaly   " + a.anomaly().signal() + " on " + a.anomaly().target().ref()
                    + " (" + a.anomaly().detector() + ", score " + a.anomaly().score() + "): " + a.anomaly().explanation();
            case EngineEvent.ActionTaken x -> switch (x.outcome()) {
                case APPLIED -> "action    applied " + DryRunActions.describe(x.action()) + " [rule " + x.rule() + "]: " + x.detail();
                case REFUSED -> "action    not applied " + DryRunActions.describe(x.action()) + " [rule " + x.rule() + "]: " + x.detail();
                case HELD -> "held back " + DryRunActions.describe(x.action()) + " [rule " + x.rule() + "] by " + x.guard() + ": " + x.detail();
            };
            case EngineEvent.Paged p -> "page " + p.state().name().toLowerCase(java.util.Locale.ROOT) + " " + p.key() + " "
                    + p.target().ref() + ": " + p.reason();
        };
    }
}
