package dev.tasklane.server.sse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The durable copy of every stream event, in PostgreSQL; streams replay from it. */
public final class UserEventStore {

    private final DataSource dataSource;

    public UserEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends within the caller's transaction. */
    public static void append(Connection connection, UUID userId, String kind, String payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO user_events (user_id, kind, payload) VALUES (?, ?, ?::jsonb)")) {
            insert.setObject(1, userId);
            insert.setString(2, kind);
            insert.setString(3, payload);
            insert.executeUpdate();
        }
    }

    /**
     * Appends once per {@code dedupeKey} (e.g. a reminder's event id): a redelivered Kafka event
     * adds nothing. Returns true when it was new.
     */
    public boolean appendOnce(UUID userId, String kind, String dedupeKey, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO user_events (user_id, kind, dedupe_key, payload) VALUES (?, ?, ?, ?::jsonb) "
                             + "ON CONFLICT (user_id, dedupe_key) DO NOTHING")) {
            insert.setObject(1, userId);
            insert.setString(2, kind);
            insert.setString(3, dedupeKey);
            insert.setString(4, payload);
            return insert.executeUpdate() == 1;
        }
    }

    public List<UserEvent> after(UUID userId, long lastId, int limit) throws SQLException {
        List<UserEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id, kind, payload FROM user_events WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?")) {
            select.setObject(1, userId);
            select.setLong(2, lastId);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new UserEvent(rows.getLong(1), userId, rows.getString(2), rows.getString(3)));
                }
            }
        }
        return events;
    }

    /** The newest event id of the user (a stream without Last-Event-ID starts after it). */
    public long latestId(UUID userId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM user_events WHERE user_id = ?")) {
            select.setObject(1, userId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Parses a Last-Event-ID header; empty when absent or not a number. */
    public static Optional<Long> parseLastEventId(Optional<String> header) {
        return header.flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
