package dev.homeostat.simulator;

import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.spec.ContainerSpec;
import java.util.List;

/**
 * What one serving pod's traffic step adds (README "Traffic model"): to its counters, duration histogram and minute
 * window, to its callees' load and to the step's sums. {@link TrafficStep} works it out, then adds it to the pod.
 *
 * <p>A Deployment's quiet pods (no traffic effect) with the same container, GC factor and stolen cores get the same
 * outcome in a step, so the step works it out once and adds it to each of them: the additions are the same values in
 * the same order as when each pod worked out its own, so the sums are bit-identical. The fields before {@link #ok}
 * are the inputs it was worked out for; the step forgets them when it starts ({@link #forget}).
 */
final class PodOutcome {
    private ContainerSpec spec;
    private long gcBits, stolenBits;

    // ---- the traffic effects folded (README "Traffic effects"), before the queueing model: fold() or quiet() sets them
    double serviceTime, pass, fail500, fail504, duplicate, offset, ioShare, ioDelay;
    private final double[] linkDropped = new double[1];

    // ---- the additions, in the order TrafficStep.apply makes them
    /** Requests answered 200 (after the calls' failures); requests timed out (late + dropped, 504). */
    double ok, late504;
    /** Under calls: the attempts per callee, and the requests whose calls failed (504s, 500s, all). */
    boolean calling;
    double[] calleeLoad = new double[4];
    double callErr504, callErr500, callErr;
    /** Errors of the step, ok × latency, the latency, the arrival rate (Little), the cores busy. */
    double errors, latencySum, latency, arrivalRate, cpu;
    /** The duration histogram's additions, one row per latency component (two with partly slow IO): {@code rows} rows of {@link PodState#DURATIONS}. */
    int rows;
    final boolean[] rowAnswered = new boolean[2];
    final double[] durations = new double[2 * PodState.DURATIONS];
    /** With partly slow IO: the requests that waited on it, and their wait. */
    boolean slowIo;
    double ioDelayed, ioWaitSeconds;
    /** The step's p99 components (weight, mean, offset), whether one is shifted, the latency cap, the slow requests. */
    final double[] weight = new double[2], mean = new double[2], shift = new double[2];
    boolean shifted;
    double cap, slow;

    /** Forgets the inputs: a new step (arrivals, added latency, call plan) changes every outcome. */
    void forget() { spec = null; }

    /** Whether it has been worked out in this step. */
    boolean workedOut() { return spec != null; }

    /** Whether this is the outcome of a quiet pod with these inputs, worked out in this step. */
    boolean workedOutFor(ContainerSpec c, double gc, double stolenCores) {
        return c == spec && Double.doubleToRawLongBits(gc) == gcBits && Double.doubleToRawLongBits(stolenCores) == stolenBits;
    }

    /** Marks this the outcome of quiet pods with these inputs (see {@link #workedOutFor}). */
    void remember(ContainerSpec c, double gc, double stolenCores) {
        spec = c;
        gcBits = Double.doubleToRawLongBits(gc);
        stolenBits = Double.doubleToRawLongBits(stolenCores);
    }

    /** The step's p99 component {@code i}: {@code weight} requests of latency {@code shift} + Exponential({@code mean}). */
    void component(int i, double weight, double mean, double shift) {
        this.weight[i] = weight;
        this.mean[i] = mean;
        this.shift[i] = shift;
    }

