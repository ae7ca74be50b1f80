package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.reminders.RemindersService;
import dev.tasklane.consumers.reminders.firing.FiringLoop;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The reminders service in the running stack: a reminder set through REST reaches the user's event
 * stream on time and once; two replicas emit each reminder once; overdue reminders fire marked late
 * up to the cutoff; a wiped Redis is rebuilt from task-events.
 */
class RemindersEndToEndTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String createWithReminder(String token, String title, Instant at) throws Exception {
        Http.Reply reply = Http.call("POST", "/api/v1/tasks", token,
                "{\"title\":\"" + title + "\",\"reminder\":\"at:" + at + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    /** task.reminder.due records for these tasks, reading until {@code expected} arrived, then lingering for duplicates. */
    private static List<JsonNode> remindersFor(Set<String> taskIds, int expected, Duration timeout, Duration linger) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = KafkaRecords.read("task-events",
                r -> taskIds.contains(r.key()) && new String(r.value()).contains("\"task.reminder.due\""),
                expected, timeout, linger);
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            events.add(MAPPER.readTree(record.value()));
        }
        return events;
    }

    @Test
    void aReminderSetThroughRestReachesTheEventStreamWithinOneSecondOfItsFireTimeAndOnce() throws Exception {
        String token = Http.newUserToken();
        Instant fireAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        try (SseClient stream = new SseClient(StackExtension.stack().server().port(), token, Optional.empty())) {
            String id = createWithReminder(token, "Call the dentist", fireAt);

            SseClient.Event reminder = null;
            while (reminder == null) {
                SseClient.Event event = stream.next(Duration.ofSeconds(10)).orElseThrow();
                if ("reminder".equals(event.name())) {
                    reminder = event;
                }
            }
            Instant received = Instant.now();

            JsonNode data = MAPPER.readTree(reminder.data());
            assertThat(data.path("taskId").asText()).isEqualTo(id);
            assertThat(data.path("title").asText()).isEqualTo("Call the dentist");
            assertThat(Instant.parse(data.path("fireAt").asText())).isEqualTo(fireAt);
            // The desktop's own reminder-log key: a device that fired it locally does not show it again.
            assertThat(data.path("reminderId").asText()).isEqualTo(id + "@" + fireAt.toEpochMilli());
            assertThat(data.path("late").asBoolean()).isFalse();
            assertThat(received).isAfterOrEqualTo(fireAt.minusMillis(50));
            assertThat(Duration.between(fireAt, received)).isLessThan(Duration.ofSeconds(1));
            // Once: nothing more for this reminder on the stream.
            Optional<SseClient.Event> more = stream.next(Duration.ofMillis(1500));
            assertThat(more.filter(e -> "reminder".equals(e.name()))).isEmpty();
        }
    }

    @Test
    void twoReplicasEmitEachReminderOnce() throws Exception {
        String token = Http.newUserToken();
        Instant fireAt = Instant.now().plusSeconds(4);
        try (RemindersService second = StackExtension.stack().startRemindersReplica(0)) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                ids.add(createWithReminder(token, "Reminder " + i, fireAt.plusMillis(i * 10L)));
            }

            List<JsonNode> emitted = remindersFor(ids, 20, Duration.ofSeconds(30), Duration.ofSeconds(2));

            assertThat(emitted).hasSize(20);
            assertThat(emitted.stream().map(e -> e.path("id").asText()).distinct()).hasSize(20);
            assertThat(emitted.stream().map(e -> e.path("subject").asText()).distinct()).hasSize(20);
        }
    }

    @Test
    void overdueRemindersFireMarkedLateUpToTheCutoffAndOlderOnesAreCounted() throws Exception {
        String token = Http.newUserToken();
        long skippedBefore = StackExtension.stack().reminders().metrics().counter(FiringLoop.SKIPPED);
        String recent = createWithReminder(token, "Ten minutes ago", Instant.now().minus(Duration.ofMinutes(10)));
        String ancient = createWithReminder(token, "Seven hours ago", Instant.now().minus(Duration.ofHours(7)));

        List<JsonNode> emitted = remindersFor(Set.of(recent, ancient), 1, Duration.ofSeconds(20), Duration.ofSeconds(2));

        assertThat(emitted).hasSize(1);
        assertThat(emitted.getFirst().path("subject").asText()).isEqualTo(recent);
        assertThat(emitted.getFirst().path("data").path("late").asBoolean()).isTrue();
        assertThat(StackExtension.stack().reminders().metrics().counter(FiringLoop.SKIPPED)).isGreaterThan(skippedBefore);
    }

    @Test
    void aWipedRedisIsRebuiltFromTaskEvents() throws Exception {
        String token = Http.newUserToken();
        Instant fireAt = Instant.now().plusSeconds(8);
        String id = createWithReminder(token, "Survives a wipe", fireAt);
        Thread.sleep(1_500); // let the service schedule it

        Config config = new Config();
        config.useSingleServer().setAddress(StackExtension.stack().redis().url());
        RedissonClient redis = Redisson.create(config);
        try {
            redis.getKeys().flushall();
        } finally {
            redis.shutdown();
        }

        List<JsonNode> emitted = remindersFor(Set.of(id), 1, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(emitted).hasSize(1);
        assertThat(emitted.getFirst().path("data").path("reminderId").asText()).isEqualTo(id + "@" + fireAt.toEpochMilli());
    }
}
