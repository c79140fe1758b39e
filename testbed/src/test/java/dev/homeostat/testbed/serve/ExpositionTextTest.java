package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.metrics.MetricStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTextTest {
    @Test
    void rendersLatestRawSamplesSortedSkipsRecordingRulesAndStaleSeries() {
        var store = new MetricStore();
        store.add("http_requests_total", Map.of("pod", "b", "code", "200"), 0, 1);
        store.add("http_requests_total", Map.of("pod", "b", "code", "200"), 15_000, 7);
        store.add("http_requests_total", Map.of("pod", "a", "code", "500"), 15_000, 2.5);
        store.add("http_requests_total", Map.of("pod", "gone", "code", "200"), 0, 3);
        store.add("pod:container_memory_working_set_bytes:ratio_limit", Map.of("pod", "a"), 15_000, 0.5);
        store.add("kube_pod_status_ready", Map.of("pod", "a", "reason", "say \"hi\""), 15_000, 1);
        var pod = new PodView("default", "a", "web", "node-1", "Running", true, 0, 0, Map.of());
        String text = ExpositionText.render(store, 15_000, 10_000, List.of(new ExpositionText.PodLimit(pod, "web", 536870912L)));
        assertThat(text).isEqualTo("""
                # TYPE http_requests_total counter
                http_requests_total{code="200",pod="b"} 7
                http_requests_total{code="500",pod="a"} 2.5
                # TYPE kube_pod_container_resource_limits gauge
                kube_pod_container_resource_limits{container="web",namespace="default",pod="a",resource="memory",unit="byte"} 536870912
                # TYPE kube_pod_status_ready gauge
                kube_pod_status_ready{pod="a",reason="say \\"hi\\""} 1
                """);
    }

    @Test
    void aCounterSeriesThatJustBegan_isServedAtZeroFirst_soARateSeesItsFirstIncrease() {
        var store = new MetricStore();
        store.add("http_requests_total", Map.of("code", "200"), 0, 100);
        store.add("http_requests_total", Map.of("code", "200"), 30_000, 200);
        store.add("http_requests_total", Map.of("code", "503"), 30_000, 40); // a burst of 503s that began this scrape
        store.add("kube_pod_status_ready", Map.of("pod", "new"), 30_000, 1); // not a counter: served as it is
        String fresh = ExpositionText.render(store, 30_000, 30_000, List.of(), 22_500);
        assertThat(fresh).contains("http_requests_total{code=\"200\"} 200", "http_requests_total{code=\"503\"} 0",
                "kube_pod_status_ready{pod=\"new\"} 1");

        store.add("http_requests_total", Map.of("code", "503"), 45_000, 40);
        String later = ExpositionText.render(store, 60_000, 30_000, List.of(), 22_500);
        assertThat(later).contains("http_requests_total{code=\"503\"} 40");
    }
}
