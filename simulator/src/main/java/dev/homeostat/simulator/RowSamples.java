package dev.homeostat.simulator;

import static dev.homeostat.simulator.Scraper.*;
import static dev.homeostat.simulator.metrics.MetricNames.LATENCY_BUCKETS;

import dev.homeostat.simulator.spec.ContainerSpec;

/**
 * The samples a pod's scrape takes from its {@link PodRows} row — CPU seconds and their rate1m, the request counters, the
 * duration histogram, the minute rules — laid out as a pod's run of {@link Scraper#POD_SERIES} slots. Pods that share a
 * row have the same ones, so the scrape works them out once per row and copies them into each pod's run in one go, then
 * writes what is the pod's own (memory, restarts, readiness, reasons) over it. A slot copied but not marked holds no
 * sample ({@code Batch.run}).
 */
final class RowSamples {
    /** The values, at their slots in a pod's run. */
    final double[] values = new double[POD_SERIES];
    /** Which of them are samples of a running container (CPU), and of a started pod behind a Service (traffic). */
    long cpu, traffic;
    /** Off: worked out for every pod afresh (tests compare the two). */
    boolean share = true;
    // what they were worked out for
    private double[] rows;
    private int row;
    private ContainerSpec spec;

    /** Forgets what they were worked out for: rows change between scrapes. */
    void forget() { rows = null; }

    /** Works them out for the row at {@code o} of {@code r} (of {@code pr}) and the pod's container, unless they are already. */
    void of(double[] r, int o, PodRows pr, ContainerSpec container) {
        if (share && r == rows && o == row && container == spec) return;
        rows = r;
        row = o;
        spec = container;
        double[] v = values;
        v[CPU] = r[o + PodRows.CPU_SECONDS];
        cpu = 1L << CPU;
        int filled = pr.filled(r, o);
        if (filled > 0) {
            double cores = r[o + PodRows.SUMS + PodState.CPU] / filled;
            v[CPU_RATE] = cores;
            cpu |= 1L << CPU_RATE;
            if (container.cpuRequest() > 0) {
                v[CPU_BUSY] = cores / container.cpuRequest();
                cpu |= 1L << CPU_BUSY;
            }
        }
        traffic = traffic(v, r, o);
    }

    /** The request counters, duration histogram and minute rules into {@code v}; returns the mask of those that are samples. */
    private static long traffic(double[] v, double[] r, int o) {
        long mask = 1L << HTTP_200 | DURATION_MASK | 1L << DURATION_COUNT;
        v[HTTP_200] = r[o + PodRows.OK200];
        int at = o + PodRows.DURATIONS;
        System.arraycopy(r, at, v, DURATION_BUCKET, PodState.DURATIONS);
        v[DURATION_COUNT] = r[at + LATENCY_BUCKETS.length];
        double err500 = r[o + PodRows.ERR500], err504 = r[o + PodRows.ERR504];
        v[HTTP_500] = err500;
        if (err500 > 0) mask |= 1L << HTTP_500;
        v[HTTP_504] = err504;
        if (err504 > 0) mask |= 1L << HTTP_504;
        int sums = o + PodRows.SUMS;
        double req = r[sums + PodState.REQ], ok = r[sums + PodState.OK];
        if (req > 0) {
            v[ERROR_RATIO] = r[sums + PodState.ERR] / req;
            mask |= 1L << ERROR_RATIO;
        }
        if (ok > 0) {
            v[LATENCY_MEAN] = r[sums + PodState.LATENCY_SUM] / ok;
            mask |= 1L << LATENCY_MEAN;
        }
        return mask;
    }
}
