package dev.homeostat.simulator;

/**
 * The fluid traffic model's equations (see README "Traffic model"). Pure arithmetic, no objects per
 * request: a pod with arrival rate λ, effective service time s and concurrency c has utilisation
 * ρ = λ·s/c; below saturation its response time is exponential with mean s/(1−ρ) (the M/M/1
 * sojourn time), capped; at or above saturation it serves c/s per second and the rest time out.
 */
final class TrafficModel {
    private TrafficModel() { }

    /** Mean latency never exceeds this many service times (queues are bounded in practice) ... */
    static final double LATENCY_CAP_SERVICE_TIMES = 50;
    /** ... nor the client timeout, seconds. */
    static final double REQUEST_TIMEOUT_S = 10;
    /** Working set share of the limit above which garbage collection slows requests. */
    static final double GC_PRESSURE_START = 0.8;
    /** Slow-down at the limit. */
    static final double GC_MAX_FACTOR = 10;
    /** A container's cpu share is its request, but never less than this (a best-effort pod still gets some cpu). */
    static final double MIN_CPU_SHARE = 0.1;
    /** Idle cpu of a running container, cores. */
    static final double IDLE_CORES = 0.002;
    /** p99 of an exponential latency in means: ln(100). */
    static final double P99_OF_EXPONENTIAL = Math.log(100);

    // indexes into the result array of serve()
    static final int OK = 0, TIMEOUTS = 1, MEAN_LATENCY = 2, UTILISATION = 3;

    /** GC slow-down for working set / limit = {@code ratio}: 1 up to 80 %, then quadratic up to 10× at 100 %. */
    static double gcFactor(double ratio) {
        if (ratio <= GC_PRESSURE_START) return 1;
        double x = Math.min(1, (ratio - GC_PRESSURE_START) / (1 - GC_PRESSURE_START));
        return 1 + (GC_MAX_FACTOR - 1) * x * x;
    }

    /** CPU stress stealing {@code stolenCores} from a container whose share is {@code cpuRequest}: service time × (1 + stolen/share). */
    static double cpuFactor(double stolenCores, double cpuRequest) {
        return 1 + stolenCores / Math.max(cpuRequest, MIN_CPU_SHARE);
    }

    static double latencyCap(double serviceTimeS) {
        return Math.max(serviceTimeS, Math.min(LATENCY_CAP_SERVICE_TIMES * serviceTimeS, REQUEST_TIMEOUT_S));
    }

    /** One pod for one second: fills {@code out} with served requests, timed-out requests, mean latency (s) and utilisation. */
    static void serve(double arrivals, double serviceTimeS, int concurrency, double[] out) {
        double rho = arrivals * serviceTimeS / concurrency;
        double cap = latencyCap(serviceTimeS);
        if (rho < 1) {
            out[OK] = arrivals;
            out[TIMEOUTS] = 0;
            out[MEAN_LATENCY] = Math.min(serviceTimeS / (1 - rho), cap);
        } else {
            double capacity = concurrency / serviceTimeS;
            out[OK] = capacity;
            out[TIMEOUTS] = arrivals - capacity;
            out[MEAN_LATENCY] = cap;
        }
        out[UTILISATION] = Math.min(rho, 1);
    }

