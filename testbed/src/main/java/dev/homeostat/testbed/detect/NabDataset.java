package dev.homeostat.testbed.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * @param series the series, sorted by name
 * @param notes  human-readable remarks about the load (skipped label folders), for the report
 */
public record NabDataset(List<NabSeries> series, List<String> notes) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAMES_IN_ERROR = 10;

    public NabDataset {
        series = List.copyOf(series);
        notes = List.copyOf(notes);
    }

    public int windowCount() { return series.stream().mapToInt(s -> s.windows().size()).sum(); }

    public int pointCount() { return series.stream().mapToInt(NabSeries::size).sum(); }

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
        Map<String, List<LabelWindow>> labels = readLabels(labelsFile);
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
        var series = new ArrayList<NabSeries>();
        for (var e : files.entrySet()) series.add(readSeries(e.getKey(), e.getValue(), labels.get(e.getKey()), labelsFile));
        return new NabDataset(series, notes);
    }

    private static Map<String, List<LabelWindow>> readLabels(Path labelsFile) {
        JsonNode root;
        try {
            root = JSON.readTree(labelsFile.toFile());
        } catch (JsonProcessingException e) {
            throw new NabDataException(labelsFile, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON (" + e.getOriginalMessage() + "); expected {\"folder/file.csv\": [[start, end], ...], ...}");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + labelsFile, e);
        }
        if (root == null || !root.isObject()) {
            throw new NabDataException(labelsFile, 0, "expected a JSON object {\"folder/file.csv\": [[start, end], ...], ...}");
        }
        var labels = new LinkedHashMap<String, List<LabelWindow>>();
        for (var field : root.properties()) {
            String key = field.getKey();
            JsonNode list = field.getValue();
            if (!list.isArray()) throw new NabDataException(labelsFile, 0, "'" + key + "': expected a list of [start, end] windows, got " + list.getNodeType());
            var windows = new ArrayList<LabelWindow>();
            for (JsonNode pair : list) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                    throw new NabDataException(labelsFile, 0, "'" + key + "': window " + pair + " is not [\"start\", \"end\"] (YYYY-MM-DD HH:MM:SS.ffffff)");
                }
                Long start = NabTime.parse(pair.get(0).asText());
                Long end = NabTime.parse(pair.get(1).asText());
                if (start == null || end == null) {
                    throw new NabDataException(labelsFile, 0, "'" + key + "': window " + pair + " has a timestamp that is not YYYY-MM-DD HH:MM:SS[.ffffff]");
                }
                try {
                    windows.add(new LabelWindow(start, end));
                } catch (IllegalArgumentException e) {
                    throw new NabDataException(labelsFile, 0, "'" + key + "': " + e.getMessage());
                }
            }
            labels.put(key, windows);
        }
        return labels;
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

    private static NabSeries readSeries(String name, Path file, List<LabelWindow> windows, Path labelsFile) {
        var times = new LongList();
        var values = new DoubleList();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header != null && header.startsWith("\uFEFF")) header = header.substring(1);
            if (header == null || !header.trim().equalsIgnoreCase("timestamp,value")) {
                throw new NabDataException(file, 1, "header must be 'timestamp,value', was '" + header + "'");
            }
            int lineNo = 1;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != 2) throw new NabDataException(file, lineNo, "expected 2 cells 'timestamp,value', found " + cells.length + ": '" + line + "'");
                Long t = NabTime.parse(cells[0]);
                if (t == null) throw new NabDataException(file, lineNo, "timestamp '" + cells[0] + "' is not YYYY-MM-DD HH:MM:SS");
                if (times.size > 0 && t < times.last()) {
                    throw new NabDataException(file, lineNo, "timestamp '" + cells[0] + "' is earlier than the row before it; sort the rows by time");
                }
                double v;
                try {
                    v = Double.parseDouble(cells[1].trim());
                } catch (NumberFormatException e) {
                    throw new NabDataException(file, lineNo, "value '" + cells[1] + "' is not a number");
                }
                times.add(t);
                values.add(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (times.size == 0) throw new NabDataException(file, 0, "no data rows after the header");
        try {
            return new NabSeries(name, times.toArray(), values.toArray(), windows);
        } catch (NabDataException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // Windows that do not fit the data (empty, overlapping) are a labels problem.
            throw new NabDataException(labelsFile, 0, e.getMessage());
        }
    }

    private static String folderOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    private static String names(List<String> keys) {
        var shown = String.join(", ", keys.subList(0, Math.min(keys.size(), MAX_NAMES_IN_ERROR)));
        return keys.size() > MAX_NAMES_IN_ERROR ? shown + ", … (" + (keys.size() - MAX_NAMES_IN_ERROR) + " more)" : shown;
    }

    // Growable primitive arrays: NAB files reach ~20k rows, boxing them all is wasteful.
    private static final class LongList {
        long[] a = new long[1024];
        int size;
        void add(long v) { if (size == a.length) a = java.util.Arrays.copyOf(a, size * 2); a[size++] = v; }
        long last() { return a[size - 1]; }
        long[] toArray() { return java.util.Arrays.copyOf(a, size); }
    }

    private static final class DoubleList {
        double[] a = new double[1024];
        int size;
        void add(double v) { if (size == a.length) a = java.util.Arrays.copyOf(a, size * 2); a[size++] = v; }
        double[] toArray() { return java.util.Arrays.copyOf(a, size); }
    }
}
