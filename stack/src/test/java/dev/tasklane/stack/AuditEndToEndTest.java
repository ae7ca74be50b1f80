package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.audit.AuditService;
import dev.tasklane.connections.KafkaConnection;
import dev.tasklane.consumers.kit.kafka.DeadLetterReplay;
import dev.tasklane.consumers.kit.kafka.DeadLetters;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.ratelimit.RateLimits;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import dev.tasklane.consumers.audit.log.AuditLog;
import dev.tasklane.consumers.audit.log.FieldChange;
import dev.tasklane.consumers.audit.log.HistoryEntry;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The audit service in the running stack: every event lands once in its log whatever Kafka
 * redelivers, the sync server's history endpoint reads it through audit's internal HTTP, poison
 * goes to the dead-letter topic without stopping later events, and Dapr-style deliveries use
 * the same handler.
 */
class AuditEndToEndTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static AuditService audit() {
        return StackExtension.stack().audit();
    }

    /** Polls until the condition holds (events travel outbox → Kafka → audit asynchronously). */
    private static <T> T eventually(Callable<T> value, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T last = value.call();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = value.call();
        }
        return last;
    }

    private static JsonNode history(String token, String id) throws Exception {
        Http.Reply reply = Http.call("GET", "/api/v1/tasks/" + id + "/history", token, null);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.path("items").forEach(item -> types.add(item.path("type").asText()));
        return types;
    }

    private static String cloudEvent(String id, UUID user, UUID task, String extra) {
        return """
                {"specversion":"1.0","id":"%s","source":"/tasklane/sync-server","type":"task.updated","subject":"%s",
                 "time":"2026-12-01T08:00:00Z","datacontenttype":"application/json",%s
                 "data":{"userId":"%s","taskId":"%s","deviceId":"dev-1","changedFields":["notes"],"task":{"notes":"x"}}}
                """.formatted(id, task, extra, user, task);
    }

    @Test
    void historyShowsCreateUpdateCompleteNewestFirstWithOldAndNewValues() throws Exception {
        String token = Http.newUserToken();
        String id = Http.call("POST", "/api/v1/tasks", token, "{\"title\":\"Buy milk\"}").body().path("id").asText();
        assertThat(Http.call("PATCH", "/api/v1/tasks/" + id, token, "{\"title\":\"Buy oat milk\"}").status()).isEqualTo(200);
        assertThat(Http.call("POST", "/api/v1/tasks/" + id + "/complete", token, null).status()).isEqualTo(200);

        JsonNode page = eventually(() -> history(token, id), p -> p.path("items").size() >= 3);

        assertThat(types(page)).containsExactly("task.completed", "task.updated", "task.created");
        JsonNode update = page.path("items").get(1);
        assertThat(update.path("device").asText()).isEqualTo("rest");
        assertThat(update.path("changes")).hasSize(1);
        assertThat(update.path("changes").get(0)).isEqualTo(MAPPER.readTree(
                "{\"field\":\"title\",\"from\":\"Buy milk\",\"to\":\"Buy oat milk\"}"));
        JsonNode completion = page.path("items").get(0).path("changes").get(0);
        assertThat(completion.path("field").asText()).isEqualTo("completedAt");
        assertThat(completion.path("from").isNull()).isTrue();
        assertThat(completion.path("to").asText()).isNotEmpty();
    }

    @Test
    void historyPagesNewestFirst() throws Exception {
        String token = Http.newUserToken();
        String id = Http.call("POST", "/api/v1/tasks", token, "{\"title\":\"v0\"}").body().path("id").asText();
        for (int i = 1; i <= 4; i++) {
            Http.call("PATCH", "/api/v1/tasks/" + id, token, "{\"title\":\"v" + i + "\"}");
        }
        eventually(() -> history(token, id), p -> p.path("items").size() >= 5);

        JsonNode first = Http.call("GET", "/api/v1/tasks/" + id + "/history?limit=2", token, null).body();
        JsonNode second = Http.call("GET", "/api/v1/tasks/" + id + "/history?limit=2&before=" + first.path("next").asText(),
                token, null).body();
        JsonNode third = Http.call("GET", "/api/v1/tasks/" + id + "/history?limit=2&before=" + second.path("next").asText(),
                token, null).body();

        List<String> titles = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.path("items").forEach(item -> item.path("changes").forEach(change -> {
                if (change.path("field").asText().equals("title")) {
                    titles.add(change.path("to").asText());
                }
            }));
        }
        assertThat(titles).containsExactly("v4", "v3", "v2", "v1", "v0");
        assertThat(third.path("next").isNull()).isTrue();
    }

    @Test
    void anotherUsersTaskHistoryIsNotFound() throws Exception {
        String owner = Http.newUserToken();
        String stranger = Http.newUserToken();
        String id = Http.call("POST", "/api/v1/tasks", owner, "{\"title\":\"Private\"}").body().path("id").asText();

        Http.Reply reply = Http.call("GET", "/api/v1/tasks/" + id + "/history", stranger, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void badHistoryQueriesAreProblems() throws Exception {
        String token = Http.newUserToken();
        String id = Http.call("POST", "/api/v1/tasks", token, "{\"title\":\"Q\"}").body().path("id").asText();

        assertThat(Http.call("GET", "/api/v1/tasks/" + id + "/history?limit=0", token, null).status()).isEqualTo(400);
        assertThat(Http.call("GET", "/api/v1/tasks/" + id + "/history?before=x", token, null).status()).isEqualTo(400);
        assertThat(Http.call("GET", "/api/v1/tasks/not-a-uuid/history", token, null).status()).isEqualTo(400);
        assertThat(Http.call("GET", "/api/v1/tasks/" + id + "/history", null, null).status()).isEqualTo(401);
    }

    @Test
    void auditDownMakesHistoryA503WithRetryAfterAndNothingElse() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        LocalStack stack = StackExtension.stack();
        ServerConfig config = ServerConfig.of(0, new ServerConfig.Database(stack.postgres().jdbcUrl(), "postgres", "postgres", 2),
                "end-to-end-test-secret-0123456789-abcdef".getBytes(StandardCharsets.UTF_8), Optional.empty(),
                Optional.empty(), new RateLimits(10_000, 10, 10_000, Duration.ofMinutes(1)))
                .withInternal(new ServerConfig.Internal(Optional.of(URI.create("http://localhost:" + deadPort)), 0,
                        Optional.empty()));
        String token = Http.newUserToken();
        try (SyncServer server = SyncServer.start(config)) {
            Http.Reply created = Http.call(server.port(), "POST", "/api/v1/tasks", token, "{\"title\":\"Still works\"}");
            assertThat(created.status()).isEqualTo(201);
            String id = created.body().path("id").asText();

            HttpResponse<String> history = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + server.port() + "/api/v1/tasks/" + id + "/history"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(history.statusCode()).isEqualTo(503);
            assertThat(history.headers().firstValue("Retry-After")).contains("5");
            assertThat(history.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(MAPPER.readTree(history.body()).path("code").asText()).isEqualTo("history_unavailable");
            assertThat(Http.call(server.port(), "GET", "/api/v1/tasks/" + id, token, null).status()).isEqualTo(200);
        }
    }

    @Test
    void redeliveredEventsAddNoRows() throws Exception {
        String token = Http.newUserToken();
        String id = Http.call("POST", "/api/v1/tasks", token, "{\"title\":\"Once\"}").body().path("id").asText();
        ConsumerRecord<String, byte[]> created = KafkaRecords.read("task-events", r -> id.equals(r.key()), 1,
                Duration.ofSeconds(30)).getFirst();
        String eventId = MAPPER.readTree(created.value()).path("id").asText();
        eventually(() -> audit().log().rowsFor(eventId), rows -> rows == 1);

        // Kafka redelivers it twice (as after a crash before the commit), then a later change follows.
        KafkaRecords.send("task-events", id, created.value(), created.value());
        assertThat(Http.call("PATCH", "/api/v1/tasks/" + id, token, "{\"notes\":\"after\"}").status()).isEqualTo(200);
        JsonNode page = eventually(() -> history(token, id), p -> p.path("items").size() >= 2);

        // The later change was consumed after the redeliveries (same key, same partition, in order).
        assertThat(types(page)).containsExactly("task.updated", "task.created");
        assertThat(audit().log().rowsFor(eventId)).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWhileLaterEventsAreProcessed() throws Exception {
        UUID user = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        String goodId = "after-poison-" + UUID.randomUUID();
        KafkaRecords.send("task-events", task.toString(), "{not a cloud event".getBytes(StandardCharsets.UTF_8),
                cloudEvent(goodId, user, task, "").getBytes(StandardCharsets.UTF_8));

        assertThat(eventually(() -> audit().log().rowsFor(goodId), rows -> rows == 1)).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> dead = KafkaRecords.read("task-events.dlq",
                r -> task.toString().equals(r.key()) && "audit".equals(KafkaRecords.header(r, DeadLetters.SERVICE)), 1,
                Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, byte[]> letter = dead.getFirst();
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{not a cloud event");
        assertThat(KafkaRecords.header(letter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo("task-events");
        assertThat(KafkaRecords.header(letter, DeadLetters.ORIGINAL_OFFSET)).matches("\\d+");
        assertThat(KafkaRecords.header(letter, DeadLetters.ORIGINAL_PARTITION)).matches("\\d+");
        assertThat(KafkaRecords.header(letter, DeadLetters.ERROR_CLASS)).endsWith("MalformedEvent");
    }

    @Test
    void aReplayedDeadLetterIsProcessed() throws Exception {
        // As if audit had given up on this event (e.g. a bug, since fixed) and dead-lettered it.
        UUID task = UUID.randomUUID();
        String id = "replayed-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StackExtension.stack().kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, byte[]> letter = new ProducerRecord<>("task-events.dlq", task.toString(),
                    cloudEvent(id, UUID.randomUUID(), task, "").getBytes(StandardCharsets.UTF_8));
            letter.headers().add(DeadLetters.SERVICE, "audit".getBytes(StandardCharsets.UTF_8));
            letter.headers().add(DeadLetters.ORIGINAL_TOPIC, "task-events".getBytes(StandardCharsets.UTF_8));
            producer.send(letter).get();
        }

        long replayed = DeadLetterReplay.replay(KafkaConnection.plaintext(StackExtension.stack().kafka().bootstrapServers()), "task-events.dlq",
                Optional.of("audit"), "e2e-replay-" + UUID.randomUUID());

        assertThat(replayed).isGreaterThanOrEqualTo(1);
        assertThat(eventually(() -> audit().log().rowsFor(id), rows -> rows == 1)).isEqualTo(1);
    }

    @Test
    void aDaprDeliveryGoesThroughTheSameHandlerOncePerEventId() throws Exception {
        int port = audit().port();
        HttpResponse<String> subscribe = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dapr/subscribe"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(MAPPER.readTree(subscribe.body())).isEqualTo(MAPPER.readTree("""
                [{"pubsubname":"pubsub","topic":"task-events","route":"/dapr/events","deadLetterTopic":"task-events.dlq"}]"""));

        String id = "dapr-" + UUID.randomUUID();
        // As daprd posts it: the CloudEvent plus its own attributes (topic, pubsubname, trace context).
        String body = cloudEvent(id, UUID.randomUUID(), UUID.randomUUID(),
                "\"topic\":\"task-events\",\"pubsubname\":\"pubsub\",\"traceid\":\"00-1-2-01\",\"traceparent\":\"00-1-2-01\",\"tracestate\":\"\",");
        for (int delivery = 0; delivery < 2; delivery++) {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dapr/events"))
                    .header("Content-Type", "application/cloudevents+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(MAPPER.readTree(reply.body()).path("status").asText()).isEqualTo("SUCCESS");
        }
        assertThat(audit().log().rowsFor(id)).isEqualTo(1);
    }

    @Test
    void aBatchSplitIntoParallelTransactionsKeepsEachTasksOrderAndOneRowPerEvent() throws Exception {
        // 150 and then 400 entries: both above the size from which the log splits a batch by task.
        UUID user = UUID.randomUUID();
        List<UUID> tasks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            tasks.add(UUID.randomUUID());
        }
        List<AuditLog.Entry> entries = new ArrayList<>();
        String prefix = "split-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 400; i++) {
            var data = MAPPER.createObjectNode().put("userId", user.toString());
            data.putObject("task").put("n", i);
            entries.add(new AuditLog.Entry(prefix + i, "task.updated", user, tasks.get(i % tasks.size()),
                    Instant.now(), Optional.of("d"), List.of("n"), data));
        }

        assertThat(audit().log().append(entries.subList(0, 150))).isEqualTo(150);
        // Redelivery of the first 150 inside a larger batch: only the 250 new ones are added.
        assertThat(audit().log().append(entries)).isEqualTo(250);

        try (var connection = DriverManager.getConnection(StackExtension.stack().postgres().jdbcUrl(), "postgres", "postgres");
             var query = connection.prepareStatement("SELECT event_id, data::json -> 'task' ->> 'n' FROM audit.event_log WHERE task_id = ? ORDER BY seq")) {
            for (int t = 0; t < tasks.size(); t++) {
                query.setObject(1, tasks.get(t));
                List<String> ids = new ArrayList<>();
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                        // The row keeps the event's data, task snapshot included.
                        assertThat(prefix + rows.getString(2)).isEqualTo(rows.getString(1));
                    }
                }
                List<String> expected = new ArrayList<>();
                for (int i = t; i < 400; i += tasks.size()) {
                    expected.add(prefix + i);
                }
                assertThat(ids).as("task %d's rows in its order, once each", t).isEqualTo(expected);
            }
        }
    }

    @Test
    void aRowHoldsTheEventAsSentWhetherCopiedOrInsertedPastARedelivery() throws Exception {
        // The common batch goes in by binary COPY; a batch with a redelivered event in it by the
        // INSERT that skips it. Both must store the same thing: the time to the microsecond (rounded
        // as PostgreSQL rounds text), no device as NULL, names and data in any script, as JSON.
        UUID user = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        String prefix = "as-sent-" + UUID.randomUUID() + "-";
        String data = "{\"userId\":\"" + user + "\",\"task\":{\"title\":\"Zahlung \\\"Miete\\\" für März ☕\\n\"}}";
        List<String> changed = List.of("title", "odd \"name\"\\\u0001");
        Instant time = Instant.parse("2026-12-01T08:00:00.123456789Z");
        AuditLog.Entry copied = new AuditLog.Entry(prefix + 1, "task.updated", user, task, time, Optional.empty(), changed,
                data.getBytes(StandardCharsets.UTF_8));
        AuditLog.Entry inserted = new AuditLog.Entry(prefix + 2, "task.updated", user, task, time, Optional.of("Anna’s laptop"),
                changed, data.getBytes(StandardCharsets.UTF_8));

        assertThat(audit().log().append(List.of(copied))).isEqualTo(1);
        assertThat(audit().log().append(List.of(copied, inserted))).as("the first is a redelivery").isEqualTo(1);

        try (var connection = DriverManager.getConnection(StackExtension.stack().postgres().jdbcUrl(), "postgres", "postgres");
             var query = connection.prepareStatement("""
                     SELECT event_id, event_time, device, changed_fields::jsonb = ?::jsonb, data::text, user_id, task_id
                     FROM audit.event_log WHERE task_id = ? ORDER BY seq""")) {
            query.setString(1, MAPPER.writeValueAsString(changed));
            query.setObject(2, task);
            try (var rows = query.executeQuery()) {
                for (String device : new String[] {null, "Anna’s laptop"}) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getObject(2, java.time.OffsetDateTime.class).toInstant())
                            .isEqualTo(Instant.parse("2026-12-01T08:00:00.123457Z"));
                    assertThat(rows.getString(3)).isEqualTo(device);
                    assertThat(rows.getBoolean(4)).as("changed fields").isTrue();
                    assertThat(rows.getString(5)).isEqualTo(data);
                    assertThat(rows.getObject(6)).isEqualTo(user);
                    assertThat(rows.getObject(7)).isEqualTo(task);
                }
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void anEventWithoutATaskSnapshotDoesNotBlankTheNextChangesOldValues() throws Exception {
        // A reminder firing (and a recurrence trigger) sits in a task's history between two edits
        // but carries no task snapshot: the edit after it still shows the value it replaced.
        UUID user = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        String prefix = "between-" + UUID.randomUUID() + "-";
        Instant at = Instant.parse("2026-12-01T08:00:00Z");
        var created = MAPPER.createObjectNode().put("userId", user.toString());
        created.putObject("task").put("title", "Call mum").put("notes", "a");
        var edited = MAPPER.createObjectNode().put("userId", user.toString());
        edited.putObject("task").put("title", "Call mum").put("notes", "b");
        var reminded = MAPPER.createObjectNode().put("userId", user.toString()).put("title", "Call mum");
        var editedAgain = MAPPER.createObjectNode().put("userId", user.toString());
        editedAgain.putObject("task").put("title", "Call mum").put("notes", "c");
        audit().log().append(List.of(
                new AuditLog.Entry(prefix + 1, "task.created", user, task, at,
                        Optional.of("d"), List.of("title", "notes"), created),
                new AuditLog.Entry(prefix + 2, "task.updated", user, task, at.plusSeconds(60),
                        Optional.of("d"), List.of("notes"), edited),
                new AuditLog.Entry(prefix + 3, "task.reminder.due", user, task, at.plusSeconds(120),
                        Optional.empty(), List.of(), reminded),
                new AuditLog.Entry(prefix + 4, "task.updated", user, task, at.plusSeconds(180),
                        Optional.of("d"), List.of("notes"), editedAgain)));

        var page = audit().log().history(user, task, OptionalLong.empty(), 10);

        assertThat(page.items()).extracting(HistoryEntry::type)
                .containsExactly("task.updated", "task.reminder.due", "task.updated", "task.created");
        assertThat(page.items().get(0).changes()).containsExactly(new FieldChange(
                "notes", MAPPER.getNodeFactory().textNode("b"), MAPPER.getNodeFactory().textNode("c")));
        assertThat(page.items().get(2).changes()).containsExactly(new FieldChange(
                "notes", MAPPER.getNodeFactory().textNode("a"), MAPPER.getNodeFactory().textNode("b")));
        // Paged one at a time, the newest entry still finds the value it replaced further back.
        var first = audit().log().history(user, task, OptionalLong.empty(), 1);
        assertThat(first.items().getFirst().changes()).isEqualTo(page.items().get(0).changes());
    }

    @Test
    void theLogRefusesUpdatesAndDeletes() throws Exception {
        audit().log().append(List.of(new AuditLog.Entry("kept-" + UUID.randomUUID(), "task.updated",
                UUID.randomUUID(), UUID.randomUUID(), Instant.now(), Optional.empty(), List.of(),
                MAPPER.createObjectNode())));
        try (var connection = DriverManager.getConnection(StackExtension.stack().postgres().jdbcUrl(), "postgres", "postgres");
             var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit.event_log"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit.event_log SET type = 'x'"))
                    .hasMessageContaining("append-only");
        }
    }
}
