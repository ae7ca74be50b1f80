package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.audit.AuditService;
import dev.tasklane.consumers.audit.AuditSettings;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.reminders.ReminderSettings;
import dev.tasklane.consumers.reminders.RemindersService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka, PostgreSQL or Redis stopped under a running consumer service and started again: the
 * service stays up (it pauses, it does not crash or skip), reports not-ready while the dependency is
 * away, and catches up afterwards with nothing lost and nothing doubled. The dependency stopped is
 * a private instance of the stack's own component classes (stopping the shared stack's would
 * break the other tests in this JVM); everything else is the shared stack's.
 */
class DependencyOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @Test
    void auditPausesWhileKafkaIsDownAndCatchesUpAfter() throws Exception {
        String url = newDatabase();
        String topic = "outage-kafka-" + UUID.randomUUID();
        EmbeddedKafka kafka = new EmbeddedKafka(directory.resolve("kafka"), ServiceProcess.freePort(), ServiceProcess.freePort()).start();
        try {
            int events = 4_000;
            SyntheticEvents.send(kafka.bootstrapServers(), topic, updates(events));
            try (AuditService audit = AuditService.start(auditSettings(kafka.bootstrapServers(), topic, url))) {
                LongSupplier rows = () -> rows(url);
                ConsumerCrashTest.awaitAtLeast(rows, 1, Duration.ofSeconds(60), null);
                kafka.stop();
                long atStop = rows.getAsLong();
                awaitReady(audit.port(), false);
                Thread.sleep(2_000);
                assertThat(rows.getAsLong()).as("nothing written past what was polled before the stop").isLessThanOrEqualTo(events);

                kafka.start();
                // Events published after the outage arrive too: the consumer rejoined, it did not just drain a buffer.
                SyntheticEvents.send(kafka.bootstrapServers(), topic, updates(1_000));
                ConsumerCrashTest.awaitAtLeast(rows, events + 1_000, Duration.ofSeconds(90), null);
                awaitReady(audit.port(), true);
                Thread.sleep(500);
                assertThat(rows.getAsLong()).as("one row per event (%d before the stop)", atStop).isEqualTo(events + 1_000);
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void auditPausesWhilePostgresIsDownAndCatchesUpAfter() throws Exception {
        Path data = directory.resolve("postgres");
        int port = ServiceProcess.freePort();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, port);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        String topic = "outage-postgres-" + UUID.randomUUID();
        String bootstrap = StackExtension.stack().kafka().bootstrapServers();
        int events = 6_000;
        SyntheticEvents.send(bootstrap, topic, updates(events));
        try (AuditService audit = AuditService.start(auditSettings(bootstrap, topic, url))) {
            LongSupplier rows = () -> rows(url);
            ConsumerCrashTest.awaitAtLeast(rows, 300, Duration.ofSeconds(60), null);
            postgres.close();
            awaitReady(audit.port(), false);
            Thread.sleep(2_000);

            postgres = EmbeddedPostgresServer.start(data, port);
            ConsumerCrashTest.awaitAtLeast(rows, events, Duration.ofSeconds(90), null);
            awaitReady(audit.port(), true);
            Thread.sleep(500);
            assertThat(rows.getAsLong()).as("one row per event").isEqualTo(events);
        } finally {
            postgres.close();
        }
    }

    @Test
    void remindersSurviveARedisRestartAndFireEveryReminderOnce() throws Exception {
        String topic = "outage-redis-" + UUID.randomUUID();
        String bootstrap = StackExtension.stack().kafka().bootstrapServers();
        int port = ServiceProcess.freePort();
        EmbeddedRedis redis = EmbeddedRedis.start(port);
        int reminders = 40;
        Instant first = Instant.now().plusSeconds(12);
        Set<String> tasks = new HashSet<>();
        List<TaskEvent> batch = new ArrayList<>();
        UUID user = UUID.randomUUID();
        for (int i = 0; i < reminders; i++) {
            UUID task = UUID.randomUUID();
            tasks.add(task.toString());
            batch.add(SyntheticEvents.createdWithReminder(user, task, first.plusMillis(i * 25L)));
        }
        Map<String, String> env = new HashMap<>(Map.of("TASKLANE_PORT", "0", "TASKLANE_HOST", "127.0.0.1",
                "TASKLANE_KAFKA_BOOTSTRAP", bootstrap, "TASKLANE_KAFKA_TOPIC", topic, "TASKLANE_CONSUMER_GROUP", "outage-" + UUID.randomUUID(),
                "TASKLANE_REDIS_URL", redis.url()));
        try (RemindersService service = RemindersService.start(ReminderSettings.fromEnvironment(env));
             ConsumerCrashTest.TopicReader emitted = new ConsumerCrashTest.TopicReader(topic)) {
            SyntheticEvents.send(bootstrap, topic, batch);
            Thread.sleep(3_000);
            // Redis goes away with the schedule in it (the embedded server keeps nothing on disk).
            redis.close();
            awaitReady(service.port(), false);
            Thread.sleep(2_000);
            redis = EmbeddedRedis.start(port);
            awaitReady(service.port(), true);

            Map<String, Set<String>> idsByTask = new HashMap<>();
            Instant deadline = Instant.now().plusSeconds(40);
            while (Instant.now().isBefore(deadline) && idsByTask.size() < reminders) {
                collect(emitted, tasks, idsByTask);
            }
            Instant lingerEnd = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(lingerEnd)) {
                collect(emitted, tasks, idsByTask);
            }
            assertThat(idsByTask).as("every reminder fired after the schedule was rebuilt").hasSize(reminders);
            assertThat(idsByTask.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        } finally {
            redis.close();
        }
    }

    private static void collect(ConsumerCrashTest.TopicReader reader, Set<String> tasks, Map<String, Set<String>> idsByTask)
            throws java.io.IOException {
        for (ConsumerRecord<String, byte[]> record : reader.poll()) {
            JsonNode event = JSON.readTree(record.value());
            if (TaskEvent.REMINDER_DUE.equals(event.path("type").asText()) && tasks.contains(record.key())) {
                idsByTask.computeIfAbsent(record.key(), k -> new HashSet<>()).add(event.path("id").asText());
            }
        }
    }

    private static List<TaskEvent> updates(int count) {
        UUID user = UUID.randomUUID();
        List<TaskEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(SyntheticEvents.updated(user, UUID.randomUUID()));
        }
        return events;
    }

    private static AuditSettings auditSettings(String bootstrap, String topic, String url) {
        return AuditSettings.fromEnvironment(Map.of("TASKLANE_PORT", "0", "TASKLANE_HOST", "127.0.0.1",
                "TASKLANE_KAFKA_BOOTSTRAP", bootstrap, "TASKLANE_KAFKA_TOPIC", topic, "TASKLANE_CONSUMER_GROUP", "outage-" + UUID.randomUUID(),
                "TASKLANE_DB_URL", url, "TASKLANE_DB_USER", "postgres", "TASKLANE_DB_PASSWORD", "postgres"));
    }

    /** A database of its own in the stack's PostgreSQL, so the stack's audit service never writes there. */
    private static String newDatabase() throws Exception {
        String name = "outage_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(StackExtension.stack().postgres().jdbcUrl());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://localhost:" + StackExtension.stack().postgres().port() + "/" + name;
    }

    private static long rows(String url) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM audit.event_log")) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1; // PostgreSQL itself is away in one test
        }
    }

    /** Waits until /observe/health answers 200 (ready) or 503 (not ready). */
    private static void awaitReady(int port, boolean ready) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plusSeconds(30);
        int status = -1;
        while (Instant.now().isBefore(deadline)) {
            status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if ((status == 200) == ready) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health stayed " + status + ", expected " + (ready ? "ready" : "not ready"));
    }
}
