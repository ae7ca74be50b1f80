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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads the log: one task's history, page by page, each changed field with its old and new value.
 * (What the history shows changes for users; {@link LogAppender} writes.)
 */
final class HistoryQuery {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DataSource dataSource;

    HistoryQuery(DataSource dataSource) {
        this.dataSource = dataSource;
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
    HistoryPage history(UUID userId, UUID taskId, OptionalLong before, int limit) throws SQLException {
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
    int rowsFor(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM event_log WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static JsonNode read(String text) {
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
