package dev.homeostat.reports;

import java.util.Arrays;
import java.util.Objects;

/**
 * One metric over a run for the timeline chart, e.g. {@code checkout error ratio}: {@code times} in ms since the
 * run started (non-decreasing), {@code values} of the same length. NaN values leave a gap in the line.
 * {@code sloThreshold}, when set, is where the metric breaks its SLO (the error ratio the availability objective
 * allows, the latency objective in seconds): the chart draws it as a line. The arrays are copied in and out, so a
 * series cannot change after it is built.
 */
public record TimelineSeries(String name, long[] times, double[] values, Double sloThreshold) {
    public TimelineSeries(String name, long[] times, double[] values) {
        this(name, times, values, null);
    }

    public TimelineSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(values, "values");
        if (times.length != values.length) {
            throw new IllegalArgumentException("timeline series " + name + ": " + times.length + " times but "
                    + values.length + " values; give one value per time");
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                throw new IllegalArgumentException("timeline series " + name + ": times[" + i + "] = " + times[i]
                        + " is before times[" + (i - 1) + "] = " + times[i - 1] + "; sort the samples by time");
            }
        }
        times = times.clone();
        values = values.clone();
    }

    @Override
    public long[] times() {
        return times.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int size() {
        return times.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimelineSeries other && name.equals(other.name) && Objects.equals(sloThreshold, other.sloThreshold)
                && Arrays.equals(times, other.times) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sloThreshold, Arrays.hashCode(times), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TimelineSeries[" + name + ", " + times.length + " samples]";
    }
}
