package dev.homeostat.simulator.spec;

import java.time.Duration;
import java.util.Locale;

/**
 * The pods of one Service talking to each other (README "Peer calls"): a database's primary replicating to its
 * replicas, the members of a quorum store (etcd, ZooKeeper, Kafka, Cassandra) acknowledging a write. Each request a
 * pod serves makes {@code perRequest} rounds (may be fractional: 0.3 = three requests in ten replicate); a round sends
 * one attempt to every other member and waits for the acknowledgements its {@code mode} needs. A member answers after
 * {@code latency}, each attempt is abandoned after {@code deadline} and retried up to {@code retries} times after
 * {@code retryBackoff}, as a call is.
 */
public record PeerSpec(Double perRequest, Mode mode, Duration latency, Duration deadline, Integer retries, Duration retryBackoff) {
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(1);

    /** How many of the other members a round waits for. */
    public enum Mode {
        /** A majority of all the members, the caller included (Raft, ZooKeeper): ⌊n/2⌋ of the n − 1 others. */
        QUORUM,
        /** Every other member (synchronous replication to all replicas). */
        ALL,
        /** Any one other member (semi-synchronous replication). */
        ONE;

        /** The acknowledgements a round needs in a group of {@code members} pods (the caller included). */
        public int acksNeeded(int members) {
            int others = Math.max(0, members - 1);
            return switch (this) {
                case QUORUM -> members / 2;
                case ALL -> others;
                case ONE -> Math.min(1, others);
            };
        }

        /** The mode as a scenario writes it ({@code quorum}, {@code all}, {@code one}); null for another word. */
        public static Mode parse(String s) {
            for (Mode m : values()) if (m.name().toLowerCase(Locale.ROOT).equals(s)) return m;
            return null;
        }
    }

    public PeerSpec {
        perRequest = perRequest == null ? 1.0 : perRequest;
        if (!(perRequest >= 0) || perRequest.isInfinite()) throw new IllegalArgumentException("peers.perRequest: must be >= 0, was " + perRequest);
        mode = mode == null ? Mode.QUORUM : mode;
        latency = latency == null ? DEFAULT_LATENCY : latency;
        if (latency.isNegative()) throw new IllegalArgumentException("peers.latency: must be >= 0, was " + latency);
        deadline = deadline == null ? CallSpec.DEFAULT_DEADLINE : deadline;
        if (deadline.toMillis() <= 0) throw new IllegalArgumentException("peers.deadline: must be positive, e.g. 300ms, was " + deadline);
        retries = retries == null ? 0 : retries;
        if (retries < 0 || retries > 10) throw new IllegalArgumentException("peers.retries: must be in [0, 10], was " + retries);
        retryBackoff = retryBackoff == null ? Duration.ZERO : retryBackoff;
        if (retryBackoff.isNegative()) throw new IllegalArgumentException("peers.retryBackoff: must be >= 0, was " + retryBackoff);
    }

    /** One round per request in {@code mode}, the other defaults: 1 ms answers, 1 s deadline, no retries. */
    public static PeerSpec of(Mode mode) { return new PeerSpec(null, mode, null, null, null, null); }
}
