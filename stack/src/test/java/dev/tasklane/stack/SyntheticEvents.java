package dev.tasklane.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.event.TaskEventFormat;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Task events shaped as the sync server publishes them (docs/events.md), for tests that need many
 * on a topic of their own: the server's own {@code task-events} is read by the stack's in-process
 * services, which would mask what a service under test loses.
 */
final class SyntheticEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI SOURCE = URI.create("/tasklane/sync-server");
    private static final TaskEventFormat FORMAT = new TaskEventFormat();

    private SyntheticEvents() {
    }

    /** {@code task.updated} of a task (what audit appends). */
    static TaskEvent updated(UUID user, UUID task) {
        ObjectNode data = data(user, task);
        data.putArray("changedFields").add("notes");
        data.set("task", snapshot(task, "audit " + task).put("notes", "n"));
        return new TaskEvent(UUID.randomUUID().toString(), TaskEvent.UPDATED, task.toString(), Instant.now(), data);
    }

    /** {@code task.created} of a task with an {@code at:} reminder (what reminders schedules). */
    static TaskEvent createdWithReminder(UUID user, UUID task, Instant fireAt) {
        ObjectNode data = data(user, task);
        data.set("task", snapshot(task, "remind " + task).put("reminder", "at:" + fireAt));
        return new TaskEvent(UUID.randomUUID().toString(), TaskEvent.CREATED, task.toString(), Instant.now(), data);
    }

    /** {@code task.completed} of a daily repeating task due today (what recurrence continues). */
    static TaskEvent completedDaily(UUID user, UUID task) {
        ObjectNode data = data(user, task);
        data.putArray("changedFields").add("completedAt");
        data.set("task", snapshot(task, "repeat " + task).put("due", LocalDate.now().toString())
                .put("recurrence", "FREQ=DAILY").put("completedAt", Instant.now().toString()).put("completed", true));
        return new TaskEvent(UUID.randomUUID().toString(), TaskEvent.COMPLETED, task.toString(), Instant.now(), data);
    }

    /**
     * Sends the events keyed by task id and waits for every acknowledgement. The topic is created
     * first and its partitions given leaders: a batch sent into auto-creation on a busy machine once
     * waited out its delivery timeout for a partition without a leader yet.
     */
    static void send(String bootstrapServers, String topic, List<TaskEvent> events) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
                if (description.partitions().stream().allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty())) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Not idempotent: a send into a partition whose leader was just elected can get
        // NOT_LEADER_OR_FOLLOWER, after which the idempotent producer's retries were refused with
        // OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout (seen twice in full runs). A
        // plain retry may duplicate an event, which every consumer under test absorbs (same id).
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = new java.util.ArrayList<>();
            for (TaskEvent event : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.subject(), FORMAT.write(event, SOURCE));
                record.headers().add("content-type", TaskEventFormat.contentTypeHeader());
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        }
    }

    private static ObjectNode data(UUID user, UUID task) {
        ObjectNode data = JSON.createObjectNode();
        data.put("userId", user.toString());
        data.put("taskId", task.toString());
        data.put("deviceId", "crash-test");
        return data;
    }

    private static ObjectNode snapshot(UUID task, String title) {
        String now = Instant.now().toString();
        ObjectNode snapshot = JSON.createObjectNode();
        snapshot.put("id", task.toString());
        snapshot.put("title", title);
        snapshot.put("priority", "none");
        snapshot.putArray("tags");
        snapshot.put("createdAt", now);
        snapshot.put("updatedAt", now);
        return snapshot;
    }
}
