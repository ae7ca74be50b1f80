package dev.tasklane.desktop.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.client.SyncClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Holds the server's event stream open: a {@code sync} hint makes the engine sync at once; a
 * {@code reminder} goes to the reminder service (which shows each reminder once per device).
 * Reconnects with backoff and resumes from the last event id, kept across restarts.
 */
public final class ServerEvents implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServerEvents.class.getName());
    static final String LAST_EVENT_ID = "sync.lastEventId";
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    /** A reminder from the server: which task, its title, and when it was due to fire. */
    public record ServerReminder(UUID taskId, String title, Instant fireAt) {
    }

    /** Receives reminders the server delivers. */
    @FunctionalInterface
    public interface ReminderSink {
        void remind(ServerReminder reminder);
    }

    private final SyncClient client;
    private final SyncEngine engine;
    private final ReminderSink reminders;
    private final PreferenceStore preferences;
    private final ScheduledExecutorService executor;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile AutoCloseable stream = () -> { };
    private volatile boolean closed;
    private Duration backoff = Duration.ZERO;

    public ServerEvents(SyncClient client, SyncEngine engine, ReminderSink reminders, PreferenceStore preferences,
                        ScheduledExecutorService executor) {
        this.client = client;
        this.engine = engine;
        this.reminders = reminders;
        this.preferences = preferences;
        this.executor = executor;
    }

    public void start() {
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        long opened = System.nanoTime();
        stream = client.listen(preferences.get(LAST_EVENT_ID).orElse(""), event -> executor.execute(() -> onEvent(event)), () -> {
            // A stream that lived a while was healthy: reconnect quickly; otherwise back off.
            boolean healthy = System.nanoTime() - opened > Duration.ofSeconds(30).toNanos();
            backoff = healthy ? Duration.ofSeconds(1)
                    : backoff.isZero() ? Duration.ofSeconds(2) : min(backoff.multipliedBy(2), MAX_BACKOFF);
            if (!closed) {
                executor.schedule(this::connect, backoff.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private void onEvent(SyncClient.ServerEvent event) {
        switch (event.name()) {
            case "sync" -> engine.schedule(Duration.ZERO);
            case "reminder" -> parseReminder(event.data()).ifPresent(reminders::remind);
            default -> LOG.fine("ignoring server event " + event.name());
        }
        if (!event.id().isEmpty()) {
            preferences.put(LAST_EVENT_ID, event.id());
        }
    }

    private Optional<ServerReminder> parseReminder(String data) {
        try {
            JsonNode node = mapper.readTree(data);
            return Optional.of(new ServerReminder(UUID.fromString(node.path("taskId").asText()), node.path("title").asText(""),
                    Instant.parse(node.path("fireAt").asText())));
        } catch (IOException | RuntimeException e) {
            LOG.warning("ignoring a malformed reminder event");
            return Optional.empty();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        closed = true;
        try {
            stream.close();
        } catch (Exception e) {
            LOG.fine("closing the event stream: " + e.getMessage());
        }
    }
}
