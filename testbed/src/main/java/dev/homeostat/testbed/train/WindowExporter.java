package dev.homeostat.testbed.train;

import dev.homeostat.detectors.FailureFeatures;
import dev.homeostat.detectors.FailureModel;
import dev.homeostat.reports.AtomicFiles;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.metrics.Series;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labelled windows from a simulator run, for training the failure-mode classifier.
 *
 * <p>Each pod's timeline is the scrape times of its {@code kube_pod_status_ready} series (scraped
 * every interval while the pod exists, even when its container is down). At each time the raw
 * observation is the {@link FailureFeatures#SIGNALS} vector (NaN where a series has no sample), and
 * every {@code step} samples the last {@code length} observations become one window whose features
 * are {@link FailureFeatures#of} — the function the {@code classifier} detector calls while serving.
 *
 * <p>Label: the kind of the first fault (journal order) whose window [start, end) contains the
 * window's end time and which covers the pod, else {@code normal}. A fault covers the pods it lists
 * as targets; an application fault ({@code app/...}, e.g. a memory leak) acts on the whole
 * Deployment, pods started during it included, so it also covers every pod of its deployments and
 * services. (A Chaos Mesh fault in mode {@code one} lists its Deployment too, but only the chosen pod
 * is hurt: labelling its siblings would teach the model that healthy pods are failing.)
 *
 * <p>CSV: header {@code scenario,seed,pod,end_ms,window,label,<features>}, one window per line,
 * numbers in Java's shortest round-trip form, {@code \n} line ends: same run → same bytes.
 */
public final class WindowExporter {
    private WindowExporter() { }

    /** The file name the exporter gives one run's windows; {@code homeostat train --from} reads every such file under a folder. */
    public static final String SUFFIX = ".windows.csv";

    static final List<String> KEY_COLUMNS = List.of("scenario", "seed", "pod", "end_ms", "window", "label");

    /** The header line (without line end). */
    public static String header() {
        var cols = new ArrayList<>(KEY_COLUMNS);
        cols.addAll(FailureFeatures.NAMES);
        return String.join(",", cols);
    }

    /** {@code <scenario>-seed<N>.windows.csv}. */
    public static String fileName(String scenario, long seed) { return scenario + "-seed" + seed + SUFFIX; }

    /** Metric name of each raw signal, in {@link FailureFeatures#SIGNALS} order (the same strings, from the simulator's constants). */
    static final List<String> METRICS = List.of(MetricNames.POD_MEMORY_RATIO, MetricNames.POD_CPU_RATE, MetricNames.POD_ERROR_RATIO,
            MetricNames.POD_LATENCY_MEAN, MetricNames.RESTARTS, MetricNames.POD_READY);

    public static List<LabelledWindow> windows(MetricStore metrics, Journal journal, WindowSpec spec) {
        List<Fault> faults = faults(journal);
        // pod ref → signal → series; pod ref → service ref (from the request metrics' service label)
        Map<String, Series[]> bySignal = new TreeMap<>();
        Map<String, String> serviceOf = new HashMap<>();
        for (int s = 0; s < METRICS.size(); s++) {
            for (Series series : metrics.range(METRICS.get(s), 0, Long.MAX_VALUE)) {
                String ns = series.labels().get("namespace"), pod = series.labels().get("pod");
                if (ns == null || pod == null) continue;
                String ref = ns + "/" + pod;
                bySignal.computeIfAbsent(ref, k -> new Series[METRICS.size()])[s] = series;
                String service = series.labels().get("service");
                if (service != null && !service.isEmpty()) serviceOf.put(ref, ns + "/" + service);
            }
        }
        List<LabelledWindow> out = new ArrayList<>();
        for (var e : bySignal.entrySet()) {
            String pod = e.getKey();
            Series[] signals = e.getValue();
            Series ready = signals[FailureFeatures.READY];
            if (ready == null) continue;
            long[] times = ready.times();
            double[][] rows = new double[times.length][];
            int[] cursor = new int[signals.length];
            for (int i = 0; i < times.length; i++) {
                rows[i] = new double[signals.length];
                for (int s = 0; s < signals.length; s++) rows[i][s] = sampleAt(signals[s], times[i], cursor, s);
            }
            String deployment = deploymentOf(pod);
            String service = serviceOf.get(pod);
            for (int end = spec.length() - 1; end < times.length; end += spec.step()) {
                double[] features = FailureFeatures.of(Arrays.copyOfRange(rows, end - spec.length() + 1, end + 1));
                String label = label(faults, pod, deployment, service, times[end]);
                out.add(new LabelledWindow(journal.scenario(), journal.seed(), pod, times[end], spec.length(), label, features));
            }
        }
        return out;
    }

    /** The value of {@code series} at exactly {@code t} (scrapes of one instant share it), NaN when it has none; cursors only move forward. */
    private static double sampleAt(Series series, long t, int[] cursor, int s) {
        if (series == null) return Double.NaN;
        long[] times = series.times();
        int i = cursor[s];
        while (i < times.length && times[i] < t) i++;
        cursor[s] = i;
        return i < times.length && times[i] == t ? series.values()[i] : Double.NaN;
    }

    /** Kubernetes names a Deployment's pods {@code <deployment>-<suffix>} (the simulator does too). */
    static String deploymentOf(String pod) {
        int dash = pod.lastIndexOf('-');
        int slash = pod.indexOf('/');
        return dash > slash + 1 ? pod.substring(0, dash) : pod;
    }

    private record Fault(String kind, long start, long end, List<String> targets, List<String> services) {
        boolean covers(String pod, String deployment, String service, long t) {
            if (t < start || t >= end) return false;
            if (targets.contains("pod/" + pod)) return true;
            return kind.startsWith("app/")
                    && (targets.contains("deployment/" + deployment) || (service != null && services.contains("service/" + service)));
        }
    }

    private static String label(List<Fault> faults, String pod, String deployment, String service, long t) {
        for (Fault f : faults) if (f.covers(pod, deployment, service, t)) return f.kind();
        return FailureModel.NORMAL;
    }

    /** Fault windows as reports score them: end = the matching FaultEnded, else the declared end, else the run's end. */
    private static List<Fault> faults(Journal journal) {
        long runEnd = Long.MAX_VALUE;
        Map<String, Long> ended = new HashMap<>();
        List<JournalEvent.FaultStarted> started = new ArrayList<>();
        for (JournalEvent e : journal.events()) {
            switch (e) {
                case JournalEvent.FaultStarted f -> started.add(f);
                case JournalEvent.FaultEnded f -> ended.putIfAbsent(f.fault(), f.t());
                case JournalEvent.RunEnded r -> runEnd = r.t();
                default -> { }
            }
        }
        List<Fault> faults = new ArrayList<>();
        for (var f : started) {
            Long end = ended.get(f.fault());
            long e = end != null && end >= f.t() ? end : f.end() >= f.t() ? f.end() : runEnd;
            faults.add(new Fault(f.kind(), f.t(), Math.min(e, runEnd), List.copyOf(f.targets()), List.copyOf(f.services())));
        }
        return faults;
    }

    /** Writes the windows as CSV, atomically (temp file in the same folder, then moved into place). */
    public static void write(List<LabelledWindow> windows, Path csv) {
        var sb = new StringBuilder(header()).append('\n');
        for (LabelledWindow w : windows) {
            for (String text : List.of(w.scenario(), w.pod(), w.label()))
                if (text.indexOf(',') >= 0 || text.indexOf('\n') >= 0)
                    throw new IllegalArgumentException(csv + ": cannot write '" + text + "' into a CSV cell; names must not contain ',' or line breaks");
            sb.append(w.scenario()).append(',').append(w.seed()).append(',').append(w.pod()).append(',').append(w.endMillis()).append(',')
                    .append(w.length()).append(',').append(w.label());
            for (double f : w.features()) sb.append(',').append(f);
            sb.append('\n');
        }
        AtomicFiles.write(csv, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a file {@link #write} wrote; IllegalArgumentException naming the file and line otherwise. */
    public static List<LabelledWindow> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(csv + ": no such windows file");
        } catch (IOException e) {
            throw new IllegalArgumentException(csv + ": cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) throw new IllegalArgumentException(csv + ": empty; a windows file starts with the header " + header());
        if (!lines.getFirst().equals(header()))
            throw new IllegalArgumentException(csv + ":1: header '" + lines.getFirst() + "' differs from this build's '" + header()
                    + "'; export the windows again with this build");
        int width = KEY_COLUMNS.size() + FailureFeatures.NAMES.size();
        List<LabelledWindow> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) continue;
            String[] cells = line.split(",", -1);
            int lineNo = i + 1;
            if (cells.length != width)
                throw new IllegalArgumentException(csv + ":" + lineNo + ": " + cells.length + " columns, the header has " + width);
            try {
                double[] features = new double[FailureFeatures.NAMES.size()];
                for (int j = 0; j < features.length; j++) {
                    features[j] = Double.parseDouble(cells[KEY_COLUMNS.size() + j]);
                    if (!Double.isFinite(features[j])) throw new NumberFormatException("not finite: " + cells[KEY_COLUMNS.size() + j]);
                }
                out.add(new LabelledWindow(cells[0], Long.parseLong(cells[1]), cells[2], Long.parseLong(cells[3]), Integer.parseInt(cells[4]),
                        cells[5], features));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + ":" + lineNo + ": not a number (" + e.getMessage() + "); seed, end_ms, window and the features are numbers");
            }
        }
        return out;
    }
}
