package dev.homeostat.remediation.live.kafka;

import dev.homeostat.remediation.live.JsonLinesJournal;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.port.EngineListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Every engine event — anomalies, actions applied, held back or refused, pages — as
 * one JSON record on the sink topic, in the live journal's shape ({@link JsonLinesJournal#toJson}), keyed by the
 * target's ref so one target's events stay in order on one partition. Sends are asynchronous; a failed send is
 * counted and logged, never thrown into the engine.
 */
public final class KafkaEventSink implements EngineListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KafkaEventSink.class.getName());
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final BiConsumer<String, Integer> count;

    /** {@code count} hears (outcome, n): sent, failed. */
    public KafkaEventSink(KafkaSettings settings, BiConsumer<String, Integer> count) {
        this.topic = Objects.requireNonNull(settings.sinkTopic(), "kafka.sink.topic");
        this.count = Objects.requireNonNull(count, "count");
        Properties p = settings.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        this.producer = new KafkaProducer<>(p);
    }

    @Override public void on(EngineEvent event) {
        String key = switch (event) {
            case EngineEvent.AnomalyRaised a -> a.anomaly().target().ref();
            case EngineEvent.ActionTaken x -> x.action().target().ref();
            case EngineEvent.Paged p -> p.target().ref();
        };
        byte[] value = JsonLinesJournal.toJson(event).toString().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (meta, failure) -> {
                if (failure == null) {
                    count.accept("sent", 1);
                } else {
                    count.accept("failed", 1);
                    LOG.log(System.Logger.Level.WARNING, "Kafka sink: event for {0} not delivered to {1}: {2}", key, topic, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            count.accept("failed", 1);
            LOG.log(System.Logger.Level.WARNING, "Kafka sink: event for {0} not sent to {1}: {2}", key, topic, e.toString());
        }
    }

    /** Flushes what is in flight (at most 5 s), then closes. */
    @Override public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