    /**
     * The 99th percentile of a mix of exponential latencies: {@code weights[i]} requests with mean
     * {@code means[i]}, plus {@code timeouts} requests at {@code cap}. Solves
     * Σ wᵢ·exp(−x/mᵢ) = 1 % of all requests by Newton's method started from below (the function is
     * convex and decreasing, so the iterates climb monotonically to the root).
     */
    static double p99(double[] weights, double[] means, int n, double timeouts, double cap) {
        double total = timeouts;
        double maxMean = 0, minMean = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (weights[i] <= 0) continue;
            total += weights[i];
            maxMean = Math.max(maxMean, means[i]);
            minMean = Math.min(minMean, means[i]);
        }
        if (total <= 0) return 0;
        double target = 0.01 * total;
        if (timeouts >= target) return cap;
        target -= timeouts;
        if (maxMean == minMean) return Math.min(cap, maxMean * Math.log((total - timeouts) / target));
        double x = 0;
        for (int i = 0; i < n; i++) if (weights[i] > target) x = Math.max(x, means[i] * Math.log(weights[i] / target));
        for (int iter = 0; iter < 30; iter++) {
            double f = -target, df = 0;
            for (int i = 0; i < n; i++) {
                if (weights[i] <= 0) continue;
                double e = weights[i] * Math.exp(-x / means[i]);
                f += e;
                df -= e / means[i];
            }
            if (f <= target * 1e-9 || df == 0) break;
            x -= f / df;
        }
        return Math.min(cap, x);
    }

    /** Requests slower than {@code threshold} seconds among {@code ok} requests of exponential latency with mean {@code mean}. */
    static double slowerThan(double ok, double mean, double threshold) {
        return ok * Math.exp(-threshold / mean);
    }

    /**
     * As {@link #p99(double[], double[], int, double, double)} for latencies shifted by a constant
     * {@code offsets[i]} (a network or HTTP delay on top of the queue): requests of pod i are slower
     * than x with probability 1 for x < dᵢ, else exp(−(x − dᵢ)/mᵢ). That survival sum is continuous
     * and non-increasing but not convex at the kinks, so it is solved by bisection, not Newton.
     */
    static double p99(double[] weights, double[] means, double[] offsets, int n, double timeouts, double cap) {
        boolean shifted = false;
        for (int i = 0; i < n; i++) if (offsets[i] > 0 && weights[i] > 0) shifted = true;
        if (!shifted) return p99(weights, means, n, timeouts, cap);
        double total = timeouts;
        for (int i = 0; i < n; i++) if (weights[i] > 0) total += weights[i];
        if (total <= 0) return 0;
        double target = 0.01 * total;
        if (timeouts >= target) return cap;
        target -= timeouts;
        if (survivors(weights, means, offsets, n, cap) > target) return cap;
        double lo = 0, hi = cap;
        for (int iter = 0; iter < 50; iter++) {
            double mid = (lo + hi) / 2;
            if (survivors(weights, means, offsets, n, mid) > target) lo = mid; else hi = mid;
        }
        return hi;
    }

    private static double survivors(double[] weights, double[] means, double[] offsets, int n, double x) {
        double f = 0;
        for (int i = 0; i < n; i++) if (weights[i] > 0) f += slowerThan(weights[i], means[i], offsets[i], x);
        return f;
    }

    /** Requests slower than {@code threshold} among {@code ok} requests of latency {@code offset} + exponential({@code mean}). */
    static double slowerThan(double ok, double mean, double offset, double threshold) {
        if (threshold <= offset) return ok;
        return ok * Math.exp(-(threshold - offset) / mean);
    }

    /** A packet at the usual Ethernet MTU: a bandwidth queue shorter than this cannot hold one. */
    static final double PACKET_BYTES = 1_500;

    /**
     * The bandwidth limit as a queue in front of the pod: a token bucket of {@code rate} bytes/s with a queue of
     * {@code limit} bytes. Below the rate, an M/M/1 delay (b/r)/(1 − ρ) with ρ = λ·b/r, never more than a full queue
     * (limit + b)/r; at or above it, the excess is dropped (written to {@code out[0]}) and the rest waits a full queue:
     * the flows' TCP adapts to a queue it can use, so what the link cannot carry fails, the rest slows. A queue shorter
     * than one packet (tc's {@code limit} is bytes; manifests that mean packets write 100) can hold nothing: a request
     * that finds the link busy is lost, even below the rate — ρ/(1 + ρ) of them (M/M/1/1) — and the rest waits only
     * its time on the wire. Returns the added latency in seconds.
     */
    static double linkDelay(double arrivals, double rate, double limit, double bytesPerRequest, double[] out) {
        double capacity = rate / bytesPerRequest;
        double rho = arrivals / capacity;
        if (limit < PACKET_BYTES) {
            out[0] = arrivals * rho / (1 + rho);
            return bytesPerRequest / rate;
        }
        double full = (limit + bytesPerRequest) / rate;
        if (rho >= 1) {
            out[0] = arrivals - capacity;
            return full;
        }
        out[0] = 0;
        return Math.min(full, (bytesPerRequest / rate) / (1 - rho));
    }
}
