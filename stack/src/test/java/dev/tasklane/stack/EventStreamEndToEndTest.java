package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.events.TaskEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Server-sent events across replicas, resume by Last-Event-ID, and reminders from Kafka. */
class EventStreamEndToEndTest {

    private static long cursor(SseClient.Event event) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(event.data()).path("cursor").asLong();
    }

    private static void create(int port, String token, String title) throws Exception {
        assertThat(Http.call(port, "POST", "/api/v1/tasks", token, "{\"title\":\"" + title + "\"}").status()).isEqualTo(201);
    }

    @Test
    void aPushOnOneReplicaReachesAStreamHeldByAnotherWithinOneSecond() throws Exception {
        String token = Http.newUserToken();
        int replicaA = StackExtension.stack().server().port();
        try (SyncServer replicaB = StackExtension.stack().startReplica(0);
             SseClient stream = new SseClient(replicaB.port(), token, Optional.empty())) {
            long start = System.nanoTime();
            create(replicaA, token, "Pushed on A");
            SseClient.Event event = stream.next(Duration.ofSeconds(5)).orElseThrow();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(event.name()).isEqualTo("sync");
            assertThat(cursor(event)).isEqualTo(1);
            assertThat(millis).isLessThan(1_000);
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysWhatWasMissed() throws Exception {
        String token = Http.newUserToken();
        int port = StackExtension.stack().server().port();
        String firstId;
        try (SseClient stream = new SseClient(port, token, Optional.empty())) {
            create(port, token, "one");
            firstId = stream.next(Duration.ofSeconds(5)).orElseThrow().id();
        }
        create(port, token, "two");
        create(port, token, "three");
        try (SseClient resumed = new SseClient(port, token, Optional.of(firstId))) {
            SseClient.Event second = resumed.next(Duration.ofSeconds(5)).orElseThrow();
            SseClient.Event third = resumed.next(Duration.ofSeconds(5)).orElseThrow();
            assertThat(Long.parseLong(second.id())).isGreaterThan(Long.parseLong(firstId));
            assertThat(Long.parseLong(third.id())).isGreaterThan(Long.parseLong(second.id()));
            assertThat(cursor(second)).isEqualTo(2);
            assertThat(cursor(third)).isEqualTo(3);
        }
    }

    @Test
    void aReminderDueEventReachesTheUsersStreamOnceEvenIfSentTwice() throws Exception {
        JsonNode user = Http.newUser();
        String token = user.path("accessToken").asText();
        String userId = user.path("userId").asText();
        int port = StackExtension.stack().server().port();
        UUID taskId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String data = "{\"userId\":\"" + userId + "\",\"taskId\":\"" + taskId + "\",\"title\":\"Pay rent\","
                + "\"fireAt\":\"2026-12-01T08:00:00Z\",\"reminderId\":\"" + taskId + "@1764576000000\"}";
        byte[] value = TaskEvents.serialize(TaskEvents.event(eventId, "task.reminder.due", taskId, OffsetDateTime.now(), data));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StackExtension.stack().kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (SseClient stream = new SseClient(port, token, Optional.empty());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < 2; i++) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(TaskEvents.TOPIC, taskId.toString(), value);
                record.headers().add("content-type", TaskEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
            SseClient.Event reminder = stream.next(Duration.ofSeconds(20)).orElseThrow();
            assertThat(reminder.name()).isEqualTo("reminder");
            assertThat(reminder.data()).contains(taskId.toString()).contains("Pay rent");
            assertThat(stream.next(Duration.ofSeconds(3))).isEmpty();
        }
    }

    @Test
    void anotherUsersStreamSeesNothingOfMine() throws Exception {
        String mine = Http.newUserToken();
        String theirs = Http.newUserToken();
        int port = StackExtension.stack().server().port();
        try (SseClient theirStream = new SseClient(port, theirs, Optional.empty())) {
            create(port, mine, "private");
            assertThat(theirStream.next(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void aStoppingReplicaDrainsItsStreamsAndTheClientResumesOnAnother() throws Exception {
        String token = Http.newUserToken();
        int replicaA = StackExtension.stack().server().port();
        String lastId;
        SyncServer replicaB = StackExtension.stack().startReplica(0);
        try (SseClient stream = new SseClient(replicaB.port(), token, Optional.empty())) {
            create(replicaA, token, "before the drain");
            lastId = stream.next(Duration.ofSeconds(5)).orElseThrow().id();
            long start = System.nanoTime();
            replicaB.close();
            assertThat(stream.endsWithin(Duration.ofSeconds(10))).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        }
        create(replicaA, token, "during the move");
        try (SseClient resumed = new SseClient(replicaA, token, Optional.of(lastId))) {
            assertThat(cursor(resumed.next(Duration.ofSeconds(5)).orElseThrow())).isEqualTo(2);
        }
    }

    @Test
    void redisBackedRateLimitsApplyAcrossReplicas() throws Exception {
        String email = UUID.randomUUID() + "@example.test";
        String body = "{\"email\":\"" + email + "\",\"password\":\"wrong password\",\"deviceName\":\"x\"}";
        int replicaA = StackExtension.stack().server().port();
        try (SyncServer replicaB = StackExtension.stack().startReplica(0)) {
            List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                statuses.add(Http.call(i % 2 == 0 ? replicaA : replicaB.port(), "POST", "/api/v1/auth/login", null, body).status());
            }
            // 10 attempts per account per minute in total, whichever replica answers.
            assertThat(statuses.subList(0, 10)).containsOnly(401);
            assertThat(statuses.subList(10, 12)).containsOnly(429);
        }
    }
}
