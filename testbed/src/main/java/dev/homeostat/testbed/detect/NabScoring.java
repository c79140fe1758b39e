package dev.homeostat.testbed.detect;

import java.util.ArrayList;
import java.util.List;

/** NAB's scoring rules over one series and its alarm points; pure functions (see package-info for the rules). */
public final class NabScoring {
    /** Share of a file that is probationary, and the cap in rows ({@code 0.15 × 5000}). */
    public static final int PROBATION_PERCENT = 15;
    public static final int PROBATION_CAP = 750;

    private NabScoring() { }

    /** NAB's scaled sigmoid: {@code 2/(1+e^{5y}) − 1} for {@code y ≤ 3}, else {@code −1}. σ(−1) ≈ 0.9866, σ(0) = 0. */
    public static double scaledSigmoid(double y) {
        return y > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    /** Rows at the start of a series whose alarms are ignored: {@code min(floor(0.15 n), 750)}, in exact integer arithmetic. */
    public static int probationLength(int rows) {
        return (int) Math.min(PROBATION_PERCENT * (long) rows / 100, PROBATION_CAP);
    }

    /**
     * Scores {@code alarms} (one flag per row of {@code series}) with NAB's rules.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static SeriesScore score(NabSeries series, boolean[] alarms) {
        int n = series.size();
        if (alarms.length != n) {
            throw new IllegalArgumentException(series.name() + ": " + alarms.length + " alarm flags for " + n + " rows; give one per row");
        }
        int probation = probationLength(n);
        List<NabSeries.RowRange> windows = series.windowRows();
        long[] times = series.times();

        // Event-wise counts: runs of consecutive scored alarm points, matched when they overlap a window.
        int alarmPoints = 0, events = 0, matchedEvents = 0;
        for (int i = probation; i < n; i++) {
            if (!alarms[i]) continue;
            alarmPoints++;
            int end = i;
            while (end + 1 < n && alarms[end + 1]) end++;
            events++;
            if (overlapsAny(windows, i, end)) matchedEvents++;
            alarmPoints += end - i;
            i = end;
        }

        // NAB points: the earliest scored alarm of each window earns σ(−(right − i + 1)/width); later ones 0;
        // alarms outside every window cost σ(|prevRight − i|/(prevWidth − 1)), or −1 with no window before them.
        double tpCredit = 0, fpPenalty = 0;
        int detected = 0;
        var delays = new ArrayList<Double>();
        boolean[] credited = new boolean[windows.size()];
        int w = 0; // index of the first window whose last row is >= i
        for (int i = probation; i < n; i++) {
            while (w < windows.size() && windows.get(w).last() < i) w++;
            if (!alarms[i]) continue;
            if (w < windows.size() && windows.get(w).contains(i)) {
                NabSeries.RowRange win = windows.get(w);
                if (!credited[w]) { // rows ascend, so the first alarm met here is the window's earliest
                    credited[w] = true;
                    detected++;
                    tpCredit += scaledSigmoid(-(double) (win.last() - i + 1) / win.width());
                    delays.add((times[i] - series.windows().get(w).startMillis()) / 60_000.0);
                }
            } else if (w == 0) {
                fpPenalty += -1.0;
            } else {
                NabSeries.RowRange prev = windows.get(w - 1);
                // A one-row window has no extent to scale by; treat it as two rows wide rather than divide by zero.
                double denominator = Math.max(prev.width() - 1, 1);
                fpPenalty += scaledSigmoid(Math.abs(prev.last() - i) / denominator);
            }
        }
        long scoredMillis = probation < n ? times[n - 1] - times[probation] : 0;
        return new SeriesScore(series.name(), n, probation, windows.size(), alarmPoints, events, matchedEvents, detected,
                delays, tpCredit, fpPenalty, scoredMillis);
    }

    private static boolean overlapsAny(List<NabSeries.RowRange> windows, int first, int last) {
        for (var w : windows) if (w.first() <= last && first <= w.last()) return true;
        return false;
    }
}
