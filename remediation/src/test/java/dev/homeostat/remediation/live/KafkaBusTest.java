package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.remediation.live.kafka.AnomalyEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event bus end to end against a real Kafka broker (one combined KRaft node in this JVM, Kafka's own test kit):
 * an external detector's anomaly event on the source topic reaches the live engine, which acts on it (in a dry run,
 * on the mock API server) and publishes that decision on the sink topic; a record that breaks the schema is counted
 * and skipped without stopping the stream.
 */
@EnableKubernetesMockClient(crud = true)
class KafkaBusTest {
    static KubernetesMockServer server;
    static KubernetesClient client;
    static KafkaClusterTestKit kafka;

    @BeforeAll static void broker() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1").setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0").build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("anomalies", 1, (short) 1), new NewTopic("decisions", 1, (short) 1))).all().get();
        }
    }

    @AfterAll static void stop() throws Exception {
        if (kafka != null) kafka.close();
    }

    @Test
    void anEventOnTheSourceTopic_isActedOn_andTheDecisionIsPublishedOnTheSinkTopic(@TempDir Path dir) throws Exception {
        LiveRuntimeDryRunTest.deployment(client, "checkout", 3);
        Files.writeString(dir.resolve("policy.yaml"), LiveRuntimeDryRunTest.POLICY);
        Files.writeString(dir.resolve("engine.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: EngineConfig
                metadata: {name: kafka}
                spec:
                  policy: policy.yaml
                  dryRun: true
                  prometheus: {url: "http://127.0.0.1:1", timeout: 200ms}
                  kubernetes: {namespaces: [default]}
                  server: {listen: "127.0.0.1:0"}
                  leaderElection: {enabled: false}
                  kafka:
                    bootstrapServers: "%s"
                    source: {topic: anomalies, groupId: homeostat-test}
                    sink: {topic: decisions}
                    properties: {auto.offset.reset: earliest}
                """.formatted(kafka.bootstrapServers()));
        var config = EngineConfig.load(dir.resolve("engine.yaml"), Map.of());
        var lines = new CopyOnWriteArrayList<String>();
        try (var runtime = LiveRuntime.start(config, server.createClient(), lines::add);
             var producer = new KafkaProducer<String, String>(producerProperties())) {
            producer.send(new ProducerRecord<>("anomalies", "pod/default/checkout-2", "{\"schemaVersion\": 1, \"id\": \"broken\"}")).get();
            String event = """
                    {"schemaVersion": 1, "id": "model-7/checkout-2/1", "time": "2025-01-31T12:00:00Z", "status": "firing",
                     "signal": "memory-saturation", "target": {"kind": "pod", "namespace": "default", "name": "checkout-2"},
                     "service": "checkout", "score": 0.93, "detector": "churn-model-v7", "explanation": "working set at 93 % of the limit"}""";
            producer.send(new ProducerRecord<>("anomalies", "pod/default/checkout-2", event)).get();
            producer.send(new ProducerRecord<>("anomalies", "pod/default/checkout-2", event)).get(); // a redelivery: folded

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines)
                    .anyMatch(l -> l.contains("anomaly   memory-saturation on pod/default/checkout-2 (churn-model-v7"))
                    .anyMatch(l -> l.startsWith("dry-run: would restart pod default/checkout-2")));
            assertThat(runtime.metrics().kafka("in", "invalid")).isEqualTo(1);
            assertThat(runtime.metrics().kafka("in", "duplicate")).isEqualTo(1);

            List<JsonNode> decisions = new ArrayList<>();
            try (var consumer = new KafkaConsumer<String, String>(consumerProperties())) {
                consumer.subscribe(List.of("decisions"));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (var r : consumer.poll(Duration.ofMillis(500))) decisions.add(new ObjectMapper().readTree(r.value()));
                    assertThat(decisions).anySatisfy(d -> {
                        assertThat(d.path("type").asText()).isEqualTo("ActionTaken");
                        assertThat(d.path("action").path("type").asText()).isEqualTo("RestartPod");
                        assertThat(d.path("action").path("target").path("name").asText()).isEqualTo("checkout-2");
                        assertThat(d.path("detail").asText()).startsWith("dry-run: would restart");
                    });
                });
            }
            assertThat(decisions).anySatisfy(d -> assertThat(d.path("type").asText()).isEqualTo("AnomalyRaised"));
            assertThat(runtime.metrics().kafka("out", "sent")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theSchema_namesTheFieldThatIsWrong() {
        assertThatThrownBy(() -> AnomalyEvents.parse("[]".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> AnomalyEvents.parse("{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("schemaVersion:");
        assertThatThrownBy(() -> AnomalyEvents.parse(("{\"schemaVersion\":1,\"id\":\"a\",\"time\":\"yesterday\",\"status\":\"firing\",\"signal\":\"s\","
                + "\"target\":{\"kind\":\"pod\",\"name\":\"p\"}}").getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("time: 'yesterday'");
        assertThatThrownBy(() -> AnomalyEvents.parse(("{\"schemaVersion\":1,\"id\":\"a\",\"time\":\"2025-01-31T12:00:00Z\",\"status\":\"firing\",\"signal\":\"s\","
                + "\"target\":{\"kind\":\"cluster\",\"name\":\"p\"}}").getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("target.kind: 'cluster'");
        assertThatThrownBy(() -> AnomalyEvents.parse(("{\"schemaVersion\":1,\"id\":\"a\",\"time\":\"2025-01-31T12:00:00Z\",\"status\":\"firing\",\"signal\":\"s\","
                + "\"target\":{\"kind\":\"pod\",\"name\":\"p\"},\"score\":\"high\"}").getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("score:");
        var ok = AnomalyEvents.parse(("{\"schemaVersion\":1,\"id\":\"a\",\"time\":\"2025-01-31T12:00:00Z\",\"status\":\"resolved\",\"signal\":\"s\","
                + "\"target\":{\"kind\":\"pod\",\"name\":\"p\"}}").getBytes(StandardCharsets.UTF_8));
        assertThat(ok.alert()).isInstanceOf(dev.homeostat.remediation.port.AlertSource.Alert.Resolved.class);
    }

    private static Properties producerProperties() {
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private static Properties consumerProperties() {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
