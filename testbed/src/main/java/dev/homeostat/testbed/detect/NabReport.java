package dev.homeostat.testbed.detect;

import java.util.List;
import java.util.Locale;

/** Renders scored candidates as Markdown: NAB's table, the standard score per category, and the engine's view. */
public final class NabReport {
    private NabReport() { }

    public static String markdown(NabDataset dataset, List<NabScorer.Result> results, long seed) {
        var md = new StringBuilder();
        long clean = dataset.series().stream().filter(s -> s.windows().isEmpty()).count();
        md.append("# Detectors on NAB\n\n");
        md.append(String.format(Locale.ROOT, "%d files in %d categories (%d windows, %d anomaly-free files), %d rows; seed %d.%n",
                dataset.series().size(), dataset.categories().size(), dataset.windowCount(), clean, dataset.pointCount(), seed));
        for (String note : dataset.notes()) md.append("\nNote: ").append(note).append('.');
        for (String warning : dataset.warnings()) md.append("\nWarning: ").append(warning).append('.');
        md.append("""

                NAB's protocol: each detector scores every row in [0, 1]; per profile the threshold that maximises the \
                corpus score is swept from 1.1 down; a window counts its earliest row at or above it, weighted by NAB's \
                scaled sigmoid, rows outside windows cost by their distance from the window before; the first \
                min(15 %, 750) rows of each file are not scored. Normalised: 0 = the null detector, 100 = every window \
                at its first row.

                ## NAB scores

                | detector | standard | reward_low_FP_rate | reward_low_FN_rate | threshold (standard) | windows detected | FP rows |
                |---|--:|--:|--:|--:|--:|--:|
                """);
        for (NabScorer.Result r : results) {
            var std = r.profiles().get(NabProfile.STANDARD);
            boolean swept = !Double.isNaN(std.threshold());  // a mean over seeds has no threshold of its own
            md.append(row(cell(r.label()), fixed(std.normalised(), 1), fixed(r.profiles().get(NabProfile.REWARD_LOW_FP).normalised(), 1),
                    fixed(r.profiles().get(NabProfile.REWARD_LOW_FN).normalised(), 1), threshold(std.threshold()),
                    swept ? std.windowsDetected() + "/" + dataset.windowCount() : "n/a", swept ? Integer.toString(std.falsePositiveRows()) : "n/a"));
        }
        List<String> categories = dataset.categories();
        md.append("\n## Standard score per category (at the corpus threshold)\n\n| detector | ")
                .append(String.join(" | ", categories)).append(" |\n|---|").append("--:|".repeat(categories.size())).append('\n');
        for (NabScorer.Result r : results) {
            if (r.categories().isEmpty()) continue;
            var cells = new java.util.ArrayList<String>();
            cells.add(cell(r.label()));
            for (String c : categories) cells.add(fixed(r.categories().getOrDefault(c, Double.NaN), 1));
            md.append(row(cells.toArray(String[]::new)));
        }
        md.append("""

                ## The engine's view (each detector's own alarm flag)

                | detector | windows with an alarm | false alarm onsets | per day |
                |---|--:|--:|--:|
                """);
        for (NabScorer.Result r : results) {
            var e = r.engine();
            if (e == null) continue;
            md.append(row(cell(r.label()), e.windowsWithAlarm() + "/" + e.scoredWindows(), Integer.toString(e.falseOnsets()),
                    fixed(e.falseOnsetsPerDay(), 2)));
        }
        return md.toString();
    }

    private static String threshold(double t) {
        return Double.isNaN(t) ? "n/a" : String.format(Locale.ROOT, "%.6g", t);
    }

    private static String row(String... cells) { return "| " + String.join(" | ", cells) + " |\n"; }

    private static String cell(String text) { return text.replace("|", "\\|"); }

    /** Undefined figures (no windows) print as n/a rather than NaN. */
    static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
