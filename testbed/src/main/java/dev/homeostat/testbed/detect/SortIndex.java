package dev.homeostat.testbed.detect;

/**
 * Row indices ordered by a key, for the threshold sweep over every row of a corpus (~300,000 rows, once per
 * detector and profile): a stable bottom-up merge sort on primitive arrays, because boxing every index into
 * a {@code List<Integer>} to use a comparator costs more than the sweep itself.
 */
final class SortIndex {
    private SortIndex() { }

    /** Indices of {@code keys} from the largest key to the smallest; equal keys keep their order. */
    static int[] descending(double[] keys) {
        int n = keys.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) b[k++] = keys[a[j]] > keys[a[i]] ? a[j++] : a[i++];
                while (i < mid) b[k++] = a[i++];
                while (j < hi) b[k++] = a[j++];
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
