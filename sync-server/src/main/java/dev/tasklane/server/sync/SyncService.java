package dev.tasklane.server.sync;

import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.MergeResult;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.ChangedTask;
import dev.tasklane.core.sync.Rejection;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncLimits;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.core.task.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Push and pull in one transaction per call, with core's merge.
 *
 * <p>Each call first locks the user's {@code sync_state} row. Change numbers are assigned from
 * that row while it is locked, so one user's pushes commit in change-number order and a reader
 * that has seen change {@code n} has seen every change below {@code n}: no puller ever skips a
 * change, also under concurrent pushes (the cursor trap in the architecture brief).
 * Mutation ids are remembered per user, so the same push twice has one effect. An invalid
 * mutation is rejected on its own with a reason; the valid ones in the same push apply.
 */
public final class SyncService {

    private final DataSource dataSource;
    private final InstantSource clock;
    private final java.util.function.Consumer<UUID> afterChange;
    private final dev.tasklane.server.observe.ServerMetrics metrics;
    private final SyncJson json = new SyncJson();

    /**
     * @param afterChange called after a commit that changed the user's tasks (wakes their event
     *                    streams); must not throw
     */
    public SyncService(DataSource dataSource, InstantSource clock, java.util.function.Consumer<UUID> afterChange,
                       dev.tasklane.server.observe.ServerMetrics metrics) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.afterChange = afterChange;
        this.metrics = metrics;
        metrics.describe("tasklane_sync_mutations_total", "Pushed mutations by outcome (applied, duplicate, rejected)");
    }

    /**
     * Applies the request's mutations for {@code userId} and returns the changes after its cursor.
     *
     * @throws SyncException.TooLarge when the push holds more than {@link SyncLimits#MAX_MUTATIONS_PER_PUSH}
     */
    public SyncResponse sync(UUID userId, SyncRequest request) {
        if (request.mutations().size() > SyncLimits.MAX_MUTATIONS_PER_PUSH) {
            throw new SyncException.TooLarge(request.mutations().size());
        }
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long before = currentSequence(connection, userId);
                SyncResponse response = syncInTransaction(connection, userId, request, now);
                long after = currentSequence(connection, userId);
                connection.commit();
                if (after != before) {
                    afterChange.accept(userId);
                }
                metrics.count("tasklane_sync_mutations_total", "outcome=\"rejected\"", response.rejected().size());
                metrics.count("tasklane_sync_mutations_total", "outcome=\"accepted\"", response.applied().size());
                return response;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SyncException.Unavailable(e);
        }
    }

    /**
     * Applies one server-made mutation (REST API) through the same merge, outbox and change
     * counter as a device push.
     *
     * @return the task's state after the change
     * @throws dev.tasklane.core.task.ValidationException when the mutation is invalid
     */
    public TaskState apply(UUID userId, Mutation mutation) {
        mutation.validate();
        SyncResponse response = sync(userId, new SyncRequest("rest", Long.MAX_VALUE, List.of(mutation)));
        if (!response.rejected().isEmpty()) {
            throw dev.tasklane.core.task.ValidationException.of("task", response.rejected().getFirst().code(),
                    response.rejected().getFirst().reason());
        }
        return state(userId, mutation.taskId()).orElseThrow();
    }

    /** The stored state of one of the user's tasks. */
    public Optional<TaskState> state(UUID userId, UUID taskId) {
        try (Connection connection = dataSource.getConnection()) {
            return loadState(connection, userId, taskId);
        } catch (SQLException e) {
            throw new SyncException.Unavailable(e);
        }
    }

    /** Every stored task state of the user (for the REST listing; a user's list is small enough). */
    public List<TaskState> states(UUID userId) {
        List<TaskState> states = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT state FROM tasks WHERE user_id = ?")) {
            statement.setObject(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    states.add(json.readState(rows.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new SyncException.Unavailable(e);
        }
        return states;
    }

    private SyncResponse syncInTransaction(Connection connection, UUID userId, SyncRequest request, Instant now)
            throws SQLException {
        long seq = lockUser(connection, userId);
        long startSeq = seq;
        List<java.util.UUID> applied = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<UUID, TaskState> before = new LinkedHashMap<>();
        Map<UUID, TaskState> after = new LinkedHashMap<>();
        for (Mutation mutation : request.mutations()) {
            if (alreadyApplied(connection, userId, mutation.mutationId())) {
                applied.add(mutation.mutationId());
                continue;
            }
            Optional<Rejection> rejection = check(mutation, now);
            if (rejection.isPresent()) {
                rejected.add(rejection.get());
                continue;
            }
            UUID taskId = mutation.taskId();
            if (!after.containsKey(taskId)) {
                TaskState stored = loadState(connection, userId, taskId).orElse(TaskState.empty(taskId));
                before.put(taskId, stored);
                after.put(taskId, stored);
            }
            TaskState previous = after.get(taskId);
            MergeResult merged = previous.apply(mutation);
            after.put(taskId, merged.state());
            recordApplied(connection, userId, mutation, now);
            recordConflicts(connection, userId, merged.conflicts(), now);
            appendEvent(connection, userId, mutation, previous, merged.state(), now);
            applied.add(mutation.mutationId());
        }
        for (Map.Entry<UUID, TaskState> entry : after.entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey()))) {
                seq++;
                storeState(connection, userId, entry.getValue(), seq, now);
            }
        }
        if (seq != startSeq) {
            // The durable "sync" hint for the user's event streams, in the same transaction.
            dev.tasklane.server.sse.UserEventStore.append(connection, userId, "sync", "{\"cursor\":" + seq + "}");
        }
        saveSequence(connection, userId, seq);
        if (request.cursor() == Long.MAX_VALUE) {
            return new SyncResponse(applied, rejected, List.of(), seq, false); // push only (REST writes)
        }
        // A cursor beyond this user's counter comes from another database: send everything.
        long cursor = request.cursor() > seq || request.cursor() < 0 ? 0 : request.cursor();
        List<ChangedTask> changes = changesAfter(connection, userId, cursor, SyncLimits.PAGE_SIZE + 1);
        boolean hasMore = changes.size() > SyncLimits.PAGE_SIZE;
        if (hasMore) {
            changes = changes.subList(0, SyncLimits.PAGE_SIZE);
        }
        long newCursor = changes.isEmpty() ? cursor : changes.getLast().seq();
        return new SyncResponse(applied, rejected, changes, newCursor, hasMore);
    }

    private static Optional<Rejection> check(Mutation mutation, Instant now) {
        try {
            mutation.validate();
        } catch (ValidationException e) {
            return Optional.of(new Rejection(mutation.mutationId(), "invalid", e.getMessage()));
        }
        return SyncLimits.clockProblem(mutation.hlc(), now)
                .map(problem -> new Rejection(mutation.mutationId(), "clock_ahead", problem));
    }

    private static long lockUser(Connection connection, UUID userId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sync_state (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING")) {
            insert.setObject(1, userId);
            insert.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT change_seq FROM sync_state WHERE user_id = ? FOR UPDATE")) {
            lock.setObject(1, userId);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static boolean alreadyApplied(Connection connection, UUID userId, UUID mutationId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM applied_mutations WHERE user_id = ? AND mutation_id = ?")) {
            statement.setObject(1, userId);
            statement.setObject(2, mutationId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private Optional<TaskState> loadState(Connection connection, UUID userId, UUID taskId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT state FROM tasks WHERE user_id = ? AND id = ?")) {
            statement.setObject(1, userId);
            statement.setObject(2, taskId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(json.readState(rows.getString(1))) : Optional.empty();
            }
        }
    }

    private void storeState(Connection connection, UUID userId, TaskState state, long seq, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO tasks (user_id, id, state, change_seq, updated_at) VALUES (?, ?, ?::jsonb, ?, ?) "
                        + "ON CONFLICT (user_id, id) DO UPDATE SET state = EXCLUDED.state, "
                        + "change_seq = EXCLUDED.change_seq, updated_at = EXCLUDED.updated_at")) {
            statement.setObject(1, userId);
            statement.setObject(2, state.taskId());
            statement.setString(3, json.write(state));
            statement.setLong(4, seq);
            statement.setTimestamp(5, Timestamp.from(now));
            statement.executeUpdate();
        }
    }

    private static void recordApplied(Connection connection, UUID userId, Mutation mutation, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO applied_mutations (user_id, mutation_id, task_id, applied_at) VALUES (?, ?, ?, ?)")) {
            statement.setObject(1, userId);
            statement.setObject(2, mutation.mutationId());
            statement.setObject(3, mutation.taskId());
            statement.setTimestamp(4, Timestamp.from(now));
            statement.executeUpdate();
        }
    }

    private static void recordConflicts(Connection connection, UUID userId, List<Conflict> conflicts, Instant now)
            throws SQLException {
        if (conflicts.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO conflicts (user_id, task_id, field, kept_value, kept_hlc, lost_value, lost_hlc, detected_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, task_id, field, lost_hlc) DO NOTHING")) {
            for (Conflict conflict : conflicts) {
                statement.setObject(1, userId);
                statement.setObject(2, conflict.taskId());
                statement.setString(3, conflict.field().wireName());
                statement.setString(4, conflict.keptValue());
                statement.setString(5, conflict.keptHlc().encode());
                statement.setString(6, conflict.lostValue());
                statement.setString(7, conflict.lostHlc().encode());
                statement.setTimestamp(8, Timestamp.from(now));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The outbox row is written in the same transaction as the change it describes. */
    private void appendEvent(Connection connection, UUID userId, Mutation mutation, TaskState previous, TaskState next,
                             Instant now) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", userId.toString());
        data.put("taskId", mutation.taskId().toString());
        data.put("mutationId", mutation.mutationId().toString());
        List<String> changed = new ArrayList<>(mutation.fields().keySet().stream().map(TaskField::wireName).sorted().toList());
        if (!mutation.tags().isEmpty()) {
            changed.add("tags");
        }
        data.put("changedFields", changed);
        data.put("state", next);
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO outbox (event_id, user_id, task_id, type, data, created_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
            // The event id is the mutation id: a re-sent mutation can never produce a second event.
            statement.setObject(1, mutation.mutationId());
            statement.setObject(2, userId);
            statement.setObject(3, mutation.taskId());
            statement.setString(4, EventType.of(previous, next).type());
            statement.setString(5, json.write(data));
            statement.setTimestamp(6, Timestamp.from(now));
            statement.executeUpdate();
        }
    }

    private static long currentSequence(Connection connection, UUID userId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT change_seq FROM sync_state WHERE user_id = ?")) {
            statement.setObject(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static void saveSequence(Connection connection, UUID userId, long seq) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE sync_state SET change_seq = ? WHERE user_id = ?")) {
            statement.setLong(1, seq);
            statement.setObject(2, userId);
            statement.executeUpdate();
        }
    }

    private List<ChangedTask> changesAfter(Connection connection, UUID userId, long cursor, int limit) throws SQLException {
        List<ChangedTask> changes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT change_seq, state FROM tasks WHERE user_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?")) {
            statement.setObject(1, userId);
            statement.setLong(2, cursor);
            statement.setInt(3, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    changes.add(new ChangedTask(rows.getLong(1), json.readState(rows.getString(2))));
                }
            }
        }
        return changes;
    }
}
