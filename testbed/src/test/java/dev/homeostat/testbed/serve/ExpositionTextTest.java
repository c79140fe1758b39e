package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.metrics.MetricStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpositionTextTest {
    private static final String DURATION = MetricNames.REQUEST_DURATION;

    /** A pod's histogram at {@code t}: cumulative counts per bound of {@code les} (the last one +Inf), sum and count. */
    private static void histogram(MetricStore store, String pod, long t, String[] les, double[] cumulative, double sum) {
        var labels = Map.of("namespace", "default", "service", "web", "pod", pod);
        for (int i = 0; i < les.length; i++) {
            var withLe = new HashMap<>(labels);
            withLe.put("le", les[i]);
            store.add(DURATION + "_bucket", withLe, t, cumulative[i]);
        }
        store.add(DURATION + "_sum", labels, t, sum);
        store.add(DURATION + "_count", labels, t, cumulative[les.length - 1]);
    }

    @Test
    void rendersLatestRawSamples_countersAsCounter_gaugesAsGauge_skipsRecordingRulesAndStaleSeries_escapesLabels() {
        var store = new MetricStore();
        store.add("http_requests_total", Map.of("pod", "b", "code", "200"), 0, 1);
        store.add("http_requests_total", Map.of("pod", "b", "code", "200"), 15_000, 7);
        store.add("http_requests_total", Map.of("pod", "a", "code", "500"), 15_000, 2.5);
        store.add("http_requests_total", Map.of("pod", "gone", "code", "200"), 0, 3);
        store.add("pod:container_memory_working_set_bytes:ratio_limit", Map.of("pod", "a"), 15_000, 0.5);
        store.add(MetricNames.SERVICE_LATENCY_P99, Map.of("service", "web"), 15_000, 0.2);
        store.add("kube_pod_status_ready", Map.of("pod", "a", "reason", "say \"hi\"\\\nbye"), 15_000, 1);
        var pod = new PodView("default", "a", "web", "node-1", "Running", true, 0, 0, Map.of(), 1, null, 0, 40_000);
        String text = ExpositionText.render(store, 15_000, 10_000, new ExpositionText.StateMetrics(List.of(new ExpositionText.PodResources(pod, "web", 0.5, 268435456L, 536870912L)), List.of(new DeploymentView("default", "web", 3, 3, 3))));
        assertThat(text).isEqualTo("""
                # TYPE http_requests_total counter
                http_requests_total{code="200",pod="b"} 7.0
                http_requests_total{code="500",pod="a"} 2.5
                # TYPE kube_deployment_spec_replicas gauge
                kube_deployment_spec_replicas{deployment="web",namespace="default"} 3.0
                # TYPE kube_pod_container_resource_limits gauge
                kube_pod_container_resource_limits{container="web",namespace="default",pod="a",resource="memory",unit="byte"} 5.36870912E8
                # TYPE kube_pod_container_resource_requests gauge
                kube_pod_container_resource_requests{container="web",namespace="default",pod="a",resource="cpu",unit="core"} 0.5
                kube_pod_container_resource_requests{container="web",namespace="default",pod="a",resource="memory",unit="byte"} 2.68435456E8
                # TYPE kube_pod_status_ready gauge
                kube_pod_status_ready{pod="a",reason="say \\"hi\\"\\\\\\nbye"} 1.0
                """);
        assertThat(text).doesNotContain(":");
    }

    @Test
    void aHistogramRendersAsOneClassicHistogramPerLabelSet_withCumulativeBucketsSumAndCount() {
        var store = new MetricStore();
        String[] les = {"0.005", "0.1", "1.0", "+Inf"};
        histogram(store, "web-2", 15_000, les, new double[] {10, 70, 99, 100}, 4.25);
        histogram(store, "web-1", 15_000, les, new double[] {0, 0.4, 2.6, 3.2}, 1.5); // fluid traffic: fractional counts
        String text = ExpositionText.render(store, 15_000, 30_000, ExpositionText.StateMetrics.NONE);
        assertThat(text).isEqualTo("""
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{namespace="default",pod="web-1",service="web",le="0.005"} 0
                http_request_duration_seconds_bucket{namespace="default",pod="web-1",service="web",le="0.1"} 0
                http_request_duration_seconds_bucket{namespace="default",pod="web-1",service="web",le="1.0"} 3
                http_request_duration_seconds_bucket{namespace="default",pod="web-1",service="web",le="+Inf"} 3
                http_request_duration_seconds_count{namespace="default",pod="web-1",service="web"} 3
                http_request_duration_seconds_sum{namespace="default",pod="web-1",service="web"} 1.5
                http_request_duration_seconds_bucket{namespace="default",pod="web-2",service="web",le="0.005"} 10
                http_request_duration_seconds_bucket{namespace="default",pod="web-2",service="web",le="0.1"} 70
                http_request_duration_seconds_bucket{namespace="default",pod="web-2",service="web",le="1.0"} 99
                http_request_duration_seconds_bucket{namespace="default",pod="web-2",service="web",le="+Inf"} 100
                http_request_duration_seconds_count{namespace="default",pod="web-2",service="web"} 100
                http_request_duration_seconds_sum{namespace="default",pod="web-2",service="web"} 4.25
                """);
    }

    @Test
    void aCounterSeriesThatJustBegan_isServedAtZeroFirst_soARateSeesItsFirstIncrease() {
        var store = new MetricStore();
        store.add("http_requests_total", Map.of("code", "200"), 0, 100);
        store.add("http_requests_total", Map.of("code", "200"), 30_000, 200);
        store.add("http_requests_total", Map.of("code", "503"), 30_000, 40); // a burst of 503s that began this scrape
        store.add("kube_pod_status_ready", Map.of("pod", "new"), 30_000, 1); // not a counter: served as it is
        String fresh = ExpositionText.render(store, 30_000, 30_000, ExpositionText.StateMetrics.NONE, 22_500);
        assertThat(fresh).contains("http_requests_total{code=\"200\"} 200.0", "http_requests_total{code=\"503\"} 0.0",
                "kube_pod_status_ready{pod=\"new\"} 1.0");

        store.add("http_requests_total", Map.of("code", "503"), 45_000, 40);
        String later = ExpositionText.render(store, 60_000, 30_000, ExpositionText.StateMetrics.NONE, 22_500);
        assertThat(later).contains("http_requests_total{code=\"503\"} 40.0");
    }

    @Test
    void aNewPodsHistogram_isServedEmptyFirst_thenAsRecorded() {
        var store = new MetricStore();
        String[] les = {"0.1", "+Inf"};
        histogram(store, "web-new", 30_000, les, new double[] {5, 8}, 0.9);
        String fresh = ExpositionText.render(store, 30_000, 30_000, ExpositionText.StateMetrics.NONE, 22_500);
        assertThat(fresh).contains("http_request_duration_seconds_bucket{namespace=\"default\",pod=\"web-new\",service=\"web\",le=\"+Inf\"} 0",
                "http_request_duration_seconds_count{namespace=\"default\",pod=\"web-new\",service=\"web\"} 0",
                "http_request_duration_seconds_sum{namespace=\"default\",pod=\"web-new\",service=\"web\"} 0.0");

        histogram(store, "web-new", 45_000, les, new double[] {6, 9}, 1.0);
        String later = ExpositionText.render(store, 60_000, 30_000, ExpositionText.StateMetrics.NONE, 22_500);
        assertThat(later).contains("http_request_duration_seconds_bucket{namespace=\"default\",pod=\"web-new\",service=\"web\",le=\"0.1\"} 6",
                "http_request_duration_seconds_count{namespace=\"default\",pod=\"web-new\",service=\"web\"} 9");
    }

    @Test
    void aStalePodsHistogram_isLeftOut() {
        var store = new MetricStore();
        histogram(store, "web-gone", 0, new String[] {"0.1", "+Inf"}, new double[] {1, 2}, 0.1);
        store.add("kube_pod_status_ready", Map.of("pod", "web-1"), 60_000, 1);
        assertThat(ExpositionText.render(store, 60_000, 30_000, ExpositionText.StateMetrics.NONE)).doesNotContain("web-gone", "http_request_duration");
    }

    /** Whatever fractional cumulative counts the fluid model records, the served buckets never decrease along le. */
    @Property(tries = 50)
    void servedBucketsAreCumulative(@ForAll @Size(4) List<@DoubleRange(min = 0, max = 1e6) Double> increments) {
        var store = new MetricStore();
        double[] cumulative = new double[4];
        double running = 0;
        for (int i = 0; i < 4; i++) cumulative[i] = running += increments.get(i);
        histogram(store, "web-1", 15_000, new String[] {"0.01", "0.1", "1.0", "+Inf"}, cumulative, running);
        List<Long> served = ExpositionText.render(store, 15_000, 30_000, ExpositionText.StateMetrics.NONE).lines()
                .filter(l -> l.startsWith(DURATION + "_bucket")).map(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).toList();
        assertThat(served).hasSize(4).isSorted();
        assertThat(served.getLast()).isEqualTo(Math.round(running));
    }

    /** The rendered text as Prometheus itself parses it: `promtool check metrics` (Debian package prometheus) finds no error. */
    @Test
    void aRenderedScrape_passesPromtoolCheckMetrics(@TempDir Path dir) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool not installed (Debian package prometheus)");
        var store = new MetricStore();
        store.add("http_requests_total", Map.of("namespace", "default", "service", "web", "pod", "web-1", "code", "200"), 15_000, 700);
        store.add("container_memory_working_set_bytes", Map.of("namespace", "default", "pod", "web-1", "container", "web"), 15_000, 1.5e8);
        store.add("kube_pod_status_ready", Map.of("namespace", "default", "pod", "web-1", "condition", "true"), 15_000, 1);
        histogram(store, "web-1", 15_000, new String[] {"0.005", "0.01", "0.1", "1.0", "10.0", "+Inf"}, new double[] {1, 5.5, 600, 690, 699, 700}, 42.5);
        var pod = new PodView("default", "web-1", "web", "node-1", "Running", true, 0, 0, Map.of(), 1, null, 0, 40_000);
        String text = ExpositionText.render(store, 15_000, 30_000, new ExpositionText.StateMetrics(List.of(new ExpositionText.PodResources(pod, "web", 0.25, 1L << 28, 1L << 29)), List.of(new DeploymentView("default", "web", 1, 1, 1))));
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile()).redirectErrorStream(true).start();
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // promtool exits 1 on a text it cannot parse ("error while linting: ...") and 3 on lint findings; the only
        // finding allowed is the missing HELP text (the simulator has none to give)
        assertThat(report).as(report).doesNotContainIgnoringCase("error");
        assertThat(report.lines().toList()).as(report).allMatch(l -> l.endsWith(" no help text"));
        assertThat(check.exitValue()).as(report).isIn(0, 3);
    }
}
