package dev.homeostat.testbed.train;

import dev.homeostat.detectors.FailureFeatures;
import dev.homeostat.detectors.FailureModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Trains the failure-mode classifier from labelled windows and measures it honestly first.
 *
 * <p>Windows of one run overlap and look alike, so a random split would test a model on near copies
 * of its training rows. With windows from two or more seeds, cross-validation holds out whole seeds
 * (fold = seed rank mod k): every fold is a run the model has never seen, as in production. With a
 * single seed the folds interleave windows and the report says the figure is optimistic.
 * The final model is then fitted on every window; its out-of-bag accuracy is printed too.
 */
public final class Trainer {
    private Trainer() { }

    /** Forest size, seed and the number of cross-validation folds (0 = none). */
    public record Options(int trees, long seed, int folds) {
        public Options {
            if (trees < 1) throw new IllegalArgumentException("--trees: must be >= 1, was " + trees + " (e.g. --trees 100)");
            if (folds < 0 || folds == 1) throw new IllegalArgumentException("--folds: must be 0 (none) or >= 2, was " + folds + " (e.g. --folds 5)");
        }
    }

    /** The model and the text report (class counts, cross-validated accuracy and confusion, OOB accuracy). */
    public record Result(FailureModel model, String report, double crossValidatedAccuracy) { }

