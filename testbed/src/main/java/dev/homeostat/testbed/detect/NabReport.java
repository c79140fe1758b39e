package dev.homeostat.testbed.detect;

import java.util.List;
import java.util.Locale;

/** Renders an evaluation as Markdown: one per-file table per candidate, then the overall table. */
public final class NabReport {
    private NabReport() { }

    public static String markdown(NabDataset dataset, List<DetectorScore> scores, long seed) {
        var md = new StringBuilder();
        long clean = dataset.series().stream().filter(s -> s.windows().isEmpty()).count();
        md.append("# Detector evaluation on NAB\n\n");
        md.append(String.format(Locale.ROOT, "%d files (%d labelled windows; %d anomaly-free files), %d points; seed %d.%n",
                dataset.series().size(), dataset.windowCount(), clean, dataset.pointCount(), seed));
        for (String note : dataset.notes()) md.append("\nNote: ").append(note).append('.');
        if (!dataset.notes().isEmpty()) md.append('\n');
        md.append("""

                Alarms are events: runs of consecutive alarm points after the probationary period \
                (first min(15%, 750) rows). TP = detected windows, FP = alarm events outside every window, \
                FN = missed windows. Precision = alarm events overlapping a window / alarm events; \
                alarm % = share of scored points that alarm (an alarm held for hours is one event). \
                Delay = first alarm − window start, in minutes. NAB scores are normalised: 0 = no alarms, 100 = perfect.
                """);
        for (DetectorScore score : scores) {
            md.append("\n## Per file: ").append(cell(score.label())).append("\n\n");
            md.append("| file | points | windows | alarms | TP | FP | FN | precision | recall | F1 | delay median (min) | delay p90 (min) |\n");
            md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            for (SeriesScore f : score.files()) {
                md.append(row(cell(f.name()), Integer.toString(f.points()), Integer.toString(f.windows()),
                        Integer.toString(f.alarmEvents()), Integer.toString(f.detectedWindows()), Integer.toString(f.falseEvents()),
                        Integer.toString(f.missedWindows()), fixed(f.precision(), 3), fixed(f.recall(), 3), fixed(f.f1(), 3),
                        fixed(Metrics.percentile(f.delaysMinutes(), 0.5), 1), fixed(Metrics.percentile(f.delaysMinutes(), 0.9), 1)));
            }
        }
        md.append("\n## Overall\n\n");
        md.append("| detector | precision | recall | F1 | delay median (min) | delay p90 (min) | FA/day (clean) | alarm % | NAB standard | NAB low FP | NAB low FN |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (DetectorScore score : scores) {
            var o = score.overall();
            md.append(row(cell(score.label()), fixed(o.precision(), 3), fixed(o.recall(), 3), fixed(o.f1(), 3),
                    fixed(o.delayMedianMinutes(), 1), fixed(o.delayP90Minutes(), 1), fixed(o.falseAlarmsPerDay(), 2), fixed(100 * o.alarmRate(), 2),
                    fixed(o.nab().get(NabProfile.STANDARD), 1), fixed(o.nab().get(NabProfile.REWARD_LOW_FP), 1),
                    fixed(o.nab().get(NabProfile.REWARD_LOW_FN), 1)));
        }
        return md.toString();
    }

    private static String row(String... cells) { return "| " + String.join(" | ", cells) + " |\n"; }

    private static String cell(String text) { return text.replace("|", "\\|"); }

    /** Undefined figures (no alarms, no windows) print as n/a rather than NaN. */
    static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
