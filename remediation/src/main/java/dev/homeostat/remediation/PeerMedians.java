package dev.homeostat.remediation;

import dev.homeostat.remediation.port.MetricSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The median, per group of peers (the series sharing a label's value in a namespace), of each series' newest value. */
final class PeerMedians {
    private PeerMedians() { }

    /**
     * Fills {@code out[i]} with the median of the newest values of the series grouped with {@code series.get(i)} by
     * {@code label} (NaN for a series without the label, or alone in its group: nothing to compare with).
     */
    static void fill(List<MetricSeries> series, String label, double[] out) {
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            Map<String, String> labels = series.get(i).labels();
            String peer = labels.get(label);
            out[i] = Double.NaN;
            if (peer == null || series.get(i).values().length == 0) continue;
            groups.computeIfAbsent(labels.getOrDefault(Engine.NAMESPACE_LABEL, "default") + "/" + peer, k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> members : groups.values()) {
            if (members.size() < 2) continue;
            double[] newest = new double[members.size()];
            int n = 0;
            for (int i : members) {
                double[] v = series.get(i).values();
                double x = v[v.length - 1];
                if (Double.isFinite(x)) newest[n++] = x;
            }
            if (n < 2) continue;
            Arrays.sort(newest, 0, n);
            double median = n % 2 == 1 ? newest[n / 2] : (newest[n / 2 - 1] + newest[n / 2]) / 2;
            for (int i : members) out[i] = median;
        }
    }
}
