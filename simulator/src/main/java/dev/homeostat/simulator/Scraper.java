package dev.homeostat.simulator;

import static dev.homeostat.simulator.metrics.MetricNames.*;

import dev.homeostat.simulator.metrics.MetricStore;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One Prometheus scrape of the cluster plus the evaluation of the recording rules, written into the
 * metric store. Series handles are found once (pods: cached on the pod; deployments and services:
 * here), so a scrape builds no label map or key and allocates nothing per sample.
 * A pod that is gone is no longer visited, so its series simply stop, as in Prometheus.
 */
final class Scraper {
    static final int MEMORY = 0, CPU = 1, RESTART_COUNT = 2, READY = 3, HTTP_200 = 4, HTTP_500 = 5, HTTP_504 = 6,
            MEMORY_RATIO = 7, CPU_RATE = 8, ERROR_RATIO = 9, LATENCY_MEAN = 10,
            LAST_TERMINATED_OOM = 11, LAST_TERMINATED_ERROR = 12, WAITING_BACK_OFF = 13;
    static final int POD_SERIES = 14;
    /** Relative standard deviation of the working set's measurement noise. */
    static final double MEMORY_NOISE = 0.005;

    private static final int HTTP_503 = 0, SERVICE_ERRORS = 1, SERVICE_P99 = 2, SERVICE_SERIES = 3;

    private final MetricStore store;
    private final SplittableRandom memoryNoise;
    // series handles of deployments and services, found once (identity lookups only, never iterated)
    private final Map<DeploymentState, MetricStore.Handle> deploymentSeries = new IdentityHashMap<>();
    private final Map<ServiceState, MetricStore.Handle[]> serviceSeries = new IdentityHashMap<>();

    Scraper(MetricStore store, SplittableRandom memoryNoise) {
        this.store = store;
        this.memoryNoise = memoryNoise;
    }

    void scrape(long t, Collection<PodState> pods, List<DeploymentState> deployments, List<ServiceState> services) {
        for (PodState p : pods) scrapePod(t, p);
        for (DeploymentState d : deployments) {
            MetricStore.Handle h = deploymentSeries.get(d);
            if (h == null) {
                h = store.series(DEPLOYMENT_AVAILABLE, Map.of("namespace", d.spec.namespace(), "deployment", d.spec.name()));
                deploymentSeries.put(d, h);
            }
            h.add(t, d.ready());
        }
        for (ServiceState s : services) {
            MetricStore.Handle[] hs = serviceSeries.computeIfAbsent(s, k -> new MetricStore.Handle[SERVICE_SERIES]);
            if (s.unavailable > 0) serviceHandle(s, hs, HTTP_503).add(t, s.unavailable);
            SlidingSums m = s.lastMinute;
            if (m.sum(ServiceState.REQ) > 0) serviceHandle(s, hs, SERVICE_ERRORS).add(t, m.sum(ServiceState.ERR) / m.sum(ServiceState.REQ));
            if (m.sum(ServiceState.ANSWERED) > 0)
                serviceHandle(s, hs, SERVICE_P99).add(t, m.sum(ServiceState.P99_WEIGHTED) / m.sum(ServiceState.ANSWERED));
        }
    }

