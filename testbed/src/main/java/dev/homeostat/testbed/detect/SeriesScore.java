package dev.homeostat.testbed.detect;

import java.util.List;

/**
 * A detector's result on one series.
 *
 * @param points          rows in the file
 * @param probation       leading rows whose alarms are ignored
 * @param windows         labelled windows
 * @param alarmPoints     scored rows whose verdict was anomalous
 * @param alarmEvents     runs of consecutive scored alarm points
 * @param matchedEvents   alarm events that overlap a window
 * @param detectedWindows windows with a scored alarm inside them (the TP count)
 * @param delaysMinutes   per detected window, first alarm − window start, in minutes
 * @param tpCredit        Σ σ(−(right − i + 1)/width) over detected windows (unweighted NAB credit)
 * @param fpPenalty       Σ of the (negative) unweighted NAB scores of alarm points outside windows
 * @param scoredMillis    time from the first scored row to the last row (for false alarms per day)
 */
public record SeriesScore(String name, int points, int probation, int windows, int alarmPoints, int alarmEvents,
                          int matchedEvents, int detectedWindows, List<Double> delaysMinutes,
                          double tpCredit, double fpPenalty, long scoredMillis) {
    public SeriesScore {
        delaysMinutes = List.copyOf(delaysMinutes);
    }

    /** Alarm events that overlap no window (the FP count). */
    public int falseEvents() { return alarmEvents - matchedEvents; }

    /** Windows without a scored alarm (the FN count). */
    public int missedWindows() { return windows - detectedWindows; }

    public boolean anomalyFree() { return windows == 0; }

    /** Matched alarm events / alarm events; NaN without alarm events. */
    public double precision() { return Metrics.ratio(matchedEvents, alarmEvents); }

    /** Detected windows / windows; NaN without windows. */
    public double recall() { return Metrics.ratio(detectedWindows, windows); }

    public double f1() { return Metrics.f1(precision(), recall()); }

    /** NAB's raw score of this series under {@code profile}. */
    public double nabRaw(NabProfile profile) {
        return profile.tp() * tpCredit + profile.fp() * fpPenalty - profile.fn() * missedWindows();
    }
}