    /** Adds this outcome to a pod's row ({@code at} in {@code r}, see {@link PodRows}): counters, duration histogram, last arrivals and latency. */
    void addTo(double[] r, int at) {
        if (calling) {
            r[at + PodRows.ERR504] += callErr504;
            r[at + PodRows.ERR500] += callErr500;
        }
        r[at + PodRows.OK200] += ok;
        r[at + PodRows.ERR504] += late504;
        r[at + PodRows.ERR500] += fail500;
        r[at + PodRows.LATENCY_SECONDS] += latencySum;
        r[at + PodRows.LAST_ARRIVALS] = arrivalRate;
        r[at + PodRows.LAST_LATENCY] = latency;
        int d = at + PodRows.DURATIONS, sum = d + MetricNames.LATENCY_BUCKETS.length + 1;
        addDurationsTo(r, d);
        for (int row = 0, from = MetricNames.LATENCY_BUCKETS.length + 1; row < rows; row++, from += PodState.DURATIONS) r[sum] += durations[from];
        if (slowIo) {
            r[at + PodRows.IO_DELAYED] += ioDelayed;
            r[at + PodRows.IO_WAIT_SECONDS] += ioWaitSeconds;
        }
    }

    /** Adds the duration histogram's additions, its buckets then +Inf (not the sum), to {@code to} from {@code at}. */
    void addDurationsTo(double[] to, int at) {
        int buckets = MetricNames.LATENCY_BUCKETS.length;
        for (int row = 0, from = 0; row < rows; row++, from += PodState.DURATIONS) {
            if (rowAnswered[row]) for (int b = 0; b < buckets; b++) to[at + b] += durations[from + b];
            to[at + buckets] += durations[from + buckets];
        }
    }

    /** As {@link #addDurationsTo(double[], int)}, {@code pods} times: the outcome pods sharing a row all took. */
    void addDurationsTo(double[] to, int at, int pods) {
        int buckets = MetricNames.LATENCY_BUCKETS.length;
        for (int row = 0, from = 0; row < rows; row++, from += PodState.DURATIONS) {
            if (rowAnswered[row]) for (int b = 0; b < buckets; b++) to[at + b] += pods * durations[from + b];
            to[at + buckets] += pods * durations[from + buckets];
        }
    }

    /** No traffic effect: every request of the pod's {@code share} reaches the server. */
    void quiet(double share, double serviceTime) {
        this.serviceTime = serviceTime;
        pass = share;
        fail500 = fail504 = duplicate = offset = ioShare = ioDelay = 0;
    }

    /** Folds the pod's active effects (README "Traffic effects"): failures first, then the link, then the server. */
    void fold(List<TrafficEffect> effects, double share, double serviceTime, double dt) {
        quiet(share, serviceTime);
        double keepErr = 1, keepLoss = 1, rate = Double.POSITIVE_INFINITY, limit = 0, bytes = 0;
        boolean blackHole = false;
        for (TrafficEffect e : effects) {
            switch (e) {
                case TrafficEffect.Delay delay -> offset += delay.draw();
                case TrafficEffect.Errors x -> {
                    if (x.timeout()) keepLoss *= 1 - x.share(); else keepErr *= 1 - x.share();
                }
                case TrafficEffect.Duplicate x -> duplicate += x.share();
                case TrafficEffect.BlackHole b -> blackHole = true;
                case TrafficEffect.Bandwidth b -> {
                    // two limits on one pod: the narrower one governs
                    if (bytes == 0 || b.bytesPerSecond() / b.bytesPerRequest() < rate / bytes) {
                        rate = b.bytesPerSecond();
                        limit = b.limitBytes();
                        bytes = b.bytesPerRequest();
                    }
                }
                case TrafficEffect.SlowIo io -> {
                    this.serviceTime += io.seconds() * io.share();
                    // a share of the requests waits the whole delay (the tail), the others none: kept apart by the step
                    if (io.share() < 1 && ioShare == 0) {
                        ioShare = io.share();
                        ioDelay = io.seconds();
                    }
                }
            }
        }
        if (blackHole) {
            fail504 = share;
            pass = 0;
        } else {
            fail500 = share * (1 - keepErr);
            fail504 = share * keepErr * (1 - keepLoss);
            pass = share * keepErr * keepLoss;
        }
        if (bytes > 0 && pass > 0) {
            offset += TrafficModel.linkDelay(pass / dt, rate, limit, bytes, linkDropped);
            fail504 += linkDropped[0] * dt;
            pass -= linkDropped[0] * dt;
        }
    }
}
