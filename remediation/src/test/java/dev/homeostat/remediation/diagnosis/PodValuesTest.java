package dev.homeostat.remediation.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.port.LabelMatch;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.remediation.port.MetricsSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A pod's newest value by series number answers what a map from pod to value, filled in read order, answers. */
class PodValuesTest {
    private static final LabelMatch P0 = PodValues.podsOf(List.of(new PodInfo("default", "p0", "d", "n", true, 0, 0)));

    /** One series of a read: the source's number (or none), its labels, its values. */
    private record Series(int id, Map<String, String> labels, double[] values) { }

    /** A source that hands exactly these series, in this order, with their numbers. */
    private static MetricsSource source(List<Series> series) {
        return new MetricsSource() {
            @Override public List<MetricSeries> range(String metric, long from, long to) { throw new UnsupportedOperationException(); }

            @Override public void read(String metric, long from, long to, SeriesSink sink) {
                for (Series s : series) sink.accept(s.id(), s.labels(), new long[s.values().length], s.values(), s.values().length);
            }
        };
    }

    /** What the diagnosis kept before: each pod's newest finite value, the last series in read order winning. */
    private static Map<String, Double> expected(List<Series> series) {
        Map<String, Double> out = new HashMap<>();
        for (Series s : series) {
            String pod = s.labels().get("pod");
            for (int i = s.values().length - 1; i >= 0; i--) {
                if (Double.isFinite(s.values()[i])) {
                    if (pod != null) out.put(s.labels().getOrDefault("namespace", "default") + "/" + pod, s.values()[i]);
                    break;
                }
            }
        }
        return out;
    }

    @Test
    void randomReads_ofRandomPods_answerAsTheMapOfTheirSeriesDid_withDuplicatesUnnumberedSeriesAndRenumbering() {
        var random = new Random(7);
        var keys = new PodValues.PodKeys();
        var values = new PodValues(keys);
        // labels per number, kept between reads as a source keeps them while a series lasts
        Map<Integer, Map<String, String>> labelsOf = new HashMap<>();
        for (int round = 0; round < 200; round++) {
            List<Series> read = new ArrayList<>();
            var handed = new java.util.HashSet<Integer>(); // a source hands a numbered series once per read
            int count = random.nextInt(40);
            for (int k = 0; k < count; k++) {
                int id = random.nextInt(6) == 0 ? MetricsSource.SeriesSink.NO_ID : random.nextInt(30);
                if (id >= 0 && !handed.add(id)) continue;
                Map<String, String> labels = id >= 0 && labelsOf.containsKey(id) && random.nextInt(8) > 0 ? labelsOf.get(id) : labels(random);
                if (id >= 0) labelsOf.put(id, labels);
                double[] v = new double[random.nextInt(4)];
                for (int i = 0; i < v.length; i++) v[i] = random.nextInt(5) == 0 ? Double.NaN : random.nextInt(100) / 10.0;
                read.add(new Series(id, labels, v));
            }
            // the pods asked about: a random few, in both namespaces (a series without a namespace is in default)
            List<PodInfo> asked = new ArrayList<>();
            for (int pod = 0; pod < 12; pod++)
                if (random.nextInt(3) > 0) for (String ns : List.of("default", "shop")) asked.add(new PodInfo(ns, "p" + pod, "d", "n", true, 0, 0));
            LabelMatch match = PodValues.podsOf(asked);
            values.read(source(read), "m", match, 0, 1);
            Map<String, Double> want = expected(read.stream().filter(s -> match.matches(s.labels())).toList());
            for (int pod = 0; pod < 12; pod++) {
                for (String ns : List.of("default", "shop")) {
                    String key = ns + "/p" + pod;
                    Double w = want.get(key);
                    // by their bits: NaN (no value) is NaN
                    assertThat(Double.doubleToLongBits(values.get(key))).as("round %d, %s", round, key)
                            .isEqualTo(Double.doubleToLongBits(w == null ? Double.NaN : w));
                }
            }
        }
    }

    @Test
    void aPodWithoutAFiniteValue_inThisRead_hasNone_evenIfAnEarlierReadGaveOne() {
        var values = new PodValues(new PodValues.PodKeys());
        Map<String, String> labels = Map.of("pod", "p0", "namespace", "default");
        values.read(source(List.of(new Series(3, labels, new double[] {1.5}))), "m", P0, 0, 1);
        assertThat(values.get("default/p0")).isEqualTo(1.5);

        values.read(source(List.of(new Series(3, labels, new double[] {Double.NaN}))), "m", P0, 0, 1);
        assertThat(values.get("default/p0")).isNaN();
    }

    private static Map<String, String> labels(Random random) {
        int pod = random.nextInt(12);
        return switch (random.nextInt(4)) {
            case 0 -> Map.of("pod", "p" + pod);
            case 1 -> Map.of("pod", "p" + pod, "namespace", "shop");
            case 2 -> Map.of("service", "s");
            default -> Map.of("pod", "p" + pod, "namespace", "default", "container", "c" + random.nextInt(2));
        };
    }
}
