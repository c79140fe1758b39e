package dev.homeostat.remediation.fakes;

import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples fed by the test, by metric and label set; {@link #range} answers like Prometheus' query_range. */
public final class FakeMetrics implements MetricsSource {
    private record Sample(long time, double value) { }

    private final Map<String, Map<Map<String, String>, List<Sample>>> data = new LinkedHashMap<>();
    public final List<long[]> queries = new ArrayList<>();

    public FakeMetrics add(String metric, Map<String, String> labels, long time, double value) {
        data.computeIfAbsent(metric, m -> new LinkedHashMap<>()).computeIfAbsent(Map.copyOf(labels), l -> new ArrayList<>())
                .add(new Sample(time, value));
        return this;
    }

    /** The same value at every step in [from, to]. */
    public FakeMetrics fill(String metric, Map<String, String> labels, long from, long to, long step, double value) {
        for (long t = from; t <= to; t += step) add(metric, labels, t, value);
        return this;
    }

    @Override
    public List<MetricSeries> range(String metric, long fromMillis, long toMillis) {
        queries.add(new long[] {fromMillis, toMillis});
        var out = new ArrayList<MetricSeries>();
        data.getOrDefault(metric, Map.of()).forEach((labels, samples) -> {
            List<Sample> in = samples.stream().filter(s -> s.time >= fromMillis && s.time <= toMillis)
                    .sorted(java.util.Comparator.comparingLong(Sample::time)).toList();
            if (in.isEmpty()) return;
            out.add(new MetricSeries(labels, in.stream().mapToLong(Sample::time).toArray(), in.stream().mapToDouble(Sample::value).toArray()));
        });
        return out;
    }
}
