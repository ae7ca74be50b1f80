package dev.tasklane.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.task.Task;
import dev.tasklane.server.observe.ServerMetrics;
import dev.tasklane.server.sync.SyncService;
import dev.tasklane.server.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay keeps two batches in flight; this pins down what that must not change: a row is
 * marked sent only after its own acknowledgement, and each task's events reach Kafka in outbox
 * order, also across a failed send.
 *
 * <p>Kafka's {@link MockProducer} stands in for the broker here, on purpose: the property is about
 * the order in which acknowledgements arrive relative to the relay's reads and marks, and only a
 * producer whose acknowledgements the test releases one by one can hold the relay at each of those
 * points. The real broker path (relay → KRaft Kafka → consumer, per-task order) is covered by the
 * stack's {@code TaskEventsEndToEndTest}.
 */
@ExtendWith(PostgresExtension.class)
class OutboxRelayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int BATCH = 2_000;

    private final DataSource dataSource;

    OutboxRelayTest(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void rowsAreMarkedOnlyAfterTheirAcknowledgementAndEachTaskKeepsItsOrder() throws Exception {
        UUID user = PostgresExtension.newUser(dataSource);
        List<UUID> mine = seedEvents(user, 3, 4_500); // three tasks, 4,500 events: more than two batches
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        Acknowledgements acks = new Acknowledgements(producer);
        try (OutboxRelay relay = new OutboxRelay(dataSource, producer, "relay-test", Duration.ofMillis(10))) {
            long backlog = relay.lag(); // ours, plus any unsent rows other tests left behind
            relay.start();

            // Two batches go out before any acknowledgement, and nothing is marked sent yet.
            await(() -> producer.history().size() == 2 * BATCH);
            List<UUID> sent = eventIds(producer.history());
            assertThat(sent).isEqualTo(unsentInOutboxOrder(2 * BATCH));
            assertThat(markedSent(sent)).isEmpty();

            // The first batch acknowledged: a third is read and sent, and exactly the first is marked.
            acks.acknowledge(BATCH);
            await(() -> producer.history().size() == Math.min(3 * BATCH, backlog));
            assertThat(markedSent(eventIds(producer.history()))).isEqualTo(new HashSet<>(sent.subList(0, BATCH)));

            // Half of the second batch acknowledged, then a failure; everything in flight after it fails
            // too (an idempotent producer fails the later batches of the partition). Only the acknowledged
            // prefix is marked, and sending resumes at the first unacknowledged row.
            acks.acknowledge(BATCH / 2);
            int failedAt = acks.delivered.size();
            int sentBeforeFailure = producer.history().size();
            acks.failAllInFlight();
            await(() -> producer.history().size() > sentBeforeFailure);
            assertThat(eventIds(producer.history()).get(sentBeforeFailure)).isEqualTo(sent.get(failedAt));
            assertThat(markedSent(eventIds(producer.history()))).isEqualTo(new HashSet<>(sent.subList(0, failedAt)));

            // The rest acknowledged as it comes: every event delivered exactly once, each task's in outbox order.
            await(() -> {
                acks.acknowledge(Integer.MAX_VALUE);
                return relay.lag() == 0 && acks.allSettled();
            });
            Set<UUID> ours = new HashSet<>(mine);
            assertThat(acks.delivered.stream().filter(ours::contains).toList()).isEqualTo(mine);
        }
    }

    @Test
    void rowsWrittenBeforeTheStoredRecordValueAreSentEncodedAsBefore() throws Exception {
        // A row as V1–V9 wrote it (data, no value): left in the outbox by the migration to V10, or
        // written by a replica still on the old code during a rolling update.
        UUID user = PostgresExtension.newUser(dataSource);
        UUID eventId = UUID.randomUUID();
        UUID taskId = UUID.randomUUID();
        java.sql.Timestamp createdAt = java.sql.Timestamp.from(Instant.parse("2026-11-27T23:59:58.123456Z"));
        String data;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox (event_id, user_id, task_id, type, data, created_at) "
                     + "VALUES (?, ?, ?, 'task.updated', ?::jsonb, ?) RETURNING data::text")) {
            insert.setObject(1, eventId);
            insert.setObject(2, user);
            insert.setObject(3, taskId);
            insert.setString(4, "{\"userId\":\"" + user + "\",\"taskId\":\"" + taskId + "\",\"changedFields\":[\"title\"],\"task\":null}");
            insert.setTimestamp(5, createdAt);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                data = rows.getString(1);
            }
        }
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        try (OutboxRelay relay = new OutboxRelay(dataSource, producer, "relay-test", Duration.ofMillis(10))) {
            relay.start();
            await(() -> markedSentQuietly(List.of(eventId)));
        }
        ProducerRecord<String, byte[]> sent = producer.history().stream()
                .filter(record -> record.key().equals(taskId.toString())).findFirst().orElseThrow();
        assertThat(sent.value()).isEqualTo(TaskEvents.serialize(TaskEvents.event(eventId, "task.updated", taskId,
                createdAt.toInstant().atOffset(java.time.ZoneOffset.UTC), data)));
    }

    private boolean markedSentQuietly(List<UUID> eventIds) {
        try {
            return markedSent(eventIds).size() == eventIds.size();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pushes {@code events} mutations round-robin over {@code tasks} new tasks; returns their event ids in outbox order. */
    private List<UUID> seedEvents(UUID user, int tasks, int events) throws SQLException {
        SyncService sync = new SyncService(dataSource, Clock.systemUTC(), changed -> { }, new ServerMetrics());
        HybridLogicalClock clock = new HybridLogicalClock(Clock.systemUTC(), "laptop");
        Map<UUID, Task> latest = new LinkedHashMap<>();
        for (int i = 0; i < tasks; i++) {
            UUID id = TaskIds.newTaskId();
            latest.put(id, Task.create(id, "Task " + i, Instant.now()));
        }
        List<UUID> ids = new ArrayList<>(latest.keySet());
        Map<UUID, TaskState> states = new LinkedHashMap<>();
        ids.forEach(id -> states.put(id, TaskState.empty(id)));
        List<Mutation> push = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            UUID id = ids.get(i % tasks);
            Task next = i < tasks ? latest.get(id) : latest.get(id).withTitle("Task " + id + " edit " + i);
            Mutation mutation = Mutations.between(states.get(id), next, clock.tick(), TaskIds.newMutationId());
            states.put(id, states.get(id).apply(mutation).state());
            latest.put(id, next);
            push.add(mutation);
            if (push.size() == 500) {
                sync.sync(user, new SyncRequest("laptop", Long.MAX_VALUE, push));
                push = new ArrayList<>();
            }
        }
        if (!push.isEmpty()) {
            sync.sync(user, new SyncRequest("laptop", Long.MAX_VALUE, push));
        }
        List<UUID> eventIds = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT event_id FROM outbox WHERE user_id = ? ORDER BY id")) {
            select.setObject(1, user);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    eventIds.add(rows.getObject(1, UUID.class));
                }
            }
        }
        assertThat(eventIds).hasSize(events);
        return eventIds;
    }

    /**
     * Releases the producer's acknowledgements and failures, oldest first (the order a partition
     * settles them), and notes which event ids were delivered.
     */
    private static final class Acknowledgements {
        private final MockProducer<String, byte[]> producer;
        private final List<UUID> delivered = new ArrayList<>();
        private int settled; // history entries completed or failed so far: history is in send order

        Acknowledgements(MockProducer<String, byte[]> producer) {
            this.producer = producer;
        }

        void acknowledge(int count) {
            for (int i = 0; i < count && producer.completeNext(); i++) {
                delivered.add(eventId(producer.history().get(settled++)));
            }
        }

        void failAllInFlight() {
            while (producer.errorNext(new NotLeaderOrFollowerException("broker went away"))) {
                settled++;
            }
        }

        boolean allSettled() {
            return settled == producer.history().size();
        }
    }

    private List<UUID> unsentInOutboxOrder(int limit) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT event_id FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** Which of these events the relay marked sent, i.e. removed from the outbox. */
    private Set<UUID> markedSent(List<UUID> eventIds) throws SQLException {
        Set<UUID> marked = new HashSet<>(eventIds);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT event_id FROM outbox WHERE event_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    marked.remove(rows.getObject(1, UUID.class));
                }
            }
        }
        return marked;
    }

    private static List<UUID> eventIds(List<ProducerRecord<String, byte[]>> records) {
        return records.stream().map(OutboxRelayTest::eventId).toList();
    }

    private static UUID eventId(ProducerRecord<String, byte[]> record) {
        return UUID.fromString(TaskEvents.deserialize(record.value()).getId());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + PATIENCE);
            }
            Thread.sleep(10);
        }
    }
}
