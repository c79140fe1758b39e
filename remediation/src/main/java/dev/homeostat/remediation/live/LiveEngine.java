package dev.homeostat.remediation.live;

import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.port.AlertSource;
import dev.homeostat.remediation.port.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine loop of a live deployment: every evaluation interval, on one thread, it drains the
 * {@link AlertSource} into {@code Engine.alert} and calls {@code Engine.tick()} — but only while
 * this replica is the leader.
 *
 * <p>Each term of leadership gets a fresh {@link Engine} from the factory: the first tick of a
 * term reads the policy's lookback, so the detectors start warm, and no incident state from a
 * term in which another replica acted is carried over. An evaluation that throws is logged and
 * counted, and the loop goes on.
 */
public final class LiveEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveEngine.class.getName());

    private final Supplier<Engine> engines;
    private final Duration interval;
    private final Leadership leadership;
    private final AlertSource alerts;
    private final LiveMetrics metrics;
    private final Clock wall;
    private final Object lock = new Object();
    private ScheduledExecutorService scheduler;
    private Engine engine;
    private long ticks;
    private volatile long lastLoopMillis = Long.MIN_VALUE;
    private volatile boolean wasLeader;

    /**
     * @param engines  makes the engine of a new leadership term (its ClusterActions decide real or dry run)
     * @param interval the policy's evaluation interval
     */
    public LiveEngine(Supplier<Engine> engines, Duration interval, Leadership leadership, AlertSource alerts, LiveMetrics metrics) {
        this(engines, interval, leadership, alerts, metrics, new WallClock());
    }

    LiveEngine(Supplier<Engine> engines, Duration interval, Leadership leadership, AlertSource alerts, LiveMetrics metrics, Clock wall) {
        this.engines = Objects.requireNonNull(engines, "engines");
        if (interval.toMillis() <= 0) throw new IllegalArgumentException("evaluation interval must be positive, got " + interval);
        this.interval = interval;
        this.leadership = Objects.requireNonNull(leadership, "leadership");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    /** Starts evaluating every interval on a thread of its own; returns at once. */
    public synchronized LiveEngine start() {
        if (scheduler != null) throw new IllegalStateException("already started");
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "homeostat-engine");
            t.setDaemon(true);
            return t;
        });
        // fixed delay, not fixed rate: after a slow evaluation the next waits a full interval instead of ticking in a burst on stale samples
        scheduler.scheduleWithFixedDelay(this::evaluate, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One evaluation now, on the caller's thread (the scheduler calls this; so may tests). */
    public void evaluate() {
        synchronized (lock) {
            long now = wall.millis();
            lastLoopMillis = now;
            boolean leader = leadership.isLeader();
            metrics.leader(leader);
            if (leader != wasLeader) LOG.log(System.Logger.Level.INFO, leader ? "leading: the engine acts" : "following: the engine waits");
            wasLeader = leader;
            if (!leader) {
                engine = null; // the next term starts afresh
                // Alerts accepted while this replica still led, which it can no longer act on.
                int dropped = alerts.drain().size();
                metrics.notRouted("not-leader", dropped);
                if (dropped > 0) LOG.log(System.Logger.Level.WARNING, "not the leader: {0} accepted alerts not routed (counted in homeostat_alerts_not_routed)", dropped);
                return;
            }
            try {
                if (engine == null) engine = engines.get();
                int resolved = 0;
                for (AlertSource.Alert alert : alerts.drain()) {
                    switch (alert) {
                        case AlertSource.Alert.Firing f -> engine.alert(f.anomaly());
                        case AlertSource.Alert.Resolved r -> resolved++; // never routed: the router acts on firing alerts only
                        case AlertSource.Alert.TeamPage p -> engine.teamPage(p.service(), p.fingerprint(), p.firing());
                    }
                }
                metrics.notRouted("resolved", resolved);
                long t0 = System.nanoTime();
                engine.tick();
                metrics.tickDuration((System.nanoTime() - t0) / 1e9);
                ticks++;
                metrics.tick(true, now);
            } catch (RuntimeException e) {
                metrics.tick(false, now);
                LOG.log(System.Logger.Level.ERROR, "evaluation failed; the loop goes on", e);
            } finally {
                lock.notifyAll();
            }
        }
    }

    /** Engine ticks run so far (as leader). */
    public long ticks() {
        synchronized (lock) {
            return ticks;
        }
    }

    /** Waits until at least {@code n} ticks have run; false if {@code timeout} passed first. */
    public boolean awaitTicks(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (ticks < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    public boolean isLeader() { return leadership.isLeader(); }

    /** The engine of the current term, or null while following (tests read its incidents). */
    public Engine engine() {
        synchronized (lock) {
            return engine;
        }
    }

    /** Alive while the loop has run within three intervals (or has not started yet: it starts at once). */
    public EngineServer.Status liveness() {
        long last = lastLoopMillis;
        if (last == Long.MIN_VALUE) return new EngineServer.Status(true, "starting");
        long age = wall.millis() - last;
        long limit = Math.max(3 * interval.toMillis(), 30_000);
        return age <= limit
                ? new EngineServer.Status(true, "last evaluation " + age + " ms ago")
                : new EngineServer.Status(false, "no evaluation for " + age + " ms (limit " + limit + " ms)");
    }

    /** Stops the loop; an evaluation under way finishes first. */
    @Override public void close() throws InterruptedException {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s == null) return;
        s.shutdown();
        if (!s.awaitTermination(Math.max(10, 2 * interval.toSeconds()), TimeUnit.SECONDS)) s.shutdownNow();
    }

    /** For logs: what this loop runs. */
    @Override public String toString() {
        return "LiveEngine[interval=" + interval + ", ticks=" + ticks() + ", leader=" + isLeader() + "]";
    }
}
