package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.kit.event.TaskEvent;
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
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of each consumer service mid-stream, then a restart: nothing is lost and no effect is
 * doubled. Each service runs as its own JVM ({@link ServiceProcess}) on the stack's Kafka,
 * PostgreSQL and server, but on a topic, database or Redis of its own, so the stack's in-process
 * services cannot do the work the killed one dropped.
 */
class ConsumerCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logs;

    private static String bootstrap() {
        return StackExtension.stack().kafka().bootstrapServers();
    }

    private static Map<String, String> kafkaEnv(String topic) {
        return new HashMap<>(Map.of("TASKLANE_KAFKA_BOOTSTRAP", bootstrap(), "TASKLANE_KAFKA_TOPIC", topic,
                "TASKLANE_DLQ_TOPIC", topic + ".dlq", "TASKLANE_CONSUMER_GROUP", "crash-" + UUID.randomUUID()));
    }

    @Test
    void auditKilledMidStreamAppendsEveryEventExactlyOnceAfterRestart() throws Exception {
        String topic = "crash-audit-" + UUID.randomUUID();
        String database = "crash_audit_" + UUID.randomUUID().toString().replace("-", "");
        String adminUrl = StackExtension.stack().postgres().jdbcUrl();
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        String url = "jdbc:postgresql://localhost:" + StackExtension.stack().postgres().port() + "/" + database;
        int events = 6_000;
        UUID user = UUID.randomUUID();
        List<TaskEvent> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(SyntheticEvents.updated(user, UUID.randomUUID()));
        }
        SyntheticEvents.send(bootstrap(), topic, batch);
        Map<String, String> env = kafkaEnv(topic);
        env.putAll(Map.of("TASKLANE_DB_URL", url, "TASKLANE_DB_USER", "postgres", "TASKLANE_DB_PASSWORD", "postgres"));
        LongSupplier rows = () -> auditRows(url)[0];

        try (ServiceProcess audit = new ServiceProcess("dev.tasklane.consumers.audit.Main", env, logs).start()) {
            awaitAtLeast(rows, 500, Duration.ofSeconds(60), audit);
            audit.kill();
            long atKill = rows.getAsLong();
            assertThat(atKill).as("killed mid-stream, not after the last event").isLessThan(events);

            audit.start();
            awaitAtLeast(rows, events, Duration.ofSeconds(90), audit);
            Thread.sleep(1_000);
            long[] counts = auditRows(url);
            assertThat(counts).as("rows, distinct event ids (killed at %d)", atKill).containsExactly(events, events);
        }
    }

    @Test
    void remindersKilledWhileFiringEmitEveryReminderUnderOneIdAfterRestart() throws Exception {
        String topic = "crash-reminders-" + UUID.randomUUID();
        int reminders = 150;
        UUID user = UUID.randomUUID();
        Instant first = Instant.now().plusSeconds(12);
        List<TaskEvent> batch = new ArrayList<>();
        Set<String> tasks = new HashSet<>();
        for (int i = 0; i < reminders; i++) {
            UUID task = UUID.randomUUID();
            tasks.add(task.toString());
            // Spread over 6 s, so the kill lands while reminders are being fired.
            batch.add(SyntheticEvents.createdWithReminder(user, task, first.plusMillis(i * 40L)));
        }
        SyntheticEvents.send(bootstrap(), topic, batch);
        // A Redis of its own: the stack's reminders service shares the stack's Redis schedule.
        try (EmbeddedRedis redis = EmbeddedRedis.start(ServiceProcess.freePort());
             TopicReader emitted = new TopicReader(topic)) {
            Map<String, String> env = kafkaEnv(topic);
            env.putAll(Map.of("TASKLANE_REDIS_URL", redis.url(), "TASKLANE_REMINDER_LEASE", "PT2S"));
            Map<String, Set<String>> idsByTask = new HashMap<>();
            LongSupplier distinctTasks = () -> {
                for (ConsumerRecord<String, byte[]> record : emitted.poll()) {
                    JsonNode event = read(record);
                    if (TaskEvent.REMINDER_DUE.equals(event.path("type").asText()) && tasks.contains(record.key())) {
                        idsByTask.computeIfAbsent(record.key(), k -> new HashSet<>()).add(event.path("id").asText());
                    }
                }
                return idsByTask.size();
            };
            try (ServiceProcess service = new ServiceProcess("dev.tasklane.consumers.reminders.Main", env, logs).start()) {
                awaitAtLeast(distinctTasks, 10, Duration.ofSeconds(40), service);
                service.kill();
                long atKill = distinctTasks.getAsLong();
                assertThat(atKill).as("killed while firing").isLessThan(reminders);

                service.start();
                awaitAtLeast(distinctTasks, reminders, Duration.ofSeconds(40), service);
                // Linger past a lease, for a reminder emitted again under a new id.
                Thread.sleep(2_500);
                distinctTasks.getAsLong();
                assertThat(idsByTask).as("every reminder emitted (killed after %d)", atKill).hasSize(reminders);
                // Re-emits after a lost lease carry the same id, which receivers store once (docs/events.md).
                assertThat(idsByTask.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
            }
        }
    }

    @Test
    void recurrenceKilledMidStreamCreatesEveryNextOccurrenceOnceAfterRestart() throws Exception {
        String topic = "crash-recurrence-" + UUID.randomUUID();
        JsonNode login = Http.newUser();
        String token = login.path("accessToken").asText();
        // The access token's subject is the user (a JWT: header.payload.signature).
        UUID user = UUID.fromString(JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText());
        int series = 120;
        List<TaskEvent> batch = new ArrayList<>();
        for (int i = 0; i < series; i++) {
            TaskEvent completed = SyntheticEvents.completedDaily(user, UUID.randomUUID());
            batch.add(completed);
            if (i % 3 == 0) {
                batch.add(completed); // redelivered: must still be one occurrence
            }
        }
        SyntheticEvents.send(bootstrap(), topic, batch);
        Map<String, String> env = kafkaEnv(topic);
        env.putAll(Map.of("TASKLANE_SYNC_INTERNAL_URL", "http://127.0.0.1:" + StackExtension.stack().server().internalPort().orElseThrow(),
                "TASKLANE_SERVICE_TOKEN", LocalStack.SERVICE_TOKEN));
        LongSupplier open = () -> {
            try {
                return Http.call("GET", "/api/v1/tasks?completed=false&limit=1", token, null).body().path("total").asLong();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        try (ServiceProcess recurrence = new ServiceProcess("dev.tasklane.consumers.recurrence.Main", env, logs).start()) {
            awaitAtLeast(open, 15, Duration.ofSeconds(60), recurrence);
            recurrence.kill();
            long atKill = open.getAsLong();
            assertThat(atKill).as("killed mid-stream").isLessThan(series);

            recurrence.start();
            awaitAtLeast(open, series, Duration.ofSeconds(90), recurrence);
            Thread.sleep(1_000);
            assertThat(open.getAsLong()).as("one next occurrence per series (killed at %d)", atKill).isEqualTo(series);
        }
    }

    private static long[] auditRows(String url) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            // Before the service's first migration the schema is not there yet.
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('audit.event_log') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return new long[] {0, 0};
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT count(*), count(DISTINCT event_id) FROM audit.event_log")) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitAtLeast(LongSupplier value, long target, Duration timeout, ServiceProcess service) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long last = value.getAsLong();
        while (last < target && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            last = value.getAsLong();
        }
        assertThat(last).as("reached within %s\n%s", timeout, service == null ? "" : service.log()).isGreaterThanOrEqualTo(target);
    }

    private static JsonNode read(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a topic from its beginning, a poll at a time. */
    static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;

        TopicReader(String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-reader-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            consumer = new KafkaConsumer<>(props);
            consumer.subscribe(List.of(topic));
        }

        Iterable<ConsumerRecord<String, byte[]>> poll() {
            return consumer.poll(Duration.ofMillis(100));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
