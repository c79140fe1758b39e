package dev.homeostat.remediation.live.kafka;

import dev.homeostat.remediation.live.Leadership;
import dev.homeostat.remediation.port.AlertSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Anomaly events from a Kafka topic as an {@link AlertSource} beside the Alertmanager webhook. Only the leader
 * consumes: it joins the consumer group when it starts leading and leaves when it stops, so offsets committed by one
 * leader are where the next resumes, and a follower never takes events it cannot act on. Each record is checked
 * against {@link AnomalyEvents}' schema; a bad one is counted and logged with its partition, offset and the field,
 * then skipped (a poison record must not stop the stream). Repeats of an id are folded. Offsets are committed after
 * the records are queued (at least once; the folding makes a redelivery harmless). When the queue is full,
 * consumption pauses until the engine drains it.
 */
public final class KafkaAlertSource implements AlertSource, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KafkaAlertSource.class.getName());
    private static final int REMEMBERED_IDS = 10_000;

    private final KafkaSettings settings;
    private final Leadership leadership;
    private final BiConsumer<String, Integer> count;
    private final ArrayDeque<Alert> queue = new ArrayDeque<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) { return size() > REMEMBERED_IDS; }
    };
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /** {@code count} hears (outcome, n): queued, duplicate, invalid, resolved. */
    public KafkaAlertSource(KafkaSettings settings, Leadership leadership, BiConsumer<String, Integer> count) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.sourceTopic() == null) throw new IllegalArgumentException("kafka.source.topic: required for a source");
        this.leadership = Objects.requireNonNull(leadership, "leadership");
        this.count = Objects.requireNonNull(count, "count");
        this.thread = new Thread(this::loop, "homeostat-kafka-source");
        this.thread.setDaemon(true);
    }

    public KafkaAlertSource start() {
        thread.start();
        return this;
    }

    @Override public synchronized List<Alert> drain() {
        List<Alert> out = List.copyOf(queue);
        queue.clear();
        return out;
    }

    private void loop() {
        try {
            while (running) {
                if (!leadership.isLeader()) {
                    leave();
                    sleep(250);
                    continue;
                }
                if (consumer == null) join();
                var c = consumer;
                boolean full;
                synchronized (this) {
                    full = queue.size() >= settings.queueCapacity();
                }
                if (full) c.pause(c.assignment());
                else c.resume(c.paused());
                var records = c.poll(Duration.ofMillis(200));
                if (records.isEmpty()) continue;
                for (ConsumerRecord<String, byte[]> r : records) take(r);
                c.commitSync();
            }
        } catch (WakeupException e) {
            // close() woke the poll
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Kafka source stopped: " + e, e);
        } finally {
            leave();
        }
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        AnomalyEvents.Event event;
        try {
            event = AnomalyEvents.parse(r.value() == null ? new byte[0] : r.value());
        } catch (IllegalArgumentException e) {
            count.accept("invalid", 1);
            LOG.log(System.Logger.Level.WARNING, "Kafka {0}-{1} offset {2}: {3}; skipped (schema: remediation/README.md \"Kafka\")",
                    r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        synchronized (this) {
            if (seen.put(event.id() + "|" + (event.alert() instanceof Alert.Firing ? "firing" : "resolved"), Boolean.TRUE) != null) {
                count.accept("duplicate", 1);
                return;
            }
            queue.add(event.alert());
        }
        count.accept(event.alert() instanceof Alert.Firing ? "queued" : "resolved", 1);
    }

    private void join() {
        Properties p = settings.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        var c = new KafkaConsumer<String, byte[]>(p);
        c.subscribe(List.of(settings.sourceTopic()));
        consumer = c;
        LOG.log(System.Logger.Level.INFO, "leading: consuming anomaly events from Kafka topic {0} (group {1})", settings.sourceTopic(), settings.groupId());
    }

    private void leave() {
        var c = consumer;
        consumer = null;
        if (c != null) c.close(Duration.ofSeconds(5));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override public void close() throws InterruptedException {
        running = false;
        var c = consumer;
        if (c != null) c.wakeup();
        thread.join(10_000);
    }
}
