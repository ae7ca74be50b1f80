package dev.tasklane.server.sync;

import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.MergeResult;
import dev.tasklane.core.merge.Mutation;
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
    private final SyncStore store = new SyncStore(json);

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
        metrics.describe("tasklane_sync_mutations_total", "Pushed mutations by outcome (accepted, rejected)");
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
                Outcome outcome = syncInTransaction(connection, userId, request, now);
                SyncResponse response = outcome.response();
                connection.commit();
                if (outcome.changed()) {
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

    /**
     * Creates a task through the same merge, change counter and outbox as a device push, but
     * only if the user has no task with that id yet (checked under the user's sync lock, so a
     * concurrent push of the same task cannot slip in between). Used by the recurrence service
     * for a series' next occurrence: a device that created it first keeps its version.
     *
     * @param deviceId       who creates it (stored with the event, shown in history)
     * @param extraEventType an extra outbox event written in the same transaction (e.g. {@code task.recurring.triggered})
     * @param extraEventId   its id (deterministic, so a retried call cannot mint a second one)
     * @param extraEventData its data (JSON object)
     * @return true when created, false when the task already existed (nothing written)
     * @throws ValidationException when the mutation is invalid
     */
    public boolean createIfAbsent(UUID userId, Mutation create, String deviceId, String extraEventType, UUID extraEventId,
                                  Map<String, Object> extraEventData) {
        create.validate();
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                store.lockUser(connection, userId);
                if (store.states(connection, userId, List.of(create.taskId())).containsKey(create.taskId())) {
                    connection.rollback();
                    return false;
                }
                Outcome outcome = syncInTransaction(connection, userId, new SyncRequest(deviceId, Long.MAX_VALUE, List.of(create)), now);
                if (!outcome.response().rejected().isEmpty()) {
                    connection.rollback();
                    throw ValidationException.of("task", outcome.response().rejected().getFirst().code(),
                            outcome.response().rejected().getFirst().reason());
                }
                store.appendEvent(connection, userId, extraEventId, create.taskId(), extraEventType, json.write(extraEventData), now);
                connection.commit();
                if (outcome.changed()) {
                    afterChange.accept(userId);
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SyncException.Unavailable(e);
        }
    }

    /** The stored state of one of the user's tasks. */
    public Optional<TaskState> state(UUID userId, UUID taskId) {
        try (Connection connection = dataSource.getConnection()) {
            return Optional.ofNullable(store.states(connection, userId, List.of(taskId)).get(taskId));
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

    /**
     * A value that lost a concurrent edit of one field, as the owner sees it ({@code detectedAt}:
     * ISO instant); {@code keptBy} and {@code lostBy} name the devices that wrote the two values
     * (null when the writer is unknown, e.g. a push from before writers were recorded).
     */
    public record StoredConflict(UUID taskId, String field, String keptValue, String keptHlc, String lostValue, String lostHlc,
                                 String detectedAt, @org.jspecify.annotations.Nullable String keptBy,
                                 @org.jspecify.annotations.Nullable String lostBy) {
    }

    /** Characters before the node id in an encoded clock ({@code %016d-%05d-}); a node may itself contain '-'. */
    private static final int HLC_NODE_OFFSET = 16 + 1 + 5 + 1;

    /** The user's conflicts, newest first, with the names of the devices that wrote each value. */
    public List<StoredConflict> conflicts(UUID userId, int limit) {
        return conflicts(userId, limit, Optional.empty());
    }

    /**
     * The user's conflicts with the names of the devices that wrote each value: newest first, or —
     * given {@code since} — those detected at or after it, oldest first, so a device can page
     * forward from the last one it has (it drops the ones it already holds).
     */
    public List<StoredConflict> conflicts(UUID userId, int limit, Optional<Instant> since) {
        List<StoredConflict> conflicts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT c.task_id, c.field, c.kept_value, c.kept_hlc, c.lost_value, c.lost_hlc, c.detected_at, k.name, l.name "
                             + "FROM conflicts c "
                             + "LEFT JOIN writer_names k ON k.user_id = c.user_id AND k.node = substr(c.kept_hlc, " + (HLC_NODE_OFFSET + 1) + ") "
                             + "LEFT JOIN writer_names l ON l.user_id = c.user_id AND l.node = substr(c.lost_hlc, " + (HLC_NODE_OFFSET + 1) + ") "
                             + "WHERE c.user_id = ? AND c.detected_at >= ? "
                             + (since.isPresent() ? "ORDER BY c.detected_at, c.task_id, c.field" : "ORDER BY c.detected_at DESC, c.task_id, c.field")
                             + " LIMIT ?")) {
            statement.setObject(1, userId);
            statement.setTimestamp(2, Timestamp.from(since.orElse(Instant.EPOCH)));
            statement.setInt(3, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    conflicts.add(new StoredConflict(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getTimestamp(7).toInstant().toString(), rows.getString(8),
                            rows.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new SyncException.Unavailable(e);
        }
        return conflicts;
    }

    /**
     * The names of the devices that wrote with each clock node of this user (node → name), so a
     * device can name the writers of conflicts it detected itself.
     */
    public Map<String, String> writerNames(UUID userId) {
        Map<String, String> names = new java.util.TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT node, name FROM writer_names WHERE user_id = ? ORDER BY node LIMIT 1000")) {
            statement.setObject(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getString(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new SyncException.Unavailable(e);
        }
        return names;
    }

    /** A push's response, and whether it changed any task (streams are woken only then). */
    private record Outcome(SyncResponse response, boolean changed) {
    }

    private Outcome syncInTransaction(Connection connection, UUID userId, SyncRequest request, Instant now)
            throws SQLException {
        SyncStore.Locked locked = store.lockUser(connection, userId);
        long startSeq = locked.changeSeq();
        List<UUID> applied = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        SyncStore.Known stored = store.known(connection, userId, request.mutations());
        java.util.Set<UUID> known = stored.appliedMutations();
        Map<UUID, TaskState> before = stored.states();
        Map<UUID, TaskState> after = new LinkedHashMap<>(before);
        List<Mutation> newlyApplied = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        List<TaskChanged> events = new ArrayList<>();
        TaskChanged.Factory eventsOfThisPush = new TaskChanged.Factory(userId, request.deviceId(), now);
        for (Mutation mutation : request.mutations()) {
            if (!known.add(mutation.mutationId())) {
                applied.add(mutation.mutationId());
                continue;
            }
            Optional<Rejection> rejection = check(mutation, now);
            if (rejection.isPresent()) {
                known.remove(mutation.mutationId());
                rejected.add(rejection.get());
                continue;
            }
            UUID taskId = mutation.taskId();
            TaskState previous = after.getOrDefault(taskId, TaskState.empty(taskId));
            before.putIfAbsent(taskId, TaskState.empty(taskId));
            MergeResult merged = previous.apply(mutation);
            after.put(taskId, merged.state());
            newlyApplied.add(mutation);
            conflicts.addAll(merged.conflicts());
            events.add(eventsOfThisPush.of(mutation, previous, merged.state()));
            applied.add(mutation.mutationId());
        }
        List<TaskState> changedStates = new ArrayList<>();
        for (Map.Entry<UUID, TaskState> entry : after.entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey()))) {
                changedStates.add(entry.getValue());
            }
        }
        store.recordConflicts(connection, userId, conflicts, now);
        store.recordWriters(connection, userId, request.deviceId(), newlyApplied);
        long seq = store.writePush(connection, userId, startSeq, newlyApplied, events, changedStates, now);
        if (request.cursor() == Long.MAX_VALUE) {
            return new Outcome(new SyncResponse(applied, rejected, List.of(), seq, false, now.toEpochMilli(), locked.epoch()), seq != startSeq); // push only (REST)
        }
        // A cursor beyond this user's counter comes from another database: send everything.
        long cursor = request.cursor() > seq || request.cursor() < 0 ? 0 : request.cursor();
        List<ChangedTask> changes = store.changesAfter(connection, userId, cursor, SyncLimits.PAGE_SIZE + 1);
        boolean hasMore = changes.size() > SyncLimits.PAGE_SIZE;
        if (hasMore) {
            changes = changes.subList(0, SyncLimits.PAGE_SIZE);
        }
        long newCursor = changes.isEmpty() ? cursor : changes.getLast().seq();
        // Counted once per full pull, on its first page (cursor 0) when more pages wait: a count on
        // every page would read ~n²/1,000 index entries over a pull of n tasks (3× slower at 100k).
        long remaining = hasMore && cursor == 0 ? store.countChangesAfter(connection, userId, newCursor) : 0;
        return new Outcome(new SyncResponse(applied, rejected, changes, newCursor, hasMore, now.toEpochMilli(), locked.epoch(), remaining),
                seq != startSeq);
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

    /** The CloudEvent id of a user's mutation: UUIDv5 of the mutation id in the user's namespace. */
    public static UUID eventId(UUID userId, UUID mutationId) {
        return TaskChanged.eventId(userId, mutationId);
    }
}
