package dev.homeostat.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * Chaos Mesh's Schedule controller on the virtual clock: at which times a Schedule creates its experiment.
 * {@code Allow}: at every firing. {@code Forbid} (the default): a firing while the previous experiment still runs is
 * missed; when that experiment ends, the controller finds the latest missed firing and starts it at once if it lies
 * within {@code startingDeadlineSeconds} (0 or absent: no limit), as Chaos Mesh documents for this field (and as
 * Kubernetes' CronJob controller does).
 */
final class Firings {
    /** How long the experiment created at {@code startMs} runs (ms); it is created to find out. */
    interface Length {
        long of(int n, long startMs);
    }

    private Firings() { }

    /**
     * The start times (ms) of the experiments, in order, for firings in ({@code afterMs}, {@code untilMs}]; each start
     * is passed to {@code length} (which creates the experiment) before the next is decided.
     *
     * @param max  stop after this many; {@code max + 1} starts means "more than max"
     */
    static List<Long> starts(Cron cron, long afterMs, long untilMs, boolean forbid, Long startingDeadlineSeconds, int max, Length length) {
        var out = new ArrayList<Long>();
        long busyUntil = Long.MIN_VALUE;
        long t = cron.next(afterMs);
        while (t <= untilMs && out.size() <= max) {
            long start;
            if (!forbid || t >= busyUntil) {
                start = t;
                t = cron.next(t);
            } else {
                long missed = t;
                long next = cron.next(t);
                while (next < busyUntil) {
                    missed = next;
                    next = cron.next(next);
                }
                t = next;
                boolean inTime = startingDeadlineSeconds == null || startingDeadlineSeconds == 0
                        || busyUntil - missed <= startingDeadlineSeconds * 1000;
                // A firing exactly when the previous ends is on time, not a catch-up.
                if (!inTime || next == busyUntil || busyUntil > untilMs) continue;
                start = busyUntil;
            }
            out.add(start);
            busyUntil = start + length.of(out.size(), start);
        }
        return out;
    }
}
