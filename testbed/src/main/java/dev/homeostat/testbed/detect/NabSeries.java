package dev.homeostat.testbed.detect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One labelled NAB series: its name ({@code folder/file.csv}), the timestamps (epoch ms, UTC) and values
 * in file order — as NAB reads them, a real file may step back in time — and its anomaly windows (sorted,
 * non-overlapping, each starting and ending on a timestamp of the file, as NAB's labeler requires). A
 * series without windows is anomaly-free. The arrays are owned by the record: do not modify them.
 */
public record NabSeries(String name, long[] times, double[] values, List<LabelWindow> windows) {
    public NabSeries {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("series: name is required (folder/file.csv)");
        if (times == null || values == null) throw new IllegalArgumentException(name + ": times and values are required");
        if (times.length != values.length) {
            throw new IllegalArgumentException(name + ": " + times.length + " timestamps but " + values.length + " values; give one value per timestamp");
        }
        if (times.length == 0) throw new IllegalArgumentException(name + ": no data rows; a series needs at least one row");
        windows = windows == null ? List.of() : windows.stream().sorted(Comparator.comparingLong(LabelWindow::startMillis)).toList();
        for (int w = 0; w < windows.size(); w++) {
            LabelWindow window = windows.get(w);
            if (w > 0 && window.startMillis() <= windows.get(w - 1).endMillis()) {
                throw new IllegalArgumentException(name + ": windows " + windows.get(w - 1) + " and " + window
                        + " overlap or touch; merge them into one window");
            }
            for (long limit : new long[] {window.startMillis(), window.endMillis()}) {
                if (indexOf(times, limit) < 0) {
                    throw new IllegalArgumentException(name + ": window " + window + ": " + NabTime.format(limit)
                            + " is not a timestamp of the file; NAB needs window limits that are exactly row timestamps");
                }
            }
        }
    }

    public int size() { return times.length; }

    /** NAB's probationary period: the first {@code min(floor(0.15 n), 750)} rows, whose scores are not scored. */
    public int probation() { return NabSweeper.probationLength(times.length); }

    /** Per row, 1 when its timestamp lies in a window (NAB's {@code label} column, by time, not by position). */
    public int[] labels() {
        int[] labels = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            for (LabelWindow w : windows) {
                if (w.contains(times[i])) {
                    labels[i] = 1;
                    break;
                }
            }
        }
        return labels;
    }

    /** The first row (in file order) with this timestamp, or −1 (Python's {@code list.index}, as NAB's sweeper uses it). */
    static int indexOf(long[] times, long t) {
        for (int i = 0; i < times.length; i++) if (times[i] == t) return i;
        return -1;
    }

    /** The folder part of the name: NAB's category ({@code realTweets}). */
    public String category() {
        int slash = name.indexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    // Arrays compare by content so that two loads of the same files are equal.
    @Override public boolean equals(Object o) {
        return o instanceof NabSeries s && name.equals(s.name) && Arrays.equals(times, s.times)
                && Arrays.equals(values, s.values) && windows.equals(s.windows);
    }

    @Override public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(times); }

    @Override public String toString() { return name + " (" + times.length + " points, " + windows.size() + " windows)"; }
}
