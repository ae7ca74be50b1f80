package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.server.events.TaskEvents;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Changes made over HTTP arrive in Kafka's {@code task-events} as CloudEvents, in per-task order;
 * with Kafka stopped, pushes still succeed and every event arrives once Kafka is back, none twice.
 */
class TaskEventsEndToEndTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads every event for the given tasks from the beginning of the topic. */
    private static List<ConsumerRecord<String, byte[]>> readEvents(Predicate<String> taskKey, int expected, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StackExtension.stack().kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TaskEvents.TOPIC));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (taskKey.test(record.key())) {
                        found.add(record);
                    }
                }
            }
            // Linger briefly to catch duplicates that would arrive after the expected count.
            long extra = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < extra) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (taskKey.test(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static String create(String token, String title) throws Exception {
        Http.Reply reply = Http.call("POST", "/api/v1/tasks", token, "{\"title\":\"" + title + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    @Test
    void changesArriveAsCloudEventsInPerTaskOrder() throws Exception {
        String token = Http.newUserToken();
        String id = create(token, "Buy milk");
        assertThat(Http.call("PATCH", "/api/v1/tasks/" + id, token, "{\"notes\":\"oat\"}").status()).isEqualTo(200);
        assertThat(Http.call("POST", "/api/v1/tasks/" + id + "/complete", token, null).status()).isEqualTo(200);
        assertThat(Http.call("DELETE", "/api/v1/tasks/" + id, token, null).status()).isEqualTo(204);

        List<ConsumerRecord<String, byte[]>> records = readEvents(id::equals, 4, Duration.ofSeconds(30));
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEvent event = TaskEvents.deserialize(record.value());
            assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(event.getSubject()).isEqualTo(id);
            assertThat(event.getSource()).isEqualTo(TaskEvents.SOURCE);
            JsonNode data = MAPPER.readTree(event.getData().toBytes());
            assertThat(data.path("taskId").asText()).isEqualTo(id);
            assertThat(data.path("userId").asText()).isNotBlank();
            assertThat(data.path("task").path("id").asText()).isEqualTo(id);
            assertThat(data.path("task").path("title").asText()).isEqualTo("Buy milk");
            types.add(event.getType());
        }
        assertThat(types).containsExactly("task.created", "task.updated", "task.completed", "task.deleted");
        assertThat(new String(records.getFirst().headers().lastHeader("content-type").value()))
                .isEqualTo("application/cloudevents+json");
    }

    @Test
    void withKafkaStoppedPushesSucceedAndEveryEventArrivesOnceAfterRestart() throws Exception {
        String token = Http.newUserToken();
        LocalStack stack = StackExtension.stack();
        stack.kafka().stop();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(create(token, "During the outage " + i));
            }
            assertThat(stack.server().relay().orElseThrow().lag()).isGreaterThanOrEqualTo(5);
        } finally {
            stack.kafka().start();
        }
        List<ConsumerRecord<String, byte[]>> records = readEvents(ids::contains, 5, Duration.ofSeconds(60));
        Map<String, Integer> perEventId = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            perEventId.merge(TaskEvents.deserialize(record.value()).getId(), 1, Integer::sum);
        }
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(perEventId.values()).containsOnly(1);
    }
}
