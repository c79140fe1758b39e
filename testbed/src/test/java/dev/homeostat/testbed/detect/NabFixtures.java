package dev.homeostat.testbed.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Hand-built series and tiny on-disk corpora for the tests. */
final class NabFixtures {
    static final long MINUTE = 60_000L;
    static final long T0 = 1_400_000_000_000L; // 2014-05-13 16:53:20 UTC; any instant works

    private NabFixtures() { }

    /** {@code n} rows one minute apart, values all 0, with the given windows. */
    static NabSeries series(String name, int n, List<LabelWindow> windows) {
        long[] times = new long[n];
        for (int i = 0; i < n; i++) times[i] = T0 + i * MINUTE;
        return new NabSeries(name, times, new double[n], windows);
    }

    /** A window over rows [first, last] of a one-minute series (its limits are those rows' timestamps, as NAB requires). */
    static LabelWindow rows(int first, int last) {
        return new LabelWindow(T0 + first * MINUTE, T0 + last * MINUTE);
    }

    /** Anomaly scores of {@code n} rows: 0 except {@code rowAndScore} pairs (row, score, row, score, ...). */
    static double[] scores(int n, double... rowAndScore) {
        double[] s = new double[n];
        for (int i = 0; i < rowAndScore.length; i += 2) s[(int) rowAndScore[i]] = rowAndScore[i + 1];
        return s;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** {@code rows} CSV rows five minutes apart from 2014-04-01 00:00:00, value = row index. */
    static String csv(int rows) {
        var sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < rows; i++) {
            int minutes = i * 5;
            sb.append(String.format("2014-04-%02d %02d:%02d:00,%d%n", 1 + minutes / 1440, minutes % 1440 / 60, minutes % 60, i));
        }
        return sb.toString();
    }

    /**
     * A two-folder corpus: {@code a/with.csv} (40 rows, one window over rows 20–23) and {@code b/clean.csv}
     * (40 rows, no window). Returns the root holding {@code data/} and {@code labels.json}.
     */
    static Path tinyCorpus(Path root) throws IOException {
        write(root.resolve("data/a/with.csv"), csv(40));
        write(root.resolve("data/b/clean.csv"), csv(40));
        write(root.resolve("labels.json"), """
                {
                  "a/with.csv": [["2014-04-01 01:40:00.000000", "2014-04-01 01:55:00.000000"]],
                  "b/clean.csv": []
                }
                """);
        return root;
    }
}
