package dev.tasklane.consumers.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The append-only event log: {@link #append} adds rows (an event id already there adds nothing),
 * {@link #history} reads one task's entries newest first with each changed field's old and new
 * value (the old value is the field in the task's previous entry).
 */
public final class AuditLog {

    /** What the log stores of one event. */
    public record Entry(String eventId, String type, UUID userId, UUID taskId, java.time.Instant time,
                        Optional<String> device, List<String> changedFields, Optional<JsonNode> task, JsonNode data) {
    }

    private final DataSource dataSource;
    private final ObjectMapper mapper = new ObjectMapper();

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends the entries in one transaction.
     *
     * @return how many were new (the rest were redeliveries)
     * @throws SQLException when PostgreSQL is away; nothing was written
     */
    public int append(List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO event_log (event_id, type, user_id, task_id, event_time, device, changed_fields, task, data) "
                             + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb) ON CONFLICT (event_id) DO NOTHING")) {
            connection.setAutoCommit(false);
            try {
                for (Entry entry : entries) {
                    insert.setString(1, entry.eventId());
                    insert.setString(2, entry.type());
                    insert.setObject(3, entry.userId());
                    insert.setObject(4, entry.taskId());
                    insert.setTimestamp(5, Timestamp.from(entry.time()));
                    insert.setString(6, entry.device().orElse(null));
                    insert.setString(7, write(mapper.valueToTree(entry.changedFields())));
                    insert.setString(8, entry.task().map(this::write).orElse(null));
                    insert.setString(9, write(entry.data()));
                    insert.addBatch();
                }
                int[] counts;
                try {
                    counts = insert.executeBatch();
                } catch (AssertionError e) {
                    // pgjdbc 42.7 throws this Error from executeBatch when the server closes the
                    // connection mid-batch (BatchResultHandler asks the dead connection for its
                    // auto-commit mode). It is a lost connection, so say so: the consumer pauses and
                    // retries instead of its thread dying (DependencyOutageTest stops PostgreSQL mid-batch).
                    throw new SQLException("connection lost during the batch: " + e.getMessage(), "08006", e);
                }
                int added = 0;
                for (int count : counts) {
                    // With reWriteBatchedInserts the driver may report SUCCESS_NO_INFO (-2) per row.
                    added += Math.max(count, 0);
                }
                connection.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * One page of a task's history, newest first.
     *
     * @param before only entries older than this cursor (exclusive); empty = from the newest
     */
    public HistoryPage history(UUID userId, UUID taskId, OptionalLong before, int limit) throws SQLException {
        List<HistoryEntry> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT seq, event_id, type, event_time, device, changed_fields, task, previous_task FROM (
                         SELECT seq, event_id, type, event_time, device, changed_fields, task,
                                LAG(task) OVER (ORDER BY seq) AS previous_task
                         FROM event_log WHERE user_id = ? AND task_id = ?) AS entries
                     WHERE seq < ? ORDER BY seq DESC LIMIT ?""")) {
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

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(String text) {
        if (text == null) {
            return NullNode.getInstance();
        }
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
