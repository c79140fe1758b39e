package dev.homeostat.detectors;

/**
 * The last {@code capacity} values in arrival order (a ring) mirrored in a sorted array, so the
 * median is O(1) and the MAD O(window) with no boxing. Insert and evict are a binary search plus
 * one {@code System.arraycopy}. Values must be finite.
 */
final class SortedWindow {
    private final double[] ring;
    private final double[] sorted;
    private int head;   // index of the oldest value in ring
    private int size;

    SortedWindow(int capacity) {
        ring = new double[capacity];
        sorted = new double[capacity];
    }

    int size() { return size; }
    int capacity() { return ring.length; }

    void add(double x) {
        x += 0.0; // folds -0.0 into 0.0 so the sorted order has one zero
        if (size == ring.length) {
            removeSorted(ring[head]);
            ring[head] = x;
            head = (head + 1) % ring.length;
        } else {
            ring[(head + size) % ring.length] = x;
            size++;
        }
        insertSorted(x);
    }

    void clear() { head = 0; size = 0; }

    /** Values strictly below {@code x}. */
    int countBelow(double x) { return Numbers.lowerBound(sorted, size, x); }

    /** Values at or below {@code x}. */
    int countAtMost(double x) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The i-th smallest value (0-based). */
    double get(int i) { return sorted[i]; }

    double median() { return Numbers.medianOfSorted(sorted, size); }

    double mad(double median) { return Numbers.madOfSorted(sorted, size, median); }

    double mean() {
        double sum = 0;
        for (int i = 0; i < size; i++) sum += sorted[i] / size;
        return sum;
    }

    /**
     * A standard-deviation estimate around {@code median} that survives quantized and heavy-tailed
     * metrics: the largest of 1.4826·MAD, 1.2533·mean absolute deviation and the 90th percentile of
     * |x − median| / 1.645 (all three consistent for normal data, so on clean noise they agree).
     * MAD alone collapses when more than half the window sits on one or two values (CPU shares like
     * 0.066/0.068 with a regular 0.134): every value off the mode would look 20 σ away, be flagged,
     * be left out of the window, and the scale would shrink further. The 90th percentile sees any
     * level that recurs in more than a tenth of the window. Measured on the NAB subset in
     * {@code ../shared/nab}, this halves mad's false alarms without losing a labelled window.
     */
    double robustSigma(double median) {
        return Numbers.robustSigmaOfSorted(sorted, size, median);
    }

    /** The values oldest first (for re-seeding another window). */
    double[] toArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = ring[(head + i) % ring.length];
        return out;
    }

    private void insertSorted(double x) {
        // size already counts x: the sorted prefix holds size - 1 values
        int n = size - 1;
        int at = Numbers.lowerBound(sorted, n, x);
        System.arraycopy(sorted, at, sorted, at + 1, n - at);
        sorted[at] = x;
    }

    private void removeSorted(double x) {
        int at = Numbers.lowerBound(sorted, size, x);
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
    }
}
