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
            double median = median(members.size(), newest, n);
            for (int i : members) out[i] = median;
        }
    }

    /**
     * The median of a group of {@code members} series whose {@code finite} finite newest values are the first of
     * {@code newest} (sorted in place); NaN with fewer than two of either.
     */
    static double median(int members, double[] newest, int finite) {
        if (members < 2 || finite < 2) return Double.NaN;
        Arrays.sort(newest, 0, finite);
        return finite % 2 == 1 ? newest[finite / 2] : (newest[finite / 2 - 1] + newest[finite / 2]) / 2;
    }
}
