package dev.homeostat.remediation.diagnosis;

import dev.homeostat.remediation.port.LabelMatch;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;

/**
 * Whether a service's pods moved as a whole since its first anomaly of the lookback (the onset): the typical pod (the
 * median over the peers of the pods that stand out) is now at least {@link #SLOWER} times as slow as it was just before
 * the onset — or that much faster — or its error ratio moved by at least {@link #MORE_ERRORS}. Then the pods that
 * stand out are the tail of a service-wide problem — a slow backend, a saturated store, a service recovering as a whole
 * with some pods still draining their queues — not bad pods: their peers are no stable reference, and a restart gives
 * a pod the same backend and the same load. The thresholds are the ones at which the default policy's peer signals
 * call a pod slower or failing more than its peers, applied to the peers themselves against their own recent past.
 * Measured from the onset within the lookback, not from the start of a long episode: a slow drift over hours (every
 * pod of a leaking Deployment ageing) is not a move, and restarting the pods that stand out in it still helps.
 *
 * <p>It reads the pod recording rules the default policy's peer signals use ({@link #LATENCY}, {@link #ERRORS}) just
 * of the peers only, before the onset and in the last minute, the error ratios only when the latencies did not
 * already tell; where a pod has no sample before the onset
 * (it started since, or the series is not recorded) it does not count, and with fewer than {@link #MIN_PEERS} such pods
 * (for the error ratios {@link #MIN_PEERS_FAILING}) the service is not said to have moved.
 */
final class PeerShift {
    /** A pod's mean latency over a minute (seconds). */
    static final String LATENCY = "pod:http_request_duration_seconds:mean_rate1m";
    /** The share of a pod's requests that fail, over a minute. */
    static final String ERRORS = "pod:http_request_errors:ratio_rate1m";
    static final double SLOWER = 2.0;
    static final double MORE_ERRORS = 0.05;
    /**
     * How many peers with a sample before the onset it takes to call a slowdown service-wide: one peer's latency moves
     * with the load it takes over from a pod that stopped answering, and with its own noise; the median of two does
     * not move for one. (Peers that replace or rejoin a sibling are no reference at all: the diagnosis waits for them.)
     */
    static final int MIN_PEERS = 2;
    /**
     * How many it takes to call failures service-wide: a single peer suffices, failing is no effect of load short of
     * saturation, and a small service (two, three replicas) whose every pod fails is not a bad pod because the signals
     * of some came due a scrape before the others'.
     */
    static final int MIN_PEERS_FAILING = 1;
    /** How far before the episode a pod's last sample may be to count as how it was. */
    private static final long BEFORE_WINDOW = 120_000;
    private static final long NOW_WINDOW = 60_000;

    private final MetricsSource metrics;
    private final PodValues.PodKeys latencyKeys = new PodValues.PodKeys();
    private final PodValues.PodKeys errorsKeys = new PodValues.PodKeys();
    private final PodValues latencyNow = new PodValues(latencyKeys);
    private final PodValues latencyBefore = new PodValues(latencyKeys);
    private final PodValues errorsNow = new PodValues(errorsKeys);
    private final PodValues errorsBefore = new PodValues(errorsKeys);

    PeerShift(MetricsSource metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * What says the peers moved as a whole since {@code onset} (one line of evidence), or empty when they did not, or
     * when it cannot be told.
     */
    Optional<String> wholeService(List<PodInfo> peers, long onset, long now) {
        if (peers.isEmpty() || onset == Long.MIN_VALUE) return Optional.empty();
        // the peers' series only (one service's pods, not the cluster's), read afresh each time: a past window reads the
        // same whenever it is read, and a read of a service's series costs what a lookup in a kept read of every pod would
        LabelMatch theirs = PodValues.podsOf(peers);
        PodValues latency0 = latencyBefore.read(metrics, LATENCY, theirs, onset - BEFORE_WINDOW, onset - 1);
        PodValues latency1 = latencyNow.read(metrics, LATENCY, theirs, now - NOW_WINDOW, now);
        double slowdown = medianChange(peers, latency0, latency1, MIN_PEERS, (l0, l1) -> l0 > 0 ? l1 / l0 : Double.NaN);
        if (slowdown >= SLOWER) return Optional.of(String.format(Locale.ROOT,
                "its other pods are slowed as a whole: their median latency is %.1f× what it was before the onset", slowdown));
        if (slowdown <= 1 / SLOWER) return Optional.of(String.format(Locale.ROOT,
                "its other pods recover as a whole: their median latency fell to %.2f× what it was before the onset", slowdown));
        // the error ratios only when the latencies said nothing: two reads fewer when they did
        PodValues errors0 = errorsBefore.read(metrics, ERRORS, theirs, onset - BEFORE_WINDOW, onset - 1);
        PodValues errors1 = errorsNow.read(metrics, ERRORS, theirs, now - NOW_WINDOW, now);
        double failing = medianChange(peers, errors0, errors1, MIN_PEERS_FAILING, (e0, e1) -> e1 - e0);
        if (Math.abs(failing) >= MORE_ERRORS) return Optional.of(String.format(Locale.ROOT,
                "its other pods %s as a whole: their median error ratio moved by %+.2f since the onset", failing > 0 ? "fail" : "recover", failing));
        return Optional.empty();
    }

    /**
     * How many times as long {@code pods} hold a request now as before {@code since}: over those with a sample in both
     * windows, the median (or, {@code slowest}, the largest) of their mean latency now over their mean latency then; NaN
     * with fewer than {@code minPods} such pods.
     */
    double slowdown(List<PodInfo> pods, long since, long now, int minPods, boolean slowest) {
        if (pods.isEmpty() || since == Long.MIN_VALUE) return Double.NaN;
        LabelMatch theirs = PodValues.podsOf(pods);
        PodValues before = latencyBefore.read(metrics, LATENCY, theirs, since - BEFORE_WINDOW, since - 1);
        PodValues after = latencyNow.read(metrics, LATENCY, theirs, now - NOW_WINDOW, now);
        List<Double> changes = changes(pods, before, after, (l0, l1) -> l0 > 0 ? l1 / l0 : Double.NaN);
        if (changes.size() < minPods) return Double.NaN;
        return slowest ? changes.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN) : median(changes);
    }

    /**
     * The median over {@code peers} of {@code change}(before, now) for the pods with a value in both reads and a finite
     * change; NaN with fewer than {@code minPeers} such pods.
     */
    private static double medianChange(List<PodInfo> peers, PodValues before, PodValues now, int minPeers, DoubleBinaryOperator change) {
        List<Double> changes = changes(peers, before, now, change);
        return changes.size() >= minPeers ? median(changes) : Double.NaN;
    }

    /** {@code change}(before, now) of each of {@code peers} with a value in both reads and a finite change. */
    private static List<Double> changes(List<PodInfo> peers, PodValues before, PodValues now, DoubleBinaryOperator change) {
        List<Double> changes = new ArrayList<>();
        for (PodInfo p : peers) {
            String key = p.namespace() + "/" + p.name();
            // a value read is finite: NaN says the pod had none
            double b = before.get(key), n = now.get(key);
            if (Double.isNaN(b) || Double.isNaN(n)) continue;
            double c = change.applyAsDouble(b, n);
            if (!Double.isNaN(c)) changes.add(c);
        }
        return changes;
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) return Double.NaN;
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
