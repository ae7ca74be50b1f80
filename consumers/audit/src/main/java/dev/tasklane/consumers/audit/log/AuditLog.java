package dev.tasklane.consumers.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The append-only event log: {@link #append} adds rows (an event id already there adds nothing),
 * {@link #history} reads one task's entries newest first with each changed field's old and new
 * value (the old value is the field in the task's previous entry).
 */
public final class AuditLog {

    /**
     * What the log stores of one event; the task snapshot is {@code data.task} (when it is an object).
     *
     * @param data the event's data object as JSON text in UTF-8, stored as it is: one JSON object, as the
     *             service's event parser guarantees ({@code TaskEvent.dataJson()}); the history reads it as json
     */
    public record Entry(String eventId, String type, UUID userId, UUID taskId, Instant time,
                        Optional<String> device, List<String> changedFields, byte[] data) {

        /** An entry whose data is given as a tree. */
        public Entry(String eventId, String type, UUID userId, UUID taskId, Instant time,
                     Optional<String> device, List<String> changedFields, JsonNode data) {
            this(eventId, type, userId, taskId, time, device, changedFields, json(data));
        }

        private static byte[] json(JsonNode data) {
            try {
                return MAPPER.writeValueAsBytes(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The common case, a batch of new events: binary COPY. PostgreSQL reads each value in its wire
     * form (no array literal to parse, no text to unescape) and inserts the rows in multi-row
     * heap writes — about half its CPU per row of the INSERT below (docs/benchmarks.md, "Fifth
     * session"). COPY cannot skip a row that is already there, so a batch holding a redelivered
     * event fails on the event-id key as a whole, writing nothing, and is written again with
     * {@link #APPEND_SKIPPING_DUPLICATES}. seq is still arrival order: COPY inserts in stream order.
     */
    private static final String COPY = """
            COPY event_log (event_id, type, user_id, task_id, event_time, device, changed_fields, data)
            FROM STDIN (FORMAT binary)""";
    private static final int COLUMNS = 8;
    /** Bytes per CopyData message. */
    private static final int COPY_CHUNK = 1 << 20;
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * A batch with redeliveries in it (after a crash or a rebalance): one statement, the columns
     * as arrays that {@code unnest} turns into rows in the batch's order, an event id already
     * there adding nothing.
     */
    private static final String APPEND_SKIPPING_DUPLICATES = """
            INSERT INTO event_log (event_id, type, user_id, task_id, event_time, device, changed_fields, data)
            SELECT e.event_id, e.type, e.user_id, e.task_id, e.event_time, e.device, e.changed_fields, e.data
            FROM unnest(?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
                 WITH ORDINALITY AS e(event_id, type, user_id, task_id, event_time, device, changed_fields, data, position)
            ORDER BY e.position
            ON CONFLICT (event_id) DO NOTHING""";

    /** Below this many entries per writer a batch is not split: one transaction is cheaper. */
    private static final int MIN_SPLIT = 64;

    private final DataSource dataSource;
    private final int writers;

    /**
     * @param writers how many transactions one batch may be split into, written at the same time
     *                (each on its own pooled connection); 1 writes every batch in one transaction
     */
    public AuditLog(DataSource dataSource, int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1, not " + writers);
        }
        this.dataSource = dataSource;
        this.writers = writers;
    }

    /**
     * Appends the entries. A large batch is split by task into {@code writers} parts written in
     * parallel transactions: PostgreSQL's own work per row (13–16 µs of CPU here: heap, two
     * indexes, WAL — docs/benchmarks.md) is the audit service's bottleneck, and one connection
     * keeps one PostgreSQL backend, so one core, busy. All entries of a task go to the same part, in
     * order, so each task's rows keep its Kafka order. When a part fails, the others may have
     * committed; the caller retries the batch (or its events one by one) and the event-id key
     * turns what is already there into no-ops.
     *
     * @return how many were new (the rest were redeliveries)
     * @throws SQLException when PostgreSQL is away or refused a part; that part wrote nothing
     */
    public int append(List<Entry> entries) throws SQLException {
        if (writers == 1 || entries.size() < MIN_SPLIT * 2) {
            return appendInOneTransaction(entries);
        }
        List<List<Entry>> parts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            parts.add(new ArrayList<>());
        }
        for (Entry entry : entries) {
            parts.get(Math.floorMod(entry.taskId().hashCode(), writers)).add(entry);
        }
        List<Future<Integer>> written = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Entry> part : parts) {
                if (!part.isEmpty()) {
                    written.add(executor.submit(() -> appendInOneTransaction(part)));
                }
            }
            int added = 0;
            SQLException failure = null;
            for (Future<Integer> part : written) {
                try {
                    added += part.get();
                } catch (ExecutionException e) {
                    // Not a database error (a bug, a value the log cannot hold): refused (XX000), so it is
                    // retried and then dead-lettered — never taken for "PostgreSQL is away" and retried forever.
                    SQLException cause = e.getCause() instanceof SQLException sql ? sql
                            : new SQLException("the audit log refused an append: " + e.getCause(), "XX000", e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    // Shutting down: report it as PostgreSQL going away (57P01), so the batch is redelivered, never dead-lettered.
                    throw new SQLException("interrupted while appending", "57P01", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return added;
        }
    }

    private int appendInOneTransaction(List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int copied = copy(connection, copyRows(entries));
                connection.commit();
                return copied;
            } catch (SQLException e) {
                rollback(connection, e);
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            } catch (RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
            return appendSkippingDuplicates(connection, entries);
        }
    }

    /** Rolls back after {@code failure}; a rollback that fails too (the connection is gone) is added to it, not put in its place. */
    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static int copy(Connection connection, BinaryCopyRows rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            rows.finish(COPY_CHUNK, copy::writeToCopy);
            return Math.toIntExact(copy.endCopy());
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static BinaryCopyRows copyRows(List<Entry> entries) {
        BinaryCopyRows rows = new BinaryCopyRows(entries.size() * 1_024);
        for (Entry entry : entries) {
            rows.row(COLUMNS)
                    .text(entry.eventId())
                    .text(entry.type())
                    .uuid(entry.userId())
                    .uuid(entry.taskId())
                    .timestamptz(entry.time())
                    .text(entry.device().orElse(null))
                    .text(ChangedFields.json(entry.changedFields()))
                    .text(entry.data());
        }
        return rows;
    }

    private int appendSkippingDuplicates(Connection connection, List<Entry> entries) throws SQLException {
        int size = entries.size();
        String[] ids = new String[size];
        String[] types = new String[size];
        String[] users = new String[size];
        String[] tasks = new String[size];
        String[] times = new String[size];
        String[] devices = new String[size];
        String[] changed = new String[size];
        String[] data = new String[size];
        for (int i = 0; i < size; i++) {
            Entry entry = entries.get(i);
            ids[i] = entry.eventId();
            types[i] = entry.type();
            users[i] = entry.userId().toString();
            tasks[i] = entry.taskId().toString();
            times[i] = entry.time().toString();
            devices[i] = entry.device().orElse(null);
            changed[i] = new String(ChangedFields.json(entry.changedFields()), StandardCharsets.UTF_8);
            data[i] = new String(entry.data(), StandardCharsets.UTF_8);
        }
        try (PreparedStatement insert = connection.prepareStatement(APPEND_SKIPPING_DUPLICATES)) {
            String[][] columns = {ids, types, users, tasks, times, devices, changed, data};
            for (int i = 0; i < columns.length; i++) {
                insert.setArray(i + 1, connection.createArrayOf("text", columns[i]));
            }
            int added = insert.executeUpdate();
            connection.commit();
            return added;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    /**
     * A page of one task's entries, newest first, each with the task snapshot it left and the one
     * before it: the nearest earlier entry that has a snapshot, so an event without one (a
     * reminder firing, a recurrence trigger) does not blank the next change's old values. Both
     * lookups walk the (task_id, seq) index backwards; a page costs its own rows, not the
     * task's whole history.
     */
    private static final String HISTORY = """
            SELECT e.seq, e.event_id, e.type, e.event_time, e.device, e.changed_fields, e.data::json -> 'task',
                   (SELECT p.data::json -> 'task' FROM event_log p
                    WHERE p.task_id = e.task_id AND p.seq < e.seq AND p.user_id = e.user_id
                      AND json_typeof(p.data::json -> 'task') = 'object'
                    ORDER BY p.seq DESC LIMIT 1)
            FROM event_log e
            WHERE e.user_id = ? AND e.task_id = ? AND e.seq < ?
            ORDER BY e.seq DESC LIMIT ?""";

    /**
     * One page of a task's history, newest first.
     *
     * @param before only entries older than this cursor (exclusive); empty = from the newest
     */
    public HistoryPage history(UUID userId, UUID taskId, OptionalLong before, int limit) throws SQLException {
        List<HistoryEntry> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(HISTORY)) {
            query.setObject(1, userId);
            query.setObject(2, taskId);
            query.setLong(3, before.orElse(Long.MAX_VALUE));
            query.setInt(4, limit + 1);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonNode task = read(rows.getString(7));
                    JsonNode previous = read(rows.getString(8));
                    List<FieldChange> changes = new ArrayList<>();
                    for (JsonNode field : read(rows.getString(6))) {
                        String name = field.asText();
                        JsonNode from = previous.path(name).isMissingNode() ? NullNode.getInstance() : previous.path(name);
                        JsonNode to = task.path(name).isMissingNode() ? NullNode.getInstance() : task.path(name);
                        // A field the event names but whose visible value did not move (e.g. a re-sent value) is not news.
                        if (!from.equals(to)) {
                            changes.add(new FieldChange(name, from, to));
                        }
                    }
                    items.add(new HistoryEntry(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant(), Optional.ofNullable(rows.getString(5)), changes));
                }
            }
        }
        if (items.size() > limit) {
            items.removeLast();
            return new HistoryPage(items, OptionalLong.of(items.getLast().seq()));
        }
        return new HistoryPage(items, OptionalLong.empty());
    }

    /** Rows for one event id (tests and operators check "one row per event"). */
    public int rowsFor(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM event_log WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private JsonNode read(String text) {
        if (text == null) {
            return NullNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
