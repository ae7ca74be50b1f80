package dev.tasklane.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasklane.connections.KafkaSecurity;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.server.sse.UserEventStore;
import dev.tasklane.server.sse.WakeUpBus;
import io.cloudevents.CloudEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Delivers {@code task.reminder.due} events from {@code task-events} to the user's devices: each
 * is stored once (keyed by the CloudEvent id) as a "reminder" stream event in PostgreSQL, then the
 * replica holding the user's streams is woken. Offsets are committed only after the store, so a
 * crash re-reads and the dedupe key absorbs the repeat. Undecodable records are logged and
 * skipped (poison) rather than blocking the partition.
 */
public final class ReminderDelivery implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReminderDelivery.class.getName());
    public static final String REMINDER_DUE = "task.reminder.due";

    private final KafkaConsumer<String, byte[]> consumer;
    private final UserEventStore store;
    private final WakeUpBus bus;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public ReminderDelivery(String bootstrapServers, String topic, UserEventStore store, WakeUpBus bus) {
        this(bootstrapServers, KafkaSecurity.PLAINTEXT, topic, store, bus);
    }

    public ReminderDelivery(String bootstrapServers, KafkaSecurity security, String topic, UserEventStore store, WakeUpBus bus) {
        Properties props = new Properties();
        props.putAll(security.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // One group for all replicas: each reminder is stored by one of them; Redis wakes the right one.
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "tasklane-sync-server-reminders");
        // Offsets are committed by hand after the reminder is durable in PostgreSQL.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts at the beginning so no reminder emitted before first start is missed.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.store = store;
        this.bus = bus;
        consumer.subscribe(List.of(topic));
        this.thread = Thread.ofPlatform().daemon().name("reminder-delivery").start(this::run);
    }

    private void run() {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // close() was called.
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "reminder delivery stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = TaskEvents.deserialize(record.value());
        } catch (RuntimeException e) {
            LOG.warning("skipping an undecodable record at " + record.topic() + "-" + record.partition() + "@" + record.offset());
            return;
        }
        if (!REMINDER_DUE.equals(event.getType()) || event.getData() == null) {
            return;
        }
        while (running.get()) {
            try {
                JsonNode data = mapper.readTree(event.getData().toBytes());
                UUID userId = UUID.fromString(data.path("userId").asText());
                if (store.appendOnce(userId, "reminder", event.getId(), mapper.writeValueAsString(data))) {
                    bus.wake(userId);
                }
                return;
            } catch (SQLException e) {
                // Retryable: the database is away. Do not commit past this record.
                LOG.log(Level.WARNING, "cannot store a reminder yet; retrying", e);
                sleep();
            } catch (java.io.IOException | IllegalArgumentException e) {
                LOG.warning("skipping a reminder event without a valid userId: " + event.getId());
                return;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