    /** Every {@code *.windows.csv} under the folders (recursively, sorted by path); IllegalArgumentException when a folder has none. */
    public static List<Path> windowFiles(List<Path> dirs) {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--from " + dir + ": no such folder; give a folder holding *" + WindowExporter.SUFFIX + " files");
            try (Stream<Path> walk = Files.walk(dir)) {
                List<Path> found = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(WindowExporter.SUFFIX)).sorted().toList();
                if (found.isEmpty()) throw new IllegalArgumentException("--from " + dir + ": no *" + WindowExporter.SUFFIX + " files in this folder; export windows from a run first");
                files.addAll(found);
            } catch (IOException e) {
                throw new IllegalArgumentException("--from " + dir + ": cannot list folder: " + e.getMessage(), e);
            }
        }
        return files;
    }

    /** Reads the files; every file must hold windows of one length, the same in all files. */
    public static List<LabelledWindow> readAll(List<Path> files) {
        List<LabelledWindow> all = new ArrayList<>();
        Integer length = null;
        Path lengthFrom = null;
        for (Path f : files) {
            List<LabelledWindow> windows = WindowExporter.read(f);
            for (LabelledWindow w : windows) {
                if (length == null) { length = w.length(); lengthFrom = f; }
                else if (w.length() != length)
                    throw new IllegalArgumentException(f + ": windows of " + w.length() + " samples, but " + lengthFrom + " has windows of " + length
                            + "; export every run with the same --window");
            }
            all.addAll(windows);
        }
        if (all.isEmpty()) throw new IllegalArgumentException(files.isEmpty() ? "no windows files given" : "no windows in " + files + "; export longer runs");
        return all;
    }

    public static Result train(List<LabelledWindow> windows, Options options, String source) {
        if (windows.isEmpty()) throw new IllegalArgumentException(source + ": no windows to train on");
        int length = windows.getFirst().length();
        var counts = new TreeMap<String, Integer>();
        for (LabelledWindow w : windows) counts.merge(w.label(), 1, Integer::sum);
        if (counts.size() < 2)
            throw new IllegalArgumentException(source + ": every window is labelled '" + counts.firstKey()
                    + "'; a classifier needs at least two classes (runs with a fault, and pods or times without one)");
        List<String> classes = List.copyOf(counts.keySet());
        var report = new StringBuilder();
        var runs = new TreeSet<String>();
        windows.forEach(w -> runs.add(w.scenario() + "#" + w.seed()));
        report.append(String.format(Locale.ROOT, "windows: %d from %d runs, %d samples each%n", windows.size(), runs.size(), length));
        int majority = counts.values().stream().max(Integer::compare).orElseThrow();
        counts.forEach((c, n) -> report.append(String.format(Locale.ROOT, "  %-24s %6d%n", c, n)));

        double cvAccuracy = Double.NaN;
        if (options.folds() > 0) {
            var seeds = new TreeSet<Long>();
            windows.forEach(w -> seeds.add(w.seed()));
            List<Long> seedList = List.copyOf(seeds);
            boolean bySeed = seeds.size() >= 2;
            int k = bySeed ? Math.min(options.folds(), seeds.size()) : Math.min(options.folds(), windows.size());
            int[] fold = new int[windows.size()];
            for (int i = 0; i < fold.length; i++) fold[i] = bySeed ? seedList.indexOf(windows.get(i).seed()) % k : i % k;
            int[][] confusion = new int[classes.size()][classes.size()];
            int right = 0, tested = 0;
            for (int f = 0; f < k; f++) {
                List<LabelledWindow> train = new ArrayList<>(), test = new ArrayList<>();
                for (int i = 0; i < fold.length; i++) (fold[i] == f ? test : train).add(windows.get(i));
                if (test.isEmpty() || train.stream().map(LabelledWindow::label).distinct().count() < 2) continue;
                FailureModel m = fit(train, length, options.trees(), options.seed() + 1 + f, Map.of());
                for (LabelledWindow w : test) {
                    String predicted = m.predict(w.features()).label();
                    confusion[classes.indexOf(w.label())][classes.indexOf(predicted)]++;
                    if (predicted.equals(w.label())) right++;
                    tested++;
                }
            }
            if (tested > 0) {
                cvAccuracy = (double) right / tested;
                report.append(String.format(Locale.ROOT, "cross-validation: %d folds %s: accuracy %.3f (majority class alone: %.3f)%n", k,
                        bySeed ? "by seed (each fold = runs never seen in training)" : "interleaved (one seed: optimistic, windows overlap)",
                        cvAccuracy, (double) majority / windows.size()));
                report.append(confusionTable(classes, confusion));
            }
        }
        var info = new LinkedHashMap<String, String>();
        info.put("trees", Integer.toString(options.trees()));
        info.put("seed", Long.toString(options.seed()));
        info.put("windows", Integer.toString(windows.size()));
        info.put("runs", Integer.toString(runs.size()));
        if (!Double.isNaN(cvAccuracy)) info.put("cvAccuracy", String.format(Locale.ROOT, "%.4f", cvAccuracy));
        FailureModel model = fit(windows, length, options.trees(), options.seed(), info);
        report.append(String.format(Locale.ROOT, "final model: %d trees on all %d windows, out-of-bag accuracy %.3f%n",
                options.trees(), windows.size(), model.outOfBagAccuracy()));
        return new Result(model, report.toString(), cvAccuracy);
    }

    private static FailureModel fit(List<LabelledWindow> windows, int length, int trees, long seed, Map<String, String> info) {
        double[][] x = new double[windows.size()][];
        List<String> y = new ArrayList<>(windows.size());
        for (int i = 0; i < x.length; i++) {
            x[i] = windows.get(i).features();
            y.add(windows.get(i).label());
        }
        return FailureModel.train(FailureFeatures.NAMES, x, y, length, trees, seed, info);
    }

    /** Rows: true class; columns: predicted class (numbered as the rows); then recall and precision per class. */
    static String confusionTable(List<String> classes, int[][] confusion) {
        int width = Math.max(16, classes.stream().mapToInt(String::length).max().orElse(5) + 4);
        var sb = new StringBuilder("confusion (rows: true class, columns: predicted, numbered as the rows):\n");
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s", "true \\ predicted"));
        for (int j = 0; j < classes.size(); j++) sb.append(String.format(Locale.ROOT, " %7s", "(" + (j + 1) + ")"));
        sb.append("  recall precision\n");
        for (int i = 0; i < classes.size(); i++) {
            int rowSum = 0, colSum = 0;
            for (int j = 0; j < classes.size(); j++) { rowSum += confusion[i][j]; colSum += confusion[j][i]; }
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s", "(" + (i + 1) + ") " + classes.get(i)));
            for (int j = 0; j < classes.size(); j++) sb.append(String.format(Locale.ROOT, " %7d", confusion[i][j]));
            sb.append(String.format(Locale.ROOT, "  %6s %9s%n", ratio(confusion[i][i], rowSum), ratio(confusion[i][i], colSum)));
        }
        return sb.toString();
    }

    private static String ratio(int a, int b) { return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", (double) a / b); }
}
