package dev.homeostat.remediation.live.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The optional event bus ({@code spec.kafka} of the EngineConfig): where the brokers are, the topic anomaly events
 * come from (null: no source), the topic every engine decision goes to (null: no sink), and client properties
 * passed as they are (security.protocol, sasl.*, ssl.*).
 */
public record KafkaSettings(String bootstrapServers, String sourceTopic, String groupId, String sinkTopic, int queueCapacity,
                            Map<String, String> properties) {
    public static final String DEFAULT_GROUP = "homeostat-engine";

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) throw new IllegalArgumentException("kafka.bootstrapServers: required, e.g. kafka.kafka.svc:9092");
        if (sourceTopic == null && sinkTopic == null) throw new IllegalArgumentException("kafka: give source.topic, sink.topic or both");
        Objects.requireNonNull(groupId, "groupId");
        if (queueCapacity < 1) throw new IllegalArgumentException("kafka.source.queueCapacity: " + queueCapacity + " must be at least 1");
        properties = Map.copyOf(new TreeMap<>(properties));
    }

    /** The client properties: the given ones, then the brokers. */
    Properties clientProperties() {
        var p = new Properties();
        p.putAll(properties);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }
}
