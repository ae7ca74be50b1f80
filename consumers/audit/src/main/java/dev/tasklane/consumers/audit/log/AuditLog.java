package dev.tasklane.consumers.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The append-only event log: {@link #append} adds rows (an event id already there adds nothing;
 * {@link LogAppender}), {@link #history} reads one task's entries newest first with each changed
 * field's old and new value ({@link HistoryQuery}).
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

    private final LogAppender appender;
    private final HistoryQuery history;

    /**
     * @param writers how many transactions one batch may be split into, written at the same time
     *                (each on its own pooled connection); 1 writes every batch in one transaction
     */
    public AuditLog(DataSource dataSource, int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1, not " + writers);
        }
        this.appender = new LogAppender(dataSource, writers);
        this.history = new HistoryQuery(dataSource);
    }

    /**
     * Appends the entries, each task's in its order; see {@link LogAppender#append}.
     *
     * @return how many were new (the rest were redeliveries)
     * @throws SQLException when PostgreSQL is away or refused a part; that part wrote nothing
     */
    public int append(List<Entry> entries) throws SQLException {
        return appender.append(entries);
    }

    /**
     * One page of a task's history, newest first.
     *
     * @param before only entries older than this cursor (exclusive); empty = from the newest
     */
    public HistoryPage history(UUID userId, UUID taskId, OptionalLong before, int limit) throws SQLException {
        return history.history(userId, taskId, before, limit);
    }

    /** Rows for one event id (tests and operators check "one row per event"). */
    public int rowsFor(String eventId) throws SQLException {
        return history.rowsFor(eventId);
    }
}
