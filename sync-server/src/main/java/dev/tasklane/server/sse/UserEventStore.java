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

/**
 * The durable copy of every stream event, in PostgreSQL; streams replay from it.
 *
 * <p>Each user's events are numbered 1, 2, 3 … from a counter on the user's {@code sync_state}
 * row, taken under that row's lock: two transactions appending for one user commit in number
 * order, so a stream that has sent event n has seen every event below n (the same reasoning as
 * the change counter, docs/sync-protocol.md). The numbers say nothing about other users.
 */
public final class UserEventStore {

    private final DataSource dataSource;

    public UserEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends within the caller's transaction; the user's row stays locked until it commits.
     */
    public static void append(Connection connection, UUID userId, String kind, String payload) throws SQLException {
        insert(connection, userId, kind, null, payload);
    }

    /** Takes the user's next event number (locking the row) and inserts; false when the dedupe key was there. */
    private static boolean insert(Connection connection, UUID userId, String kind, String dedupeKey, String payload) throws SQLException {
        try (PreparedStatement ensure = connection.prepareStatement(
                "INSERT INTO sync_state (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING")) {
            ensure.setObject(1, userId);
            ensure.executeUpdate();
        }
        long number;
        try (PreparedStatement next = connection.prepareStatement(
                "UPDATE sync_state SET event_seq = event_seq + 1 WHERE user_id = ? RETURNING event_seq")) {
            next.setObject(1, userId);
            try (ResultSet rows = next.executeQuery()) {
                rows.next();
                number = rows.getLong(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO user_events (user_id, user_seq, kind, dedupe_key, payload) VALUES (?, ?, ?, ?, ?::jsonb) "
                        + "ON CONFLICT (user_id, dedupe_key) DO NOTHING")) {
            insert.setObject(1, userId);
            insert.setLong(2, number);
            insert.setString(3, kind);
            insert.setString(4, dedupeKey);
            insert.setString(5, payload);
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * Appends once per {@code dedupeKey} (e.g. a reminder's event id): a redelivered Kafka event
     * adds nothing. Returns true when it was new.
     */
    public boolean appendOnce(UUID userId, String kind, String dedupeKey, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean inserted = insert(connection, userId, kind, dedupeKey, payload);
                if (inserted) {
                    connection.commit();
                } else {
                    connection.rollback(); // keep the numbers dense: a duplicate takes none
                }
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    public List<UserEvent> after(UUID userId, long lastId, int limit) throws SQLException {
        List<UserEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT user_seq, kind, payload FROM user_events WHERE user_id = ? AND user_seq > ? ORDER BY user_seq LIMIT ?")) {
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

    /**
     * Where a stream starts: after {@code lastEventId}, or after the newest event when there is none
     * or it is beyond the newest (an id from before per-user numbering, or from another database).
     */
    public long resumeAfter(UUID userId, Optional<Long> lastEventId) throws SQLException {
        long latest = latestId(userId);
        return lastEventId.filter(id -> id >= 0 && id <= latest).orElse(latest);
    }

    /** The newest event number of the user (a stream without Last-Event-ID starts after it). */
    public long latestId(UUID userId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(user_seq), 0) FROM user_events WHERE user_id = ?")) {
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
