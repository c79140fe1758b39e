package dev.homeostat.testbed.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A labelled NAB corpus: every {@code data/<folder>/<file>.csv} with its windows from
 * {@code combined_windows.json}, sorted by name.
 *
 * <p>Matching data and labels: a data file absent from the labels is an error (an unlabelled file is
 * not known to be anomaly-free). A labelled file missing from data is an error when its folder exists
 * in data; a labelled folder that is absent from data altogether is skipped and listed in
 * {@link #notes()}, because the labels file of the full benchmark is routinely used with a subset of
 * its folders (as in {@code /work/shared/nab}).
 *
 * @param series   the series, sorted by name
 * @param notes    remarks about the load (skipped label folders), for the report
 * @param warnings things a user may want to fix but that NAB accepts (rows that step back in time), one line each
 */
public record NabDataset(List<NabSeries> series, List<String> notes, List<String> warnings) {
    private static final int MAX_NAMES_IN_ERROR = 10;

    public NabDataset {
        series = List.copyOf(series);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    public int windowCount() { return series.stream().mapToInt(s -> s.windows().size()).sum(); }

    public int pointCount() { return series.stream().mapToInt(NabSeries::size).sum(); }

    /** The categories (data folders), sorted. */
    public List<String> categories() { return series.stream().map(NabSeries::category).distinct().sorted().toList(); }

    /**
     * Loads every CSV under {@code dataDir/<folder>/} and its windows from {@code labelsFile}.
     *
     * @throws NabDataException naming the file (and line) on bad input
     */
    public static NabDataset load(Path dataDir, Path labelsFile) {
        if (!Files.isDirectory(dataDir)) {
            throw new NabDataException(dataDir, 0, "data folder not found; pass NAB's data folder, which holds <folder>/<file>.csv");
        }
        if (!Files.isRegularFile(labelsFile)) {
            throw new NabDataException(labelsFile, 0, "labels file not found; pass NAB's labels/combined_windows.json");
        }
        Map<String, List<NabLabels.Window>> labels = NabLabels.read(labelsFile);
        Map<String, Path> files = listDataFiles(dataDir);
        if (files.isEmpty()) throw new NabDataException(dataDir, 0, "no <folder>/<file>.csv found; pass NAB's data folder");

        var unlabelled = files.keySet().stream().filter(k -> !labels.containsKey(k)).toList();
        if (!unlabelled.isEmpty()) {
            throw new NabDataException(labelsFile, 0, unlabelled.size() + " data file(s) have no entry in the labels: " + names(unlabelled)
                    + "; add them (with [] for an anomaly-free file) or remove them from " + dataDir);
        }
        var folders = new TreeSet<String>();
        files.keySet().forEach(k -> folders.add(folderOf(k)));
        var missing = new ArrayList<String>();
        var skippedFolders = new TreeMap<String, Integer>();
        for (String key : labels.keySet()) {
            if (files.containsKey(key)) continue;
            if (folders.contains(folderOf(key))) missing.add(key);
            else skippedFolders.merge(folderOf(key), 1, Integer::sum);
        }
        if (!missing.isEmpty()) {
            throw new NabDataException(dataDir, 0, missing.size() + " labelled file(s) are missing from the data: " + names(missing)
                    + "; restore them, or remove their entries from " + labelsFile);
        }

        var notes = new ArrayList<String>();
        skippedFolders.forEach((folder, count) -> notes.add("labels list " + count + " file(s) in folder '" + folder
                + "', which is absent from the data folder: skipped (a subset of the benchmark)"));
        var warnings = new ArrayList<String>();
        var series = new ArrayList<NabSeries>();
        for (var e : files.entrySet()) {
            NabCsv.Rows rows = NabCsv.read(e.getValue(), warnings);
            series.add(withWindows(e.getKey(), rows, labels.get(e.getKey()), labelsFile));
        }
        return new NabDataset(series, notes, warnings);
    }

    /** The series with its windows; a window that does not fit the rows is a labels error on the window's line. */
    private static NabSeries withWindows(String name, NabCsv.Rows rows, List<NabLabels.Window> windows, Path labelsFile) {
        var sorted = new ArrayList<>(windows);
        sorted.sort(java.util.Comparator.comparingLong(w -> w.window().startMillis()));
        for (int i = 0; i < sorted.size(); i++) {
            // one window, then each with the one before it: the series' own checks, with the culprit's line
            List<LabelWindow> check = i == 0 ? List.of(sorted.get(i).window()) : List.of(sorted.get(i - 1).window(), sorted.get(i).window());
            try {
                new NabSeries(name, rows.times(), rows.values(), check);
            } catch (IllegalArgumentException e) {
                throw new NabDataException(labelsFile, sorted.get(i).line(), e.getMessage());
            }
        }
        return new NabSeries(name, rows.times(), rows.values(), sorted.stream().map(NabLabels.Window::window).toList());
    }

    /** {@code folder/file.csv} → path, for every CSV exactly one level below {@code dataDir}. */
    private static Map<String, Path> listDataFiles(Path dataDir) {
        var files = new TreeMap<String, Path>();
        try (Stream<Path> folders = Files.list(dataDir)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                try (Stream<Path> csvs = Files.list(folder)) {
                    csvs.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv"))
                            .forEach(p -> files.put(folder.getFileName() + "/" + p.getFileName(), p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dataDir, e);
        }
        return files;
    }

    private static String folderOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    private static String names(List<String> keys) {
        var shown = String.join(", ", keys.subList(0, Math.min(keys.size(), MAX_NAMES_IN_ERROR)));
        return keys.size() > MAX_NAMES_IN_ERROR ? shown + ", … (" + (keys.size() - MAX_NAMES_IN_ERROR) + " more)" : shown;
    }
}
