package dev.homeostat.testbed.detect;

/**
 * One labelled anomaly window of a NAB series: the closed interval [{@code startMillis}, {@code endMillis}]
 * in epoch milliseconds (UTC), as written in {@code combined_windows.json}.
 */
public record LabelWindow(long startMillis, long endMillis) {
    public LabelWindow {
        if (endMillis < startMillis) {
            throw new IllegalArgumentException("window: end " + NabTime.format(endMillis) + " is before start "
                    + NabTime.format(startMillis) + "; write [start, end] with start <= end");
        }
    }

    public boolean contains(long timeMillis) { return timeMillis >= startMillis && timeMillis <= endMillis; }

    @Override public String toString() { return "[" + NabTime.format(startMillis) + ", " + NabTime.format(endMillis) + "]"; }
}
