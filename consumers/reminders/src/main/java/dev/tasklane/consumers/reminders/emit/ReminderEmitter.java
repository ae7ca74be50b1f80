package dev.tasklane.consumers.reminders.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.uuid.Generators;
import dev.tasklane.connections.KafkaConnection;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.event.TaskEventFormat;
import dev.tasklane.consumers.reminders.schedule.ScheduledReminder;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Emits {@code task.reminder.due} to {@code task-events}: a CloudEvent (structured JSON) keyed by
 * the task id, with a deterministic id — UUIDv5 of the task id and the fire time — so a re-emit
 * after a lost lease is the same event, which the sync server stores once. Data: {@code userId},
 * {@code taskId}, {@code title}, {@code due}, {@code fireAt}, {@code reminderId} (the desktop's
 * dedupe key) and {@code late}.
 */
public final class ReminderEmitter implements AutoCloseable {

    public static final URI SOURCE = URI.create("/tasklane/reminders");

    /** Kafka did not acknowledge: the lease is kept and runs out, and the reminder is emitted again. */
    public static final class NotAcknowledged extends Exception {
        NotAcknowledged(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final TaskEventFormat format = new TaskEventFormat();
    private final ObjectMapper mapper = new ObjectMapper();

    public ReminderEmitter(KafkaConnection kafka, String topic) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        // A reminder counts as emitted only when every in-sync replica has it; then its lease is released.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Reminders are latency-bound: send at once, fail fast when Kafka is away (the lease covers the retry).
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
    }

    /** The event id of a reminder: UUIDv5 in the task's namespace, named by the fire time. */
    public static UUID eventId(ScheduledReminder reminder) {
        return Generators.nameBasedGenerator(reminder.taskId()).generate(reminder.fireAt().toString());
    }

    /** The event for a reminder; {@code late} when it fires well after its time (service was down). */
    public TaskEvent event(ScheduledReminder reminder, boolean late) {
        ObjectNode data = mapper.createObjectNode()
                .put("userId", reminder.userId().toString())
                .put("taskId", reminder.taskId().toString())
                .put("title", reminder.title());
        data.put("due", reminder.due().orElse(null));
        data.put("fireAt", reminder.fireAt().toString())
                .put("reminderId", reminder.key())
                .put("late", late);
        return new TaskEvent(eventId(reminder).toString(), TaskEvent.REMINDER_DUE, reminder.taskId().toString(), reminder.fireAt(), data);
    }

    /** Sends and waits for Kafka's acknowledgement. */
    public void emit(ScheduledReminder reminder, boolean late) throws NotAcknowledged {
        send(reminder, late).await();
    }

    /** A send in flight; {@link #await()} waits for Kafka's acknowledgement. */
    public static final class Pending {
        private final Future<RecordMetadata> ack;
        private final RuntimeException failure;

        private Pending(Future<RecordMetadata> ack, RuntimeException failure) {
            this.ack = ack;
            this.failure = failure;
        }

        public void await() throws NotAcknowledged {
            if (failure != null) {
                throw new NotAcknowledged(failure);
            }
            try {
                ack.get(15, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                throw new NotAcknowledged(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotAcknowledged(e);
            }
        }
    }

    /** Starts sending; many sends in flight let the producer batch them (a burst of due reminders). */
    public Pending send(ScheduledReminder reminder, boolean late) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, reminder.taskId().toString(),
                format.write(event(reminder, late), SOURCE));
        record.headers().add("content-type", TaskEventFormat.contentTypeHeader());
        try {
            return new Pending(producer.send(record), null);
        } catch (RuntimeException e) {
            return new Pending(null, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
