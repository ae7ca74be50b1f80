package dev.tasklane.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.FieldChange;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.ChangedTask;
import dev.tasklane.core.sync.Rejection;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.core.task.Task;
import dev.tasklane.server.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SyncServiceTest {

    private final DataSource dataSource;
    private final SyncService sync;
    private UUID user;

    SyncServiceTest(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sync = new SyncService(dataSource, Clock.systemUTC(), user -> { }, new dev.tasklane.server.observe.ServerMetrics());
    }

    @BeforeEach
    void newUser() {
        user = PostgresExtension.newUser(dataSource);
    }

    private static Mutation create(HybridLogicalClock clock, String title) {
        UUID id = TaskIds.newTaskId();
        return Mutations.between(TaskState.empty(id), Task.create(id, title, Instant.now()), clock.tick(), TaskIds.newMutationId());
    }

    private static HybridLogicalClock device(String node) {
        return new HybridLogicalClock(Clock.systemUTC(), node);
    }

    private SyncResponse push(UUID who, long cursor, Mutation... mutations) {
        return sync.sync(who, new SyncRequest("device", cursor, List.of(mutations)));
    }

    @Test
    void aPushIsAppliedAndComesBackInThePull() {
        Mutation created = create(device("laptop"), "Buy milk");
        SyncResponse response = push(user, 0, created);
        assertThat(response.applied()).containsExactly(created.mutationId());
        assertThat(response.rejected()).isEmpty();
        assertThat(response.changes()).singleElement().satisfies(change -> {
            assertThat(change.seq()).isEqualTo(1);
            assertThat(change.state().toTask().orElseThrow().title()).isEqualTo("Buy milk");
        });
        assertThat(response.cursor()).isEqualTo(1);
        assertThat(response.hasMore()).isFalse();
    }

    @Test
    void theSamePushTwiceHasOneEffect() throws SQLException {
        Mutation created = create(device("laptop"), "Buy milk");
        SyncResponse first = push(user, 0, created);
        SyncResponse second = push(user, first.cursor(), created);
        assertThat(second.applied()).containsExactly(created.mutationId());
        assertThat(second.changes()).isEmpty();
        assertThat(second.cursor()).isEqualTo(first.cursor());
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE user_id = ?")).isEqualTo(1);
    }

    @Test
    void theSameMutationTwiceInOnePushIsAppliedOnce() throws SQLException {
        Mutation created = create(device("laptop"), "Buy milk");
        SyncResponse response = push(user, 0, created, created);
        assertThat(response.applied()).containsExactly(created.mutationId(), created.mutationId());
        assertThat(response.changes()).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE user_id = ?")).isEqualTo(1);
    }

    @Test
    void twoUsersWhoseClientsPickTheSameMutationIdBothApply() {
        Mutation mine = create(device("laptop"), "Mine");
        UUID other = PostgresExtension.newUser(dataSource);
        Mutation theirs = new Mutation(mine.mutationId(), TaskIds.newTaskId(), device("phone").tick(), mine.fields(), mine.tags());
        assertThat(push(user, 0, mine).applied()).containsExactly(mine.mutationId());
        SyncResponse response = push(other, 0, theirs);
        assertThat(response.applied()).containsExactly(mine.mutationId());
        assertThat(response.changes()).singleElement().satisfies(change -> assertThat(change.state().taskId()).isEqualTo(theirs.taskId()));
    }

    @Test
    void anInvalidMutationIsRejectedAloneWithAReasonAndTheRestApply() {
        HybridLogicalClock laptop = device("laptop");
        Mutation good = create(laptop, "Buy milk");
        Mutation bad = new Mutation(TaskIds.newMutationId(), good.taskId(), laptop.tick(),
                Map.of(TaskField.PRIORITY, new FieldChange("URGENT", Hlc.ZERO)), Map.of());
        SyncResponse response = push(user, 0, good, bad);
        assertThat(response.applied()).containsExactly(good.mutationId());
        assertThat(response.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.mutationId()).isEqualTo(bad.mutationId());
            assertThat(rejection.code()).isEqualTo("invalid");
            assertThat(rejection.reason()).contains("priority");
        });
    }

    @Test
    void aClockFarAheadOfTheServerIsRejected() {
        UUID id = TaskIds.newTaskId();
        Hlc future = new Hlc(Instant.now().plus(Duration.ofDays(365)).toEpochMilli(), 0, "skewed");
        Mutation ahead = Mutations.between(TaskState.empty(id), Task.create(id, "From the future", Instant.now()), future, TaskIds.newMutationId());
        SyncResponse response = push(user, 0, ahead);
        assertThat(response.rejected()).extracting(Rejection::code).containsExactly("clock_ahead");
        assertThat(response.changes()).isEmpty();
    }

    @Test
    void aPushOverTheLimitIsRefusedWhole() {
        HybridLogicalClock laptop = device("laptop");
        Mutation[] many = new Mutation[501];
        for (int i = 0; i < many.length; i++) {
            many[i] = create(laptop, "t" + i);
        }
        assertThatThrownBy(() -> push(user, 0, many)).isInstanceOf(SyncException.TooLarge.class).hasMessageContaining("500");
    }

    @Test
    void anotherUserNeverSeesOrChangesMyTasks() {
        Mutation mine = create(device("laptop"), "My secret");
        push(user, 0, mine);
        UUID intruder = PostgresExtension.newUser(dataSource);
        Mutation overwrite = new Mutation(TaskIds.newMutationId(), mine.taskId(), device("evil").tick(),
                Map.of(TaskField.TITLE, new FieldChange("pwned", Hlc.ZERO)), Map.of());
        SyncResponse theirs = push(intruder, 0, overwrite);
        assertThat(theirs.changes()).allSatisfy(change -> assertThat(change.state().toTask()).isEmpty());
        SyncResponse mineAgain = push(user, 0);
        assertThat(mineAgain.changes()).singleElement()
                .satisfies(change -> assertThat(change.state().toTask().orElseThrow().title()).isEqualTo("My secret"));
    }

    @Test
    void twoDevicesEditingConcurrentlyConvergeAndTheLoserIsKeptAsAConflict() throws SQLException {
        HybridLogicalClock laptop = device("laptop");
        HybridLogicalClock phone = device("phone");
        Mutation created = create(laptop, "Buy milk");
        TaskState base = push(user, 0, created).changes().getFirst().state();
        Mutation fromLaptop = Mutations.between(base, base.toTask().orElseThrow().withTitle("Buy oat milk"), laptop.tick(), TaskIds.newMutationId());
        Mutation fromPhone = Mutations.between(base, base.toTask().orElseThrow().withTitle("Buy soy milk"), phone.tick(), TaskIds.newMutationId());
        push(user, 1, fromPhone);
        push(user, 1, fromLaptop);
        TaskState laptopView = base;
        TaskState phoneView = base;
        for (ChangedTask change : push(user, 0).changes()) {
            laptopView = laptopView.merge(change.state()).state();
            phoneView = phoneView.merge(change.state()).state();
        }
        assertThat(laptopView).isEqualTo(phoneView);
        assertThat(count("SELECT COUNT(*) FROM conflicts WHERE user_id = ?")).isEqualTo(1);
    }

    @Test
    void pullsPageThroughManyChanges() {
        HybridLogicalClock laptop = device("laptop");
        List<Mutation> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(create(laptop, "t" + i));
        }
        sync.sync(user, new SyncRequest("d", 0, batch));
        batch.clear();
        for (int i = 0; i < 200; i++) {
            batch.add(create(laptop, "u" + i));
        }
        SyncResponse first = sync.sync(user, new SyncRequest("d", 0, batch));
        assertThat(first.changes()).hasSize(500);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.remaining()).as("tasks after this page, for the device's progress").isEqualTo(200);
        SyncResponse second = push(user, first.cursor());
        assertThat(second.changes()).hasSize(200);
        assertThat(second.hasMore()).isFalse();
        assertThat(second.remaining()).isZero();
        assertThat(second.cursor()).isEqualTo(700);
    }

    /** The cursor trap: concurrent pushes for one user while a puller follows the cursor. */
    @Test
    void concurrentPushersAndAPullerMissNothing() throws Exception {
        int pushers = 4;
        int pushesEach = 40;
        ExecutorService threads = Executors.newFixedThreadPool(pushers + 1);
        Set<UUID> pushed = Collections.synchronizedSet(new HashSet<>());
        Set<UUID> pulled = new HashSet<>();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int p = 0; p < pushers; p++) {
            HybridLogicalClock clock = device("d" + p);
            work.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < pushesEach; i++) {
                    Mutation m = create(clock, "task " + i);
                    push(user, 0, m);
                    pushed.add(m.taskId());
                }
                return null;
            }));
        }
        Future<Long> puller = threads.submit(() -> {
            start.await();
            long cursor = 0;
            while (true) {
                boolean finished = done.get();
                SyncResponse response = push(user, cursor);
                for (ChangedTask change : response.changes()) {
                    assertThat(change.seq()).isGreaterThan(cursor);
                    pulled.add(change.state().taskId());
                }
                cursor = response.cursor();
                if (finished && !response.hasMore()) {
                    return cursor;
                }
            }
        });
        start.countDown();
        for (Future<?> future : work) {
            future.get(60, TimeUnit.SECONDS);
        }
        done.set(true);
        long finalCursor = puller.get(60, TimeUnit.SECONDS);
        threads.shutdown();
        assertThat(pushed).hasSize(pushers * pushesEach);
        assertThat(pulled).containsExactlyInAnyOrderElementsOf(pushed);
        assertThat(finalCursor).isEqualTo(pushers * pushesEach);
    }

    @Test
    void eachAppliedMutationWritesOneOutboxEventOfTheRightType() throws SQLException {
        HybridLogicalClock laptop = device("laptop");
        Mutation created = create(laptop, "Buy milk");
        TaskState state = push(user, 0, created).changes().getFirst().state();
        Task task = state.toTask().orElseThrow();
        Mutation completed = Mutations.between(state, task.withCompletedAt(java.util.Optional.of(Instant.now())), laptop.tick(), TaskIds.newMutationId());
        push(user, 1, completed);
        Map<UUID, String> types = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT event_id, type FROM outbox WHERE user_id = ?")) {
            statement.setObject(1, user);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getObject(1, UUID.class), rows.getString(2));
                }
            }
        }
        assertThat(types).isEqualTo(Map.of(SyncService.eventId(user, created.mutationId()), "task.created",
                SyncService.eventId(user, completed.mutationId()), "task.completed"));
    }

    @Test
    void textWithLineBreaksQuotesAndBackslashesComesBackUnchanged() {
        HybridLogicalClock laptop = device("laptop");
        UUID id = TaskIds.newTaskId();
        String notes = "first line\nsecond \"quoted\" line\r\n\ttabbed \\ backslash, {braces}, 🐧 and \u2028";
        Task task = Task.create(id, "Lines \"and\" {commas}, too", Instant.now()).withNotes(notes);
        Mutation created = Mutations.between(TaskState.empty(id), task, laptop.tick(), TaskIds.newMutationId());
        Mutation other = create(laptop, "Second task in the same push");

        SyncResponse response = push(user, 0, created, other);

        assertThat(response.applied()).containsExactly(created.mutationId(), other.mutationId());
        assertThat(sync.state(user, id).orElseThrow()).isEqualTo(TaskState.empty(id).apply(created).state());
        assertThat(sync.state(user, id).orElseThrow().toTask().orElseThrow().notes()).isEqualTo(notes);
    }

    @Test
    void theOutboxEventCarriesTheTaskAsTheRestApiShowsIt() throws Exception {
        HybridLogicalClock laptop = device("laptop");
        Mutation created = create(laptop, "Buy \"oat\" milk\nand bread");
        TaskState state = push(user, 0, created).changes().getFirst().state();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        byte[] value;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT value FROM outbox WHERE user_id = ?")) {
            statement.setObject(1, user);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                value = rows.getBytes(1);
            }
        }
        // The stored value is the whole CloudEvent, as any CloudEvents reader parses it.
        io.cloudevents.CloudEvent event = dev.tasklane.server.events.TaskEvents.deserialize(value);
        assertThat(event.getId()).isEqualTo(SyncService.eventId(user, created.mutationId()).toString());
        assertThat(event.getType()).isEqualTo("task.created");
        assertThat(event.getSubject()).isEqualTo(created.taskId().toString());
        com.fasterxml.jackson.databind.JsonNode expected = mapper.createObjectNode()
                .put("userId", user.toString())
                .put("taskId", created.taskId().toString())
                .put("mutationId", created.mutationId().toString())
                .put("deviceId", "device")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("changedFields", mapper.valueToTree(
                        created.fields().keySet().stream().map(TaskField::wireName).sorted().toList()))
                .set("task", mapper.valueToTree(TaskView.of(state.toTask().orElseThrow())));
        assertThat(mapper.readTree(event.getData().toBytes())).isEqualTo(expected);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, user);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
