package dev.homeostat.remediation.diagnosis;

import java.util.HashMap;
import java.util.Map;

/**
 * When each service's current episode began — its first anomaly after a calm of {@link #GAP_MILLIS} — kept beyond the
 * diagnosis' lookback, and which episodes were diagnosed as a recent change. What came up or rolled out after an
 * episode began (a routine release during an outage of something else, the team's hotfix, the engine's own restarts and
 * scale-ups) answers the episode; it does not cause it.
 */
final class Episodes {
    /** A calm this long between two anomalies of a service ends an episode: two of the rate windows its signals read. */
    static final long GAP_MILLIS = 120_000;

    /** service (ns/name) → when its current episode began. */
    private final Map<String, Long> start = new HashMap<>();
    /** service (ns/name) → the time of its last anomaly. */
    private final Map<String, Long> last = new HashMap<>();
    /** service (ns/name) → the episode (its start) whose diagnosis was a recent change. */
    private final Map<String, Long> changed = new HashMap<>();

    /** An anomaly of {@code service} at {@code time}, in time order. */
    void anomaly(String service, long time) {
        Long previous = last.put(service, time);
        if (previous == null || time - previous > GAP_MILLIS) start.put(service, time);
    }

    /** When the service's current episode began; {@code otherwise} when it has had no anomaly. */
    long start(String service, long otherwise) {
        return start.getOrDefault(service, otherwise);
    }

    /** The service's current episode was diagnosed as a recent change. */
    void changed(String service) {
        Long s = start.get(service);
        if (s != null) changed.put(service, s);
    }

    /** Whether the service's current episode was diagnosed as a recent change (the rollback that undoes it is still it). */
    boolean changeDiagnosed(String service) {
        Long s = start.get(service);
        return s != null && s.equals(changed.get(service));
    }
}
