package dev.homeostat.simulator;

import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.spec.ContainerSpec;

/**
 * A traffic step's memos of the per-pod work a Deployment's pods usually share (README "Performance"): each keeps its
 * last result and the inputs it was worked out for, compared bit for bit, so most pods of a step reuse the first one's.
 * What they hand out is, bit for bit, what the model works out afresh (TrafficStepMemoTest).
 */
final class StepMemos {
    // the last service time worked out (serviceTime) and its inputs, raw bits
    private ContainerSpec stSpec;
    private long stGc, stStolen, stExtra;
    private double stValue;
    // the last TrafficModel.serve outcome (serve) and its inputs; with the pod's latency cap and cpu share
    private ContainerSpec servedSpec;
    private long servedArrivals, servedServiceTime;
    private final double[] servedMemo = new double[4];
    /** Read right after {@link #serve}: the latency cap and cpu share of its inputs. */
    double servedCap, servedCpuShare;
    // the share of requests slower than the SLO threshold for the last latency seen, and that latency and threshold (raw bits)
    private long slowMean = -1, slowOffset = -1, slowThreshold = -1;
    private double slowShare = Double.NaN;
    // the duration histogram's per-bucket shares for the last latency seen
    private final double[] cdf = new double[MetricNames.LATENCY_BUCKETS.length];
    private double cdfMean = Double.NaN, cdfOffset = Double.NaN;

    /**
     * A pod's effective service time, seconds (README "Traffic model"), kept for the last inputs seen: the pods of a
     * Deployment usually share their container, GC factor, stolen cores and the step's added time, so most pods of a
     * step reuse the first one's instead of working it out again.
     */
    double serviceTime(ContainerSpec c, double gc, double stolenCores, double extra) {
        if (c != stSpec || Double.doubleToRawLongBits(gc) != stGc || Double.doubleToRawLongBits(stolenCores) != stStolen
                || Double.doubleToRawLongBits(extra) != stExtra) {
            stSpec = c;
            stGc = Double.doubleToRawLongBits(gc);
            stStolen = Double.doubleToRawLongBits(stolenCores);
            stExtra = Double.doubleToRawLongBits(extra);
            double serviceTime = c.serviceTime().toNanos() / 1e9 * gc * TrafficModel.cpuFactor(stolenCores, c.cpuRequest());
            if (extra > 0) serviceTime += extra;
            stValue = serviceTime;
        }
        return stValue;
    }

    /**
     * {@link TrafficModel#serve}'s results (read them before the next call), with the pod's latency cap and cpu share
     * beside them, kept for the last arrivals, service time and container seen: the pods of a Deployment share their
     * arrivals in a step.
     */
    double[] serve(double arrivals, double serviceTime, ContainerSpec c) {
        if (c != servedSpec || Double.doubleToRawLongBits(arrivals) != servedArrivals
                || Double.doubleToRawLongBits(serviceTime) != servedServiceTime) {
            servedSpec = c;
            servedArrivals = Double.doubleToRawLongBits(arrivals);
            servedServiceTime = Double.doubleToRawLongBits(serviceTime);
            TrafficModel.serve(arrivals, serviceTime, c.concurrency(), servedMemo);
            servedCap = TrafficModel.latencyCap(serviceTime);
            servedCpuShare = Math.max(c.cpuRequest(), TrafficModel.MIN_CPU_SHARE);
        }
        return servedMemo;
    }

    /**
     * {@link TrafficModel#slowerThan(double, double, double, double)} with its exponential kept for the last latency
     * and threshold seen: a Deployment's pods usually share them, so the step computes it once, not once per pod.
     */
    double slowerThan(double ok, double mean, double offset, double threshold) {
        if (threshold <= offset) return ok;
        if (Double.doubleToRawLongBits(mean) != slowMean || Double.doubleToRawLongBits(offset) != slowOffset
                || Double.doubleToRawLongBits(threshold) != slowThreshold) {
            slowMean = Double.doubleToRawLongBits(mean);
            slowOffset = Double.doubleToRawLongBits(offset);
            slowThreshold = Double.doubleToRawLongBits(threshold);
            slowShare = Math.exp(-(threshold - offset) / mean);
        }
        return ok * slowShare;
    }

    /**
     * The share of requests of latency {@code offset} + Exponential({@code mean}) at or below each bound le of
     * {@code MetricNames.LATENCY_BUCKETS}, 1 − exp(−(le − offset)/mean): kept for the last latency seen (read it before
     * the next call).
     */
    double[] shares(double mean, double offset) {
        if (mean != cdfMean || offset != cdfOffset) {
            double[] bounds = MetricNames.LATENCY_BUCKETS;
            cdfMean = mean;
            cdfOffset = offset;
            for (int b = 0; b < bounds.length; b++) cdf[b] = bounds[b] > offset ? -Math.expm1(-(bounds[b] - offset) / mean) : 0;
        }
        return cdf;
    }
}
