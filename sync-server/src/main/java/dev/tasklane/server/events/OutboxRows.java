package dev.tasklane.server.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The relay's SQL on the {@code outbox} table (CONVENTIONS 24: kept apart from the Kafka side). */
final class OutboxRows {

    /**
     * One unsent outbox row, as the Kafka record it becomes.
     *
     * @param value the record value: the structured CloudEvent's bytes
     */
    record Row(long id, UUID taskId, byte[] value) {
    }

    private final DataSource dataSource;

    OutboxRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The oldest unsent rows, in outbox order, leaving out rows already sent and awaiting their
     * acknowledgement ({@code inFlight}): those stay unsent in the table until acknowledged.
     *
     * <p>Exactly these, not "after the newest row in flight": a push that took its outbox ids
     * earlier may commit later, and its rows must still go before any later row of the same task.
     * ({@code sent_at} is set only by relays from before V9, during a rolling update.)
     * First the ids (from the primary key), then the rows: a filter of thousands
     * of in-flight ids inside the query would compare every row with every id.
     */
    List<Row> unsent(int limit, Set<Long> inFlight) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<Long> ids = new ArrayList<>(limit);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
                select.setInt(1, limit + inFlight.size());
                try (ResultSet result = select.executeQuery()) {
                    while (result.next() && ids.size() < limit) {
                        long id = result.getLong(1);
                        if (!inFlight.contains(id)) {
                            ids.add(id);
                        }
                    }
                }
            }
            if (ids.isEmpty()) {
                return rows;
            }
            // The value as stored (V10): bytes in, bytes out, no conversion. Only rows from before V10
            // (or from a replica on older code during a rolling update) carry data instead, and are
            // encoded here exactly as the old relay did.
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, task_id, value, event_id, type, data::text, created_at FROM outbox WHERE id = ANY (?::bigint[]) ORDER BY id")) {
                select.setString(1, ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        UUID taskId = result.getObject(2, UUID.class);
                        byte[] value = result.getBytes(3);
                        if (value == null) {
                            value = legacyValue(result.getObject(4, UUID.class), result.getString(5), taskId, result.getString(6),
                                    result.getTimestamp(7));
                        }
                        rows.add(new Row(result.getLong(1), taskId, value));
                    }
                }
            }
        }
        return rows;
    }

    /** The record value of a row written before V10: the event encoded from its columns, as the relay did then. */
    private static byte[] legacyValue(UUID eventId, String type, UUID taskId, String data, Timestamp createdAt) {
        return TaskEvents.serialize(TaskEvents.event(eventId, type, taskId, createdAt.toInstant().atOffset(ZoneOffset.UTC), data));
    }

    /**
     * Removes rows from the outbox: call only with rows Kafka acknowledged. Deleting is how a row is
     * marked sent (V9 migration): a tenth of the cost of updating {@code sent_at}, which rewrote the row.
     */
    void markSent(List<Row> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement mark = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY (?::bigint[])")) {
            mark.setString(1, rows.stream().map(row -> String.valueOf(row.id())).collect(Collectors.joining(",", "{", "}")));
            mark.executeUpdate();
        }
    }

    /** Unsent rows (metrics: outbox lag); -1 when the database cannot be reached. */
    long lag() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
