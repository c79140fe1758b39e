package dev.homeostat.testbed.detect;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One candidate's results: per series, and over the corpus. */
public record DetectorScore(String label, List<SeriesScore> files) {
    public DetectorScore {
        files = List.copyOf(files);
    }

    public Overall overall() { return Overall.of(files); }

    /**
     * Corpus-wide figures: event counts and delays pooled over all series (micro-averaged), false alarm
     * events per day over the anomaly-free series, and NAB scores normalised per profile.
     */
    public record Overall(int points, int scoredPoints, int alarmPoints, int windows, int alarmEvents, int matchedEvents, int detectedWindows,
                          double precision, double recall, double f1, double delayMedianMinutes, double delayP90Minutes,
                          int cleanSeries, int cleanFalseEvents, double falseAlarmsPerDay, Map<NabProfile, Double> nab) {
        public Overall {
            nab = Map.copyOf(nab);
        }

        /**
         * Share of scored points that alarm. Event-wise precision cannot see an alarm held for hours (it is
         * one event), so the tables show this beside it: the {@code always} baseline scores 100%.
         */
        public double alarmRate() { return Metrics.ratio(alarmPoints, scoredPoints); }

        static Overall of(List<SeriesScore> files) {
            int points = 0, scored = 0, alarmPoints = 0, windows = 0, events = 0, matched = 0, detected = 0, clean = 0, cleanEvents = 0;
            long cleanMillis = 0;
            var delays = new java.util.ArrayList<Double>();
            for (SeriesScore f : files) {
                points += f.points();
                scored += f.points() - f.probation();
                alarmPoints += f.alarmPoints();
                windows += f.windows();
                events += f.alarmEvents();
                matched += f.matchedEvents();
                detected += f.detectedWindows();
                delays.addAll(f.delaysMinutes());
                if (f.anomalyFree()) {
                    clean++;
                    cleanEvents += f.alarmEvents();
                    cleanMillis += f.scoredMillis();
                }
            }
            var nab = new EnumMap<NabProfile, Double>(NabProfile.class);
            for (NabProfile p : NabProfile.values()) {
                double raw = files.stream().mapToDouble(f -> f.nabRaw(p)).sum();
                nab.put(p, normalisedNab(p, raw, windows));
            }
            double precision = Metrics.ratio(matched, events);
            double recall = Metrics.ratio(detected, windows);
            double perDay = cleanMillis == 0 ? Double.NaN : cleanEvents / (cleanMillis / 86_400_000.0);
            return new Overall(points, scored, alarmPoints, windows, events, matched, detected, precision, recall, Metrics.f1(precision, recall),
                    Metrics.percentile(delays, 0.5), Metrics.percentile(delays, 0.9), clean, cleanEvents, perDay, nab);
        }
    }

    /**
     * {@code 100 × (raw − null)/(perfect − null)}: null = no alarms (−fn per window), perfect = every window
     * detected at its first row (tp·σ(−1) per window). NaN when the corpus has no windows.
     */
    public static double normalisedNab(NabProfile profile, double raw, int windows) {
        double nullScore = -profile.fn() * windows;
        double perfect = profile.tp() * NabScoring.scaledSigmoid(-1.0) * windows;
        return windows == 0 ? Double.NaN : 100.0 * (raw - nullScore) / (perfect - nullScore);
    }
}
