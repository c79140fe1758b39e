package dev.homeostat.simulator.metrics;

/** The Prometheus metric names the simulator scrapes: raw series and the recording rules over them. */
public final class MetricNames {
    private MetricNames() { }

    // raw (cAdvisor, kube-state-metrics, the application/mesh)
    public static final String MEMORY_WORKING_SET = "container_memory_working_set_bytes";
    public static final String CPU_USAGE_SECONDS = "container_cpu_usage_seconds_total";
    public static final String RESTARTS = "kube_pod_container_status_restarts_total";
    /** 1 for the reason of the container's last termination (label {@code reason}: OOMKilled, Error); absent before the first. */
    public static final String LAST_TERMINATED_REASON = "kube_pod_container_status_last_terminated_reason";
    /** 1 while the container waits (label {@code reason}; the simulator reports CrashLoopBackOff only); absent otherwise. */
    public static final String WAITING_REASON = "kube_pod_container_status_waiting_reason";
    public static final String POD_READY = "kube_pod_status_ready";
    public static final String DEPLOYMENT_AVAILABLE = "kube_deployment_status_replicas_available";
    public static final String HTTP_REQUESTS = "http_requests_total";
    /**
     * Request durations, a classic Prometheus histogram per pod as the application exposes it (labels
     * namespace, service, pod; {@code _bucket} also le — the bounds {@link #LATENCY_BUCKETS} and +Inf): the
     * requests the pod answered, and those that timed out (in +Inf only, counted at the client timeout in
     * {@code _sum}). deploy/engine/base/prometheus-rules.yaml turns it into the p99 and mean-latency rules.
     */
    public static final String REQUEST_DURATION = "http_request_duration_seconds";
    public static final String REQUEST_DURATION_BUCKET = REQUEST_DURATION + "_bucket";
    public static final String REQUEST_DURATION_SUM = REQUEST_DURATION + "_sum";
    public static final String REQUEST_DURATION_COUNT = REQUEST_DURATION + "_count";
    /** The histogram's finite upper bounds, seconds: the Prometheus client libraries' defaults (plus +Inf). */
    public static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /**
     * Calls between services as Istio's sidecars count them ({@code reporter="source"}): labels
     * source_workload(_namespace), destination_service_name/_namespace, destination_workload, response_code
     * (200, 503 fast failure, 504 deadline exceeded). Attempts, retries included: what the engine reads
     * the call graph from, live as in simulation.
     */
    public static final String MESH_REQUESTS = "istio_requests_total";

    // recording rules (rate1m = over the last 60 s)
    public static final String POD_MEMORY_RATIO = "pod:container_memory_working_set_bytes:ratio_limit";
    public static final String POD_CPU_RATE = "pod:container_cpu_usage:rate1m";
    /**
     * A Deployment's available replicas over the fewest replicas it wanted in the last 2 min
     * ({@code kube_deployment_status_replicas_available / min_over_time(kube_deployment_spec_replicas[2m])}): pods lost
     * show at once, a scale-up only if its new pods take longer than 2 min to become available.
     */
    public static final String DEPLOYMENT_AVAILABLE_RATIO = "deployment:replicas_available:ratio";
    /** CPU used over the container's CPU requests, as the HPA computes utilization: how busy a pod is. */
    public static final String POD_CPU_BUSY = "pod:container_cpu_usage:ratio_request";
    /**
     * The working set 15 min ahead over the memory limit, extrapolated from the last 5 min (PromQL {@code predict_linear});
     * only while the working set is already past {@link #MEMORY_PREDICTION_FROM} of the limit: a pod heading for an OOM kill.
     */
    public static final String POD_MEMORY_PREDICTED = "pod:container_memory_working_set_bytes:predict_ratio_15m";
    /**
     * The working set 1 h ahead over the memory limit, extrapolated from the last hour ({@code predict_linear}); from
     * {@link #MEMORY_PREDICTION_FROM} of the limit, as {@link #POD_MEMORY_PREDICTED}: a slow leak, hours from its OOM
     * kill, crosses 1 here while the 15-minute prediction still sees room, before garbage collection near the limit
     * slows its requests. Not recorded in a container's first hour.
     */
    public static final String POD_MEMORY_PREDICTED_1H = "pod:container_memory_working_set_bytes:predict_ratio_1h";
    /** The share of the memory limit from which {@link #POD_MEMORY_PREDICTED} and {@link #POD_MEMORY_PREDICTED_1H} are recorded. */
    public static final double MEMORY_PREDICTION_FROM = 0.6;
    public static final String POD_ERROR_RATIO = "pod:http_request_errors:ratio_rate1m";
    public static final String POD_LATENCY_MEAN = "pod:http_request_duration_seconds:mean_rate1m";
    public static final String SERVICE_ERROR_RATIO = "service:http_request_errors:ratio_rate1m";
    public static final String SERVICE_LATENCY_P99 = "service:http_request_duration_seconds:p99_rate1m";
}
