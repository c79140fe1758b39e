package dev.homeostat.detectors;

/** Small linear-algebra and selection routines the nearest-neighbour detectors need per observation, without allocation. */
final class Select {
    private Select() { }

    /** Moves the {@code k} smallest of {@code a[0, n)} to {@code a[0, k)} (in no particular order): quickselect, O(n) on average. */
    static void smallest(double[] a, int n, int k) {
        if (k <= 0 || k >= n) return;
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            double pivot = median3(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    double t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k - 1 <= j) hi = j;
            else if (k - 1 >= i) lo = i;
            else return;
        }
    }

    private static double median3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * The lower-triangular Cholesky factor of the symmetric matrix whose lower triangle is {@code a}, or null
     * when it is not (numerically) positive definite: a pivot at or below 1e-12 of the largest diagonal entry.
     */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double maxDiag = 0;
        for (int i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i][i]));
        if (!(maxDiag > 0) || !Double.isFinite(maxDiag)) return null;
        double[][] l = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c <= r; c++) {
                double s = a[r][c];
                for (int j = 0; j < c; j++) s -= l[r][j] * l[c][j];
                if (r == c) {
                    if (!(s > 1e-12 * maxDiag)) return null;
                    l[r][r] = Math.sqrt(s);
                } else {
                    l[r][c] = s / l[c][c];
                }
            }
        }
        return l;
    }
}
