package dev.homeostat.simulator;

import static dev.homeostat.simulator.metrics.MetricNames.*;

import dev.homeostat.simulator.metrics.Batch;
import dev.homeostat.simulator.metrics.Handle;
import dev.homeostat.simulator.metrics.HistogramQuantile;
import dev.homeostat.simulator.metrics.MetricStore;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One Prometheus scrape of the cluster plus the evaluation of the recording rules, written into the
 * metric store as one block. Each pod owns a run of {@link #POD_SERIES} slots, its series named the
 * first time they have a sample; after that a sample is one array store at the pod's slot, in pod
 * order, so a scrape builds no label map or key and allocates nothing per sample. Deployments and
 * services (a few hundred series) append through handles found once.
 * A pod that is gone is no longer visited, so its series simply stop, as in Prometheus.
 */
final class Scraper implements PodWatch {
    static final int MEMORY = 0, CPU = 1, RESTART_COUNT = 2, READY = 3, HTTP_200 = 4, HTTP_500 = 5, HTTP_504 = 6,
            MEMORY_RATIO = 7, CPU_RATE = 8, ERROR_RATIO = 9, LATENCY_MEAN = 10, DURATION_COUNT = 14,
            // the duration histogram's buckets (+Inf last) and then its sum: laid out as a PodRows row's DURATIONS
            DURATION_BUCKET = 15, DURATION_SUM = 27,
            LAST_TERMINATED_OOM = 11, LAST_TERMINATED_ERROR = 12, WAITING_BACK_OFF = 13, CPU_BUSY = 28, MEMORY_PREDICTED = 29,
            MEMORY_PREDICTED_1H = 30;
    /** Slots per pod: the series above, one per bucket of the duration histogram (+Inf included), its sum. */
    static final int POD_SERIES = MEMORY_PREDICTED_1H + 1;
    /** The duration histogram's slots in a pod's run, buckets and sum, as a mask. */
    static final long DURATION_MASK = ((1L << (DURATION_SUM + 1)) - 1) & ~((1L << DURATION_BUCKET) - 1);
    /** predict_linear's window and horizon, ms: the 15-minute prediction, and the 1-hour one for slow leaks. */
    static final long PREDICT_WINDOW_MS = 300_000, PREDICT_AHEAD_MS = 900_000, PREDICT_1H_WINDOW_MS = 3_600_000, PREDICT_1H_AHEAD_MS = 3_600_000;

    static {
        if (DURATION_SUM != DURATION_BUCKET + LATENCY_BUCKETS.length + 1)
            throw new IllegalStateException("DURATION_SUM must follow the " + (LATENCY_BUCKETS.length + 1) + " bucket slots");
    }
    /** Relative standard deviation of the working set's measurement noise. */
    static final double MEMORY_NOISE = 0.005;

    private static final int HTTP_503 = 0, SERVICE_ERRORS = 1, SERVICE_P99 = 2, SERVICE_SERIES = 3;

    private final MetricStore store;
    private final SplittableRandom memoryNoise;
    /** The pod series whose family is kept ({@link #keepOnly}), as a mask of a pod's run: all of them unless told. */
    private long podSeriesKept = (1L << POD_SERIES) - 1;
    /** Whether the Deployments' and Services' families are kept: available, its ratio, 503s, errors, p99, call edges. */
    private boolean keepAvailable = true, keepAvailableRatio = true, keep503 = true, keepErrors = true, keepP99 = true,
            keepEdges = true;
    /** The memory trend's decay per scrape, computed once per interval rather than once per pod. */
    private final MemoryTrend.Decay decay = new MemoryTrend.Decay(), decay1h = new MemoryTrend.Decay();
    /** A row's samples, worked out once for the pods that share it. */
    final RowSamples rowSamples = new RowSamples();
    // series handles of deployments and services, found once (identity lookups only, never iterated)
    private final Map<DeploymentState, Handle[]> deploymentSeries = new IdentityHashMap<>();
    /** The window of the replicas-available rule's min_over_time. */
    static final long AVAILABLE_WINDOW_MS = 120_000;
    private final Map<ServiceState, Handle[]> serviceSeries = new IdentityHashMap<>();
    private final double[] minuteBuckets = new double[LATENCY_BUCKETS.length + 1];
    /** The slot runs of gone StatefulSet pods, by pod key, kept for the pod that takes the name. */
    private final Map<String, Integer> statefulRuns = new java.util.HashMap<>();

    Scraper(MetricStore store, SplittableRandom memoryNoise) {
        this.store = store;
        this.memoryNoise = memoryNoise;
    }

    /** Every family the scrape writes: the pods', the Deployments', the Services'. */
    static Set<String> families() {
        var all = new TreeSet<String>(List.of(DEPLOYMENT_AVAILABLE, DEPLOYMENT_AVAILABLE_RATIO, HTTP_REQUESTS,
                SERVICE_ERROR_RATIO, SERVICE_LATENCY_P99, MESH_REQUESTS));
        for (int s = 0; s < POD_SERIES; s++) all.add(family(s));
        return all;
    }

    /**
     * From now on stores only the samples of {@code families} (each one of {@link #families()}), as a Prometheus
     * scrape config's {@code metric_relabel_configs} keeping them would: what is not kept costs nothing, and a pod none
     * of whose families is kept is not visited at all. The samples of the kept families are those of a full scrape.
     */
    void keepOnly(Set<String> families) {
        long pods = 0;
        for (int s = 0; s < POD_SERIES; s++) if (families.contains(family(s))) pods |= 1L << s;
        podSeriesKept = pods;
        keepAvailable = families.contains(DEPLOYMENT_AVAILABLE);
        keepAvailableRatio = families.contains(DEPLOYMENT_AVAILABLE_RATIO);
        keep503 = families.contains(HTTP_REQUESTS);
        keepErrors = families.contains(SERVICE_ERROR_RATIO);
        keepP99 = families.contains(SERVICE_LATENCY_P99);
        keepEdges = families.contains(MESH_REQUESTS);
    }

    /**
     * A whole scrape. Pods are visited Deployment by Deployment (in the order given), each
     * Deployment's pods in creation order: the order they sit in memory, so a scrape streams through them.
     */
    void scrape(long t, List<DeploymentState> deployments, List<ServiceState> services) {
        Batch w = store.at(t);
        for (DeploymentState d : deployments) scrapeDeployment(w, d, t);
        scrapeServices(t, services);
    }

    /** The block a scrape at {@code t} writes its pods into. */
    Batch begin(long t) { return store.at(t); }

    /** The pods and the availability of one Deployment: part of a scrape, e.g. right after its traffic step, while its pods are in cache. */
    void scrapeDeployment(Batch w, DeploymentState d, long t) {
        List<PodState> pods = d.pods;
        PodRows rows = d.rows;
        rowSamples.forget();
        if (podSeriesKept != 0) for (int i = 0, n = pods.size(); i < n; i++) scrapePod(w, t, pods.get(i), rows);
        if (!keepAvailable && !keepAvailableRatio) return;
        int ready = d.ready();
        Handle[] h = deploymentSeries.get(d);
        if (h == null) {
            var labels = Map.of("namespace", d.spec.namespace(), "deployment", d.spec.name());
            h = new Handle[] {keepAvailable ? store.series(DEPLOYMENT_AVAILABLE, labels) : null,
                    keepAvailableRatio ? store.series(DEPLOYMENT_AVAILABLE_RATIO, labels) : null};
            deploymentSeries.put(d, h);
        }
        if (keepAvailable) h[0].add(t, ready);
        int wanted = d.minReplicasSince(t, AVAILABLE_WINDOW_MS);
        if (keepAvailableRatio && wanted > 0) h[1].add(t, (double) ready / wanted);
    }

    /** The services' series (rules over the last minute, 503s, call edges): the rest of a scrape. */
    void scrapeServices(long t, List<ServiceState> services) {
        for (ServiceState s : services) {
            Handle[] hs = serviceSeries.computeIfAbsent(s, k -> new Handle[SERVICE_SERIES]);
            if (keep503 && s.unavailable > 0) serviceHandle(s, hs, HTTP_503).add(t, s.unavailable);
            SlidingSums m = s.lastMinute;
            if (keepErrors && m.sum(ServiceState.REQ) > 0)
                serviceHandle(s, hs, SERVICE_ERRORS).add(t, m.sum(ServiceState.ERR) / m.sum(ServiceState.REQ));
            if (keepP99) {
                // the shipped rule: histogram_quantile(0.99) over the minute's increase of the pods' summed buckets
                for (int i = 0; i < minuteBuckets.length; i++) minuteBuckets[i] = m.sum(ServiceState.DURATION_BUCKETS + i);
                double p99 = HistogramQuantile.of(0.99, LATENCY_BUCKETS, minuteBuckets);
                if (!Double.isNaN(p99)) serviceHandle(s, hs, SERVICE_P99).add(t, p99);
            }
            if (keepEdges) for (int j = 0; j < s.callees.length; j++) {
                double[] counts = s.callCounts[j];
                for (int code = 0; code < CALL_CODES.length; code++)
                    if (counts[code] > 0) edgeHandle(s, j, code).add(t, counts[code]);
            }
        }
    }

    private static final String[] CALL_CODES = {"200", "503", "504"};
    // handles of the call edges' counters, by caller: [callee][code]
    private final Map<ServiceState, Handle[][]> edgeSeries = new IdentityHashMap<>();

    private Handle edgeHandle(ServiceState s, int callee, int code) {
        Handle[][] hs = edgeSeries.computeIfAbsent(s, k -> new Handle[k.callees.length][CALL_CODES.length]);
        Handle h = hs[callee][code];
        if (h == null) {
            ServiceState c = s.callees[callee];
            h = store.series(MESH_REQUESTS, Map.of("reporter", "source",
                    "source_workload", s.deployment.spec.name(), "source_workload_namespace", s.spec.namespace(),
                    "destination_service_name", c.spec.name(), "destination_service_namespace", c.spec.namespace(),
                    "destination_workload", c.deployment.spec.name(), "response_code", CALL_CODES[code]));
            hs[callee][code] = h;
        }
        return h;
    }

    private Handle serviceHandle(ServiceState s, Handle[] hs, int series) {
        Handle h = hs[series];
        if (h == null) {
            String ns = s.spec.namespace(), name = s.spec.name();
            h = switch (series) {
                case HTTP_503 -> store.series(HTTP_REQUESTS, Map.of("namespace", ns, "service", name, "code", "503"));
                case SERVICE_ERRORS -> store.series(SERVICE_ERROR_RATIO, Map.of("namespace", ns, "service", name));
                case SERVICE_P99 -> store.series(SERVICE_LATENCY_P99, Map.of("namespace", ns, "service", name));
                default -> throw new IllegalStateException("no service series " + series);
            };
            hs[series] = h;
        }
        return h;
    }

    /**
     * One pod's samples, stored straight into the block's values at the pod's run of slots; which of them it wrote is a
     * mask, so naming new series and marking the samples present is done once per pod, not once per sample.
     */
    private void scrapePod(Batch w, long t, PodState p, PodRows rows) {
        if (p.slots < 0) {
            Integer predecessor = p.deployment.spec.stateful() ? statefulRuns.remove(p.key) : null;
            p.slots = predecessor != null ? predecessor : store.reserve(POD_SERIES);
        }
        int base = p.slots;
        double[] v = w.run(base, POD_SERIES);
        RowSamples fromRow = rowSamples;
        fromRow.of(p.rows, p.row, rows, p.spec);
        double[] shared = fromRow.values;
        // the row's samples first, then the pod's own over them
        for (int i = 0; i < POD_SERIES; i++) v[base + i] = shared[i];
        long mask = 1L << RESTART_COUNT | 1L << READY;
        if (p.running()) {
            double limit = p.spec.memoryLimit();
            double noise = 1 + MEMORY_NOISE * memoryNoise.nextGaussian();
            double memory = Math.clamp(p.memoryAt(t) * noise, 0, limit);
            v[base + MEMORY] = memory;
            double ratio = memory / limit;
            v[base + MEMORY_RATIO] = ratio;
            mask |= 1L << MEMORY | 1L << MEMORY_RATIO | fromRow.cpu;
            boolean wanted = ratio >= MEMORY_PREDICTION_FROM;
            double predicted = MemoryTrend.predict(p.shortTrend, p.runningSince, t, ratio, PREDICT_WINDOW_MS, PREDICT_AHEAD_MS, decay, wanted);
            if (wanted && !Double.isNaN(predicted)) {
                v[base + MEMORY_PREDICTED] = Math.max(predicted, 0);
                mask |= 1L << MEMORY_PREDICTED;
            }
            double hour = MemoryTrend.predict(p.longTrend, p.runningSince, t, ratio, PREDICT_1H_WINDOW_MS, PREDICT_1H_AHEAD_MS, decay1h, wanted);
            if (wanted && !Double.isNaN(hour)) {
                v[base + MEMORY_PREDICTED_1H] = Math.max(hour, 0);
                mask |= 1L << MEMORY_PREDICTED_1H;
            }
        }
        v[base + RESTART_COUNT] = p.restarts;
        v[base + READY] = p.ready() ? 1 : 0;
        // kube-state-metrics emits these only while true, with the reason as a label: a series per reason
        if (p.lastTerminatedReason != null) {
            int reason = p.lastTerminatedReason.equals(PodState.OOM_KILLED) ? LAST_TERMINATED_OOM : LAST_TERMINATED_ERROR;
            v[base + reason] = 1;
            mask |= 1L << reason;
        }
        if (p.waitingInBackOff()) {
            v[base + WAITING_BACK_OFF] = 1;
            mask |= 1L << WAITING_BACK_OFF;
        }
        if (p.deployment.service != null && p.started()) mask |= fromRow.traffic;
        mask &= podSeriesKept;
        long unnamed = mask & ~p.boundSeries;
        if (unnamed != 0) bindAll(p, unnamed);
        w.mark(base, mask);
    }

    /** Names the pod's series in {@code series} (a mask of them), in slot order. */
    private void bindAll(PodState p, long series) {
        for (long left = series; left != 0; left &= left - 1) bind(p, Long.numberOfTrailingZeros(left));
    }

    /**
     * A pod that is gone is scraped no more: its slots are reused once its samples have expired. A StatefulSet's pod
     * keeps its run for the pod that takes its name: the same labels are the same series, which go on (counters
     * reset), as in Prometheus.
     */
    @Override public void gone(PodState p) {
        if (p.slots < 0) return;
        if (p.deployment.spec.stateful()) statefulRuns.put(p.key, p.slots);
        else store.release(p.slots, POD_SERIES);
    }

    /** The family of the pod series at {@code series} of a pod's run. */
    static String family(int series) {
        return switch (series) {
            case MEMORY -> MEMORY_WORKING_SET;
            case CPU -> CPU_USAGE_SECONDS;
            case RESTART_COUNT -> RESTARTS;
            case READY -> POD_READY;
            case LAST_TERMINATED_OOM, LAST_TERMINATED_ERROR -> LAST_TERMINATED_REASON;
            case WAITING_BACK_OFF -> WAITING_REASON;
            case HTTP_200, HTTP_500, HTTP_504 -> HTTP_REQUESTS;
            case MEMORY_RATIO -> POD_MEMORY_RATIO;
            case CPU_RATE -> POD_CPU_RATE;
            case CPU_BUSY -> POD_CPU_BUSY;
            case MEMORY_PREDICTED -> POD_MEMORY_PREDICTED;
            case MEMORY_PREDICTED_1H -> POD_MEMORY_PREDICTED_1H;
            case ERROR_RATIO -> POD_ERROR_RATIO;
            case LATENCY_MEAN -> POD_LATENCY_MEAN;
            case DURATION_SUM -> REQUEST_DURATION_SUM;
            case DURATION_COUNT -> REQUEST_DURATION_COUNT;
            default -> {
                if (series >= DURATION_BUCKET && series < DURATION_SUM) yield REQUEST_DURATION_BUCKET;
                throw new IllegalStateException("no pod series " + series);
            }
        };
    }

    private void bind(PodState p, int series) {
        String ns = p.namespace, pod = p.name, container = p.spec.name();
        String service = p.deployment.service == null ? "" : p.deployment.service.spec.name();
        String metric = family(series);
        if (series >= DURATION_BUCKET && series < DURATION_SUM) {
            int b = series - DURATION_BUCKET;
            String le = b == LATENCY_BUCKETS.length ? "+Inf" : Double.toString(LATENCY_BUCKETS[b]);
            store.bind(metric, Map.of("namespace", ns, "service", service, "pod", pod, "le", le), p.slots + series);
            p.boundSeries |= 1L << series;
            return;
        }
        Map<String, String> labels = switch (series) {
            case MEMORY, CPU, RESTART_COUNT -> Map.of("namespace", ns, "pod", pod, "container", container);
            case READY -> Map.of("namespace", ns, "pod", pod, "condition", "true");
            case LAST_TERMINATED_OOM -> Map.of("namespace", ns, "pod", pod, "container", container, "reason", PodState.OOM_KILLED);
            case LAST_TERMINATED_ERROR -> Map.of("namespace", ns, "pod", pod, "container", container, "reason", PodState.ERROR);
            case WAITING_BACK_OFF -> Map.of("namespace", ns, "pod", pod, "container", container, "reason", PodState.CRASH_LOOP_BACK_OFF);
            case HTTP_200 -> Map.of("namespace", ns, "service", service, "pod", pod, "code", "200");
            case HTTP_500 -> Map.of("namespace", ns, "service", service, "pod", pod, "code", "500");
            case HTTP_504 -> Map.of("namespace", ns, "service", service, "pod", pod, "code", "504");
            case MEMORY_RATIO, CPU_RATE, CPU_BUSY, MEMORY_PREDICTED, MEMORY_PREDICTED_1H -> Map.of("namespace", ns, "pod", pod);
            case ERROR_RATIO, LATENCY_MEAN, DURATION_SUM, DURATION_COUNT -> Map.of("namespace", ns, "service", service, "pod", pod);
            default -> throw new IllegalStateException("no pod series " + series);
        };
        store.bind(metric, labels, p.slots + series);
        p.boundSeries |= 1L << series;
    }
}
