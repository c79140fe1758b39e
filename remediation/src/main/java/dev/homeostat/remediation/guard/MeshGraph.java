package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.port.MetricsSource;
import java.time.Duration;
import java.util.Objects;

/**
 * The service mesh's call graph over the lookback ({@code istio_requests_total}), read through the metrics port at
 * most once per evaluation time and shared by everything that asks in that evaluation (the dependency guard, the
 * diagnosis), with each edge's calls and failures of the last minute from the same read (the diagnosis' edge evidence).
 */
public final class MeshGraph {
    private final MetricsSource metrics;
    private final long lookbackMillis;
    private long graphAt = Long.MIN_VALUE;
    private CallGraph graph = CallGraph.EMPTY;

    public MeshGraph(MetricsSource metrics, Duration lookback) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (lookback == null || lookback.isNegative() || lookback.isZero()) throw new IllegalArgumentException("lookback: must be > 0, e.g. 5m");
        this.lookbackMillis = lookback.toMillis();
    }

    /** The graph of the calls seen in the lookback up to {@code now}. */
    public CallGraph at(long now) {
        if (now != graphAt) {
            // the edges' counts need two minutes of samples (the last minute and the one before) even under a shorter lookback
            long from = now - Math.max(lookbackMillis, 2 * CallGraph.EDGE_WINDOW_MILLIS);
            graph = CallGraph.fromMesh(metrics.range(CallGraph.MESH_REQUESTS, from, now), now, now - lookbackMillis);
            graphAt = now;
        }
        return graph;
    }
}
