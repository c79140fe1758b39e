package dev.homeostat.remediation.live;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Whether the engine can reach what it depends on — the Kubernetes API server and Prometheus — probed once per
 * evaluation interval on a thread of its own (a hanging probe never delays a tick), on leader and follower alike.
 * A dependency that failed {@value #UNREACHABLE_AFTER} probes in a row makes the replica not ready, so
 * {@code /readyz} answers 503 and Kubernetes shows it; the first answer clears it.
 */
final class Reachability implements AutoCloseable {
    /** Consecutive failed probes (evaluation intervals) after which a dependency counts as unreachable. */
    static final int UNREACHABLE_AFTER = 3;
    private static final System.Logger LOG = System.getLogger(Reachability.class.getName());

    /** One dependency: {@code check} answers empty when it answered at all, otherwise why not. */
    record Probe(String name, Supplier<Optional<String>> check) {
        Probe {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
        }
    }

    private record State(int failures, String reason) { }

    private final List<Probe> probes;
    private final Duration interval;
    private final LiveMetrics metrics;
    private final Map<String, State> states = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    Reachability(List<Probe> probes, Duration interval, LiveMetrics metrics) {
        this.probes = List.copyOf(probes);
        this.interval = interval;
        this.metrics = metrics;
        for (Probe p : probes) states.put(p.name(), new State(0, ""));
    }

    synchronized Reachability start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "homeostat-reachability");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::probeAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One round of probes now (the scheduler calls this; tests may). */
    void probeAll() {
        for (Probe p : probes) {
            Optional<String> problem;
            try {
                problem = p.check().get();
            } catch (RuntimeException e) {
                problem = Optional.of(e.toString());
            }
            record(p.name(), problem);
        }
    }

    private synchronized void record(String name, Optional<String> problem) {
        State before = states.get(name);
        State now = problem.map(r -> new State(before.failures() + 1, r)).orElse(new State(0, ""));
        states.put(name, now);
        metrics.dependencyUp(name, now.failures() == 0);
        if (now.failures() == UNREACHABLE_AFTER) {
            LOG.log(System.Logger.Level.ERROR, "{0} unreachable for {1} evaluation intervals, this replica is not ready: {2}", name, UNREACHABLE_AFTER, now.reason());
        } else if (now.failures() == 1) {
            LOG.log(System.Logger.Level.WARNING, "{0} did not answer: {1}", name, now.reason());
        } else if (now.failures() == 0 && before.failures() > 0) {
            LOG.log(System.Logger.Level.INFO, "{0} answers again", name);
        }
    }

    /** Empty while every dependency answered within the last {@value #UNREACHABLE_AFTER} probes; else what is unreachable. */
    synchronized Optional<String> unreachable() {
        var out = new StringBuilder();
        states.forEach((name, s) -> {
            if (s.failures() >= UNREACHABLE_AFTER) {
                if (!out.isEmpty()) out.append("; ");
                out.append(name).append(" unreachable for ").append(s.failures()).append(" evaluation intervals (").append(s.reason()).append(')');
            }
        });
        return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    }

    @Override public synchronized void close() {
        if (scheduler != null) scheduler.shutdownNow();
        scheduler = null;
    }
}
