package dev.tasklane.consumers.audit.log;

import dev.tasklane.consumers.audit.log.AuditLog.Entry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes entries to the log: binary COPY for a batch of new events, the INSERT that skips what is
 * there for a batch with a redelivery in it, a large batch split by task over parallel
 * transactions. (How a batch is written changes for throughput; {@link HistoryQuery} reads.)
 */
final class LogAppender {

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

    LogAppender(DataSource dataSource, int writers) {
        this.dataSource = dataSource;
        this.writers = writers;
    }

    /**
     * Appends the entries. A large batch is split by task into {@code writers} parts written in
     * parallel transactions: PostgreSQL's own work per row (8–10 µs of backend CPU here: heap, two
     * indexes, WAL — docs/benchmarks.md) is the audit service's bottleneck, and one connection
     * keeps one PostgreSQL backend, so one core, busy. All entries of a task go to the same part, in
     * order, so each task's rows keep its Kafka order. When a part fails, the others may have
     * committed; the caller retries the batch (or its events one by one) and the event-id key
     * turns what is already there into no-ops.
     *
     * @return how many were new (the rest were redeliveries)
     * @throws SQLException when PostgreSQL is away or refused a part; that part wrote nothing
     */
    int append(List<Entry> entries) throws SQLException {
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
}
