package dev.tasklane.server.sync;

import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.ChangedTask;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.server.events.TaskEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The SQL of a sync, kept apart from the merge (CONVENTIONS 24). Every method runs inside the
 * caller's transaction.
 *
 * <p>A push costs five round trips whatever its size: lock the user's row (with the database
 * epoch), read the known mutation ids and stored states (one query), write everything (one
 * statement), record the writer names of its clock nodes (one batch), commit. The write is one statement of data-modifying CTEs over {@code unnest}ed
 * arrays: applied ids, outbox rows, task rows, the user's counters and the stream's "sync" hint.
 * Sending each kind as its own batch cost a round trip each and ran at about a quarter of a raw
 * upsert's speed (docs/benchmarks.md).
 *
 * <p>JSON documents travel as one text parameter, one document per line, split by
 * {@code string_to_array}: compact JSON never holds a raw line feed (JSON escapes control
 * characters inside strings), so the line feed is a safe separator. As a {@code text[]} parameter
 * pgjdbc escaped every quote of every document, a fifth of a push's CPU.
 */
final class SyncStore {

    /**
     * The database's epoch: its epoch key and the database's own object id. A restore into a new
     * database changes the object id by itself; a restore in place (same database) is followed by
     * rotating the key (docs/operations.md, "Restoring from a backup"). Devices that see a new
     * epoch upload their whole state again, so changes acknowledged after the backup are not lost.
     */
    private static final String EPOCH = "(SELECT encode(key, 'hex') || '-' || (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "FROM server_keys WHERE name = 'epoch')";

    private static final String WRITE_PUSH = """
            WITH applied AS (
                INSERT INTO applied_mutations (user_id, mutation_id, task_id, applied_at)
                SELECT ?, m.mutation_id, m.task_id, ? FROM unnest(?::uuid[], ?::uuid[]) AS m (mutation_id, task_id)
            ), events AS (
                INSERT INTO outbox (event_id, user_id, task_id, type, value, created_at)
                SELECT e.event_id, ?, e.task_id, e.type, convert_to(e.value, 'UTF8'), ?
                FROM unnest(?::uuid[], ?::uuid[], ?::text[], string_to_array(?, E'\\n')) WITH ORDINALITY AS e (event_id, task_id, type, value, n)
                ORDER BY e.n
            ), states AS (
                INSERT INTO tasks (user_id, id, state, change_seq, updated_at)
                SELECT ?, s.id, s.state::jsonb, s.change_seq, ? FROM unnest(?::uuid[], string_to_array(?, E'\\n'), ?::bigint[]) AS s (id, state, change_seq)
                ON CONFLICT (user_id, id) DO UPDATE SET state = EXCLUDED.state, change_seq = EXCLUDED.change_seq,
                    updated_at = EXCLUDED.updated_at
            ), counters AS (
                UPDATE sync_state SET change_seq = ?, event_seq = event_seq + 1 WHERE user_id = ? AND ?
                RETURNING event_seq
            )
            INSERT INTO user_events (user_id, user_seq, kind, payload)
            SELECT ?, c.event_seq, 'sync', ?::jsonb FROM counters c
            """;

    private final SyncJson json;

    SyncStore(SyncJson json) {
        this.json = json;
    }

    /** The user's change counter, read with the user's row locked until the transaction ends, and the database epoch. */
    record Locked(long changeSeq, String epoch) {
    }

    /** Locks the user's {@code sync_state} row (creating it on the user's first sync). */
    Locked lockUser(Connection connection, UUID userId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT change_seq, " + EPOCH + " FROM sync_state WHERE user_id = ? FOR UPDATE")) {
            lock.setObject(1, userId);
            for (int attempt = 0; ; attempt++) {
                try (ResultSet rows = lock.executeQuery()) {
                    if (rows.next()) {
                        return new Locked(rows.getLong(1), rows.getString(2));
                    }
                }
                if (attempt > 0) {
                    throw new SQLException("sync_state row of " + userId + " missing after insert");
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO sync_state (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING")) {
                    insert.setObject(1, userId);
                    insert.executeUpdate();
                }
            }
        }
    }

    /** What a push needs to know before merging: which of its mutation ids were applied before, and the stored states of its tasks. */
    record Known(Set<UUID> appliedMutations, Map<UUID, TaskState> states) {
    }

    /** One query for both: known mutation ids and the stored states of these tasks (absent ones are simply missing). */
    Known known(Connection connection, UUID userId, List<Mutation> mutations) throws SQLException {
        Set<UUID> applied = new HashSet<>();
        Map<UUID, TaskState> states = new LinkedHashMap<>();
        if (mutations.isEmpty()) {
            return new Known(applied, states);
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT mutation_id, NULL::uuid, NULL::text FROM applied_mutations WHERE user_id = ? AND mutation_id = ANY (?::uuid[]) "
                        + "UNION ALL SELECT NULL::uuid, id, state::text FROM tasks WHERE user_id = ? AND id = ANY (?::uuid[])")) {
            statement.setObject(1, userId);
            statement.setString(2, arrayLiteral(mutations.stream().map(Mutation::mutationId)));
            statement.setObject(3, userId);
            statement.setString(4, arrayLiteral(mutations.stream().map(Mutation::taskId).distinct()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID mutationId = rows.getObject(1, UUID.class);
                    if (mutationId != null) {
                        applied.add(mutationId);
                    } else {
                        states.put(rows.getObject(2, UUID.class), json.readState(rows.getString(3)));
                    }
                }
            }
        }
        return new Known(applied, states);
    }

    /** The stored states of these tasks of the user (absent ones are simply missing). */
    Map<UUID, TaskState> states(Connection connection, UUID userId, List<UUID> taskIds) throws SQLException {
        Map<UUID, TaskState> states = new LinkedHashMap<>();
        if (taskIds.isEmpty()) {
            return states;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, state FROM tasks WHERE user_id = ? AND id = ANY (?)")) {
            statement.setObject(1, userId);
            statement.setArray(2, connection.createArrayOf("uuid", taskIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getObject(1, UUID.class), json.readState(rows.getString(2)));
                }
            }
        }
        return states;
    }

    /**
     * Everything a push writes, as one statement: the applied mutation ids, their outbox events (in
     * mutation order: the outbox id orders them for the relay), the changed states with consecutive
     * change numbers after {@code changeSeq}, the user's new change counter, and — when a state
     * changed — the stream's durable "sync" hint, numbered from the user's event counter under the
     * same row lock (the numbering rule of {@link dev.tasklane.server.sse.UserEventStore}).
     *
     * @return the user's change counter after the push
     */
    long writePush(Connection connection, UUID userId, long changeSeq, List<Mutation> applied, List<TaskChanged> events,
                   List<TaskState> changedStates, Instant now) throws SQLException {
        if (applied.isEmpty() && changedStates.isEmpty()) {
            return changeSeq;
        }
        Timestamp at = Timestamp.from(now);
        long seq = changeSeq;
        long[] changeNumbers = new long[changedStates.size()];
        StringBuilder stateLines = new StringBuilder(changedStates.size() * 512);
        for (int i = 0; i < changedStates.size(); i++) {
            changeNumbers[i] = ++seq;
            appendLine(stateLines, json.write(changedStates.get(i)));
        }
        StringBuilder eventLines = new StringBuilder(events.size() * 512);
        for (TaskChanged event : events) {
            appendLine(eventLines, event.value());
        }
        boolean changed = seq != changeSeq;
        try (PreparedStatement statement = connection.prepareStatement(WRITE_PUSH)) {
            int p = 0;
            statement.setObject(++p, userId);
            statement.setTimestamp(++p, at);
            statement.setString(++p, arrayLiteral(applied.stream().map(Mutation::mutationId)));
            statement.setString(++p, arrayLiteral(applied.stream().map(Mutation::taskId)));
            statement.setObject(++p, userId);
            statement.setTimestamp(++p, at);
            statement.setString(++p, arrayLiteral(events.stream().map(TaskChanged::eventId)));
            statement.setString(++p, arrayLiteral(events.stream().map(TaskChanged::taskId)));
            statement.setString(++p, arrayLiteral(events.stream().map(TaskChanged::type))); // task.created, …: no quoting needed
            statement.setString(++p, eventLines.toString());
            statement.setObject(++p, userId);
            statement.setTimestamp(++p, at);
            statement.setString(++p, arrayLiteral(changedStates.stream().map(TaskState::taskId)));
            statement.setString(++p, stateLines.toString());
            statement.setString(++p, arrayLiteral(Arrays.stream(changeNumbers)));
            statement.setLong(++p, seq);
            statement.setObject(++p, userId);
            statement.setBoolean(++p, changed);
            statement.setObject(++p, userId);
            statement.setString(++p, "{\"cursor\":" + seq + "}");
            statement.executeUpdate();
        }
        return seq;
    }

    /**
     * A PostgreSQL array literal of uuids or numbers (cast in SQL, {@code ?::uuid[]}): their text
     * needs no quoting, and pgjdbc's {@code createArrayOf} escaped it character by character, a
     * tenth of a push's CPU.
     */
    private static String arrayLiteral(Stream<?> values) {
        return values.map(Object::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static String arrayLiteral(LongStream values) {
        return arrayLiteral(values.boxed());
    }

    /** Adds one compact JSON document as a line (see the class comment). */
    private static void appendLine(StringBuilder lines, String document) {
        if (document.indexOf('\n') >= 0) {
            throw new IllegalStateException("a JSON document with a raw line feed cannot be sent as a line");
        }
        if (!lines.isEmpty()) {
            lines.append('\n');
        }
        lines.append(document);
    }

    /** Lost values of concurrent edits, once each (rare: one statement only when there are any). */
    void recordConflicts(Connection connection, UUID userId, List<Conflict> conflicts, Instant now) throws SQLException {
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

    /**
     * Remembers which device name writes with the clock nodes of these mutations (one row per node,
     * renamed in place). One statement per push, and only when the name changed does it write.
     */
    void recordWriters(Connection connection, UUID userId, String deviceName, List<Mutation> applied) throws SQLException {
        Set<String> nodes = new java.util.TreeSet<>();
        applied.forEach(mutation -> nodes.add(mutation.hlc().node()));
        if (nodes.isEmpty() || deviceName.isBlank()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO writer_names (user_id, node, name) VALUES (?, ?, ?) "
                        + "ON CONFLICT (user_id, node) DO UPDATE SET name = EXCLUDED.name WHERE writer_names.name <> EXCLUDED.name")) {
            for (String node : nodes) {
                statement.setObject(1, userId);
                statement.setString(2, node);
                statement.setString(3, deviceName.length() > 200 ? deviceName.substring(0, 200) : deviceName);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * One more outbox event in the caller's transaction (e.g. the recurrence service's {@code task.recurring.triggered}).
     *
     * @param data the event's data, one JSON object
     */
    void appendEvent(Connection connection, UUID userId, UUID eventId, UUID taskId, String type, String data, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO outbox (event_id, user_id, task_id, type, value, created_at) VALUES (?, ?, ?, ?, convert_to(?, 'UTF8'), ?)")) {
            statement.setObject(1, eventId);
            statement.setObject(2, userId);
            statement.setObject(3, taskId);
            statement.setString(4, type);
            statement.setString(5, TaskEvents.encode(eventId, type, taskId, now, out -> out.writeRawValue(data)));
            statement.setTimestamp(6, Timestamp.from(now));
            statement.executeUpdate();
        }
    }

    /** How many of the user's tasks changed after {@code cursor} (an index-only count on tasks_user_change). */
    long countChangesAfter(Connection connection, UUID userId, long cursor) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM tasks WHERE user_id = ? AND change_seq > ?")) {
            statement.setObject(1, userId);
            statement.setLong(2, cursor);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Up to {@code limit} of the user's changed tasks after {@code cursor}, in change order. */
    List<ChangedTask> changesAfter(Connection connection, UUID userId, long cursor, int limit) throws SQLException {
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
