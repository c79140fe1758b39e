package dev.homeostat.testbed.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One labelled NAB series: its name ({@code folder/file.csv}), the timestamps (epoch ms, UTC, in time
 * order), the values, and its anomaly windows (sorted, non-overlapping, each holding at least one row).
 * A series without windows is anomaly-free. The arrays are owned by the record: do not modify them.
 */
public record NabSeries(String name, long[] times, double[] values, List<LabelWindow> windows) {
    public NabSeries {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("series: name is required (folder/file.csv)");
        if (times == null || values == null) throw new IllegalArgumentException(name + ": times and values are required");
        if (times.length != values.length) {
            throw new IllegalArgumentException(name + ": " + times.length + " timestamps but " + values.length + " values; give one value per timestamp");
        }
        if (times.length == 0) throw new IllegalArgumentException(name + ": no data rows; a series needs at least one row");
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                throw new IllegalArgumentException(name + ": row " + i + " (" + NabTime.format(times[i]) + ") is earlier than the row before it; sort the rows by time");
            }
        }
        windows = windows == null ? List.of() : windows.stream().sorted(Comparator.comparingLong(LabelWindow::startMillis)).toList();
        for (int w = 0; w < windows.size(); w++) {
            LabelWindow window = windows.get(w);
            if (w > 0 && window.startMillis() <= windows.get(w - 1).endMillis()) {
                throw new IllegalArgumentException(name + ": windows " + windows.get(w - 1) + " and " + window + " overlap; merge them into one window");
            }
            if (firstRowAtOrAfter(times, window.startMillis()) > lastRowAtOrBefore(times, window.endMillis())) {
                throw new IllegalArgumentException(name + ": window " + window + " contains no data row; it must cover at least one timestamp of the series");
            }
        }
    }

    public int size() { return times.length; }

    /** Rows [first, last] (inclusive) of each window, in window order. */
    public List<RowRange> windowRows() {
        var rows = new ArrayList<RowRange>(windows.size());
        for (LabelWindow w : windows) rows.add(new RowRange(firstRowAtOrAfter(times, w.startMillis()), lastRowAtOrBefore(times, w.endMillis())));
        return rows;
    }

    /** Inclusive row indices of one window; {@code width} is NAB's window length in rows. */
    public record RowRange(int first, int last) {
        public int width() { return last - first + 1; }
        public boolean contains(int row) { return row >= first && row <= last; }
    }

    private static int firstRowAtOrAfter(long[] times, long t) {
        int lo = 0, hi = times.length; // first index with times[i] >= t
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (times[mid] < t) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int lastRowAtOrBefore(long[] times, long t) {
        int lo = 0, hi = times.length; // first index with times[i] > t, minus one
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (times[mid] <= t) lo = mid + 1; else hi = mid; }
        return lo - 1;
    }

    // Arrays compare by content so that two loads of the same files are equal.
    @Override public boolean equals(Object o) {
        return o instanceof NabSeries s && name.equals(s.name) && Arrays.equals(times, s.times)
                && Arrays.equals(values, s.values) && windows.equals(s.windows);
    }

    @Override public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(times); }

    @Override public String toString() { return name + " (" + times.length + " points, " + windows.size() + " windows)"; }
}
