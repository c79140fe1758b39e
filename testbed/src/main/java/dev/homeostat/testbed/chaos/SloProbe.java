package dev.homeostat.testbed.chaos;

import java.util.List;

/**
 * Reads the SLO signal once. Live: PromQL against Prometheus ({@link PrometheusSloProbe}); tests plug
 * their own. A probe may throw: the run then fails, and still deletes what it created.
 */
@FunctionalInterface
public interface SloProbe {
    /** One reading per service the query answers for, at {@code nowMillis} (epoch ms). */
    List<SloReading> read(long nowMillis);

    /** No Prometheus given: no SLO events, the run watches pods only. */
    SloProbe NONE = now -> List.of();
}