    private MetricStore.Handle serviceHandle(ServiceState s, MetricStore.Handle[] hs, int series) {
        MetricStore.Handle h = hs[series];
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

    private void scrapePod(long t, PodState p) {
        if (p.running()) {
            double limit = p.spec.memoryLimit();
            double noise = 1 + MEMORY_NOISE * memoryNoise.nextGaussian();
            double memory = Math.clamp(p.memoryAt(t) * noise, 0, limit);
            handle(p, MEMORY).add(t, memory);
            handle(p, CPU).add(t, p.cpuSeconds);
            handle(p, MEMORY_RATIO).add(t, memory / limit);
            if (p.lastMinute.filled() > 0) handle(p, CPU_RATE).add(t, p.lastMinute.sum(PodState.CPU) / p.lastMinute.filled());
        }
        handle(p, RESTART_COUNT).add(t, p.restarts);
        handle(p, READY).add(t, p.ready ? 1 : 0);
        // kube-state-metrics emits these only while true, with the reason as a label: a series per reason
        if (p.lastTerminatedReason != null)
            handle(p, p.lastTerminatedReason.equals(PodState.OOM_KILLED) ? LAST_TERMINATED_OOM : LAST_TERMINATED_ERROR).add(t, 1);
        if (p.waitingInBackOff()) handle(p, WAITING_BACK_OFF).add(t, 1);
        if (p.deployment.service != null && p.everStarted) {
            handle(p, HTTP_200).add(t, p.ok200);
            if (p.err500 > 0) handle(p, HTTP_500).add(t, p.err500);
            if (p.err504 > 0) handle(p, HTTP_504).add(t, p.err504);
            SlidingSums m = p.lastMinute;
            if (m.sum(PodState.REQ) > 0) handle(p, ERROR_RATIO).add(t, m.sum(PodState.ERR) / m.sum(PodState.REQ));
            if (m.sum(PodState.OK) > 0) handle(p, LATENCY_MEAN).add(t, m.sum(PodState.LATENCY_SUM) / m.sum(PodState.OK));
        }
    }

    private MetricStore.Handle handle(PodState p, int series) {
        MetricStore.Handle h = p.handles[series];
        if (h == null) {
            String ns = p.namespace, pod = p.name, container = p.spec.name();
            String service = p.deployment.service == null ? "" : p.deployment.service.spec.name();
            h = switch (series) {
                case MEMORY -> store.series(MEMORY_WORKING_SET, Map.of("namespace", ns, "pod", pod, "container", container));
                case CPU -> store.series(CPU_USAGE_SECONDS, Map.of("namespace", ns, "pod", pod, "container", container));
                case RESTART_COUNT -> store.series(RESTARTS, Map.of("namespace", ns, "pod", pod, "container", container));
                case READY -> store.series(POD_READY, Map.of("namespace", ns, "pod", pod, "condition", "true"));
                case LAST_TERMINATED_OOM -> store.series(LAST_TERMINATED_REASON,
                        Map.of("namespace", ns, "pod", pod, "container", container, "reason", PodState.OOM_KILLED));
                case LAST_TERMINATED_ERROR -> store.series(LAST_TERMINATED_REASON,
                        Map.of("namespace", ns, "pod", pod, "container", container, "reason", PodState.ERROR));
                case WAITING_BACK_OFF -> store.series(WAITING_REASON,
                        Map.of("namespace", ns, "pod", pod, "container", container, "reason", PodState.CRASH_LOOP_BACK_OFF));
                case HTTP_200 -> store.series(HTTP_REQUESTS, Map.of("namespace", ns, "service", service, "pod", pod, "code", "200"));
                case HTTP_500 -> store.series(HTTP_REQUESTS, Map.of("namespace", ns, "service", service, "pod", pod, "code", "500"));
                case HTTP_504 -> store.series(HTTP_REQUESTS, Map.of("namespace", ns, "service", service, "pod", pod, "code", "504"));
                case MEMORY_RATIO -> store.series(POD_MEMORY_RATIO, Map.of("namespace", ns, "pod", pod));
                case CPU_RATE -> store.series(POD_CPU_RATE, Map.of("namespace", ns, "pod", pod));
                case ERROR_RATIO -> store.series(POD_ERROR_RATIO, Map.of("namespace", ns, "service", service, "pod", pod));
                case LATENCY_MEAN -> store.series(POD_LATENCY_MEAN, Map.of("namespace", ns, "service", service, "pod", pod));
                default -> throw new IllegalStateException("no pod series " + series);
            };
            p.handles[series] = h;
        }
        return h;
    }
}
