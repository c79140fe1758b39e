package dev.homeostat.remediation.live;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease with fabric8's {@code LeaderElector},
 * so that of several engine replicas exactly one acts. The holder renews the lease every
 * {@code retryPeriod}; if it cannot renew within {@code renewDeadline} it stops leading, and
 * another replica takes the lease once {@code leaseDuration} has passed since the last renewal.
 * {@link #close()} releases the lease, so a replica that shuts down hands over at once.
 *
 * <p>Because {@code renewDeadline < leaseDuration}, a replica that lost contact stops acting
 * before another can acquire the lease: two replicas never act at once (clock skew aside — the
 * same assumption Kubernetes' own controllers make).
 */
public final class LeaderElection implements Leadership, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LeaderElection.class.getName());

    /** The lease and its timing; validated here. */
    public record Settings(String namespace, String leaseName, String identity, Duration leaseDuration, Duration renewDeadline,
                           Duration retryPeriod) {
        public Settings {
            if (namespace == null || namespace.isBlank()) throw new IllegalArgumentException("leaderElection.namespace: empty");
            if (leaseName == null || leaseName.isBlank()) throw new IllegalArgumentException("leaderElection.leaseName: empty");
            if (identity == null || identity.isBlank()) throw new IllegalArgumentException("leaderElection.identity: empty; set it or the HOSTNAME variable");
            if (!(leaseDuration.compareTo(renewDeadline) > 0)) {
                throw new IllegalArgumentException("leaderElection.renewDeadline: " + renewDeadline.toMillis() + " ms must be shorter than leaseDuration "
                        + leaseDuration.toMillis() + " ms, or two replicas could act at once");
            }
            if (!(renewDeadline.compareTo(retryPeriod) > 0) || retryPeriod.isZero()) {
                throw new IllegalArgumentException("leaderElection.retryPeriod: " + retryPeriod.toMillis() + " ms must be positive and shorter than renewDeadline "
                        + renewDeadline.toMillis() + " ms");
            }
        }
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Consumer<Boolean> onChange;
    private volatile boolean leader;
    private volatile String currentLeader = "";
    private CompletableFuture<?> running;

    /** {@code onChange} hears {@code true} when this replica starts leading and {@code false} when it stops. */
    public LeaderElection(KubernetesClient client, Settings settings, Consumer<Boolean> onChange) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /** Starts competing for the lease in the background; returns at once. */
    public synchronized LeaderElection start() {
        if (running != null) throw new IllegalStateException("already started");
        var config = new LeaderElectionConfigBuilder()
                .withName(settings.leaseName())
                .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(() -> changed(true), () -> changed(false), this::newLeader))
                .build();
        running = client.leaderElector().withConfig(config).build().start();
        LOG.log(System.Logger.Level.INFO, "{0} competes for lease {1}/{2}", settings.identity(), settings.namespace(), settings.leaseName());
        return this;
    }

    @Override public boolean isLeader() { return leader; }

    /** The identity that holds the lease as last seen ("" before the first observation). */
    public String currentLeader() { return currentLeader; }

    public String identity() { return settings.identity(); }

    private void changed(boolean nowLeader) {
        leader = nowLeader;
        LOG.log(System.Logger.Level.INFO, "{0} {1} lease {2}", settings.identity(), nowLeader ? "acquired" : "lost", settings.leaseName());
        onChange.accept(nowLeader);
    }

    private void newLeader(String identity) {
        currentLeader = identity == null ? "" : identity;
    }

    /** Stops competing and releases the lease if held. */
    @Override public synchronized void close() {
        leader = false;
        if (running != null) running.cancel(true);
        running = null;
    }
}
