package dev.tasklane.server.sse;

import dev.tasklane.server.api.Authenticator;
import dev.tasklane.server.auth.AuthenticatedUser;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/v1/events}: a user's server-sent events — {@code sync} hints and
 * {@code reminder}s — with event ids, {@code Last-Event-ID} replay from PostgreSQL,
 * {@code retry:}, a heartbeat comment every 15 s, and a graceful drain on shutdown.
 *
 * <p>Each stream runs on its own (virtual) request thread: it sends what PostgreSQL holds after
 * its last id, then waits for a wake-up (from this replica or, through Redis, another one) or the
 * heartbeat interval, whichever comes first, and looks again.
 */
public final class EventsHttpService implements HttpService, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventsHttpService.class.getName());
    private static final int PAGE = 100;
    /** Sent as the SSE retry: field, telling clients how long to wait before reconnecting. */
    private static final Duration RECONNECT = Duration.ofSeconds(3);

    private final UserEventStore store;
    private final Authenticator authenticator;
    private final Duration heartbeat;
    private final Map<UUID, Set<BlockingQueue<Boolean>>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closing;

    public EventsHttpService(UserEventStore store, WakeUpBus bus, Authenticator authenticator, Duration heartbeat) {
        this.store = store;
        this.authenticator = authenticator;
        this.heartbeat = heartbeat;
        bus.onWake(this::wakeLocal);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::stream);
    }

    /** Streams currently open on this replica (metrics). */
    public int openStreams() {
        return open.get();
    }

    private void wakeLocal(UUID userId) {
        Set<BlockingQueue<Boolean>> signals = streams.get(userId);
        if (signals != null) {
            signals.forEach(signal -> signal.offer(Boolean.TRUE));
        }
    }

    private void stream(ServerRequest request, ServerResponse response) throws SQLException {
        AuthenticatedUser user = authenticator.require(request);
        long last = store.resumeAfter(user.userId(),
                UserEventStore.parseLastEventId(request.headers().first(HeaderNames.create("Last-Event-ID"))));
        BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
        streams.computeIfAbsent(user.userId(), id -> ConcurrentHashMap.newKeySet()).add(signal);
        open.incrementAndGet();
        // Written by hand rather than through Helidon's SseSink, which (4.5) cannot send the
        // retry: field; the format is a few lines of text (WHATWG HTML, server-sent events).
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (OutputStream out = response.outputStream()) {
            write(out, "retry: " + RECONNECT.toMillis() + "\n: tasklane events\n\n");
            while (!closing) {
                List<UserEvent> events = store.after(user.userId(), last, PAGE);
                for (UserEvent event : events) {
                    write(out, "id: " + event.id() + "\nevent: " + event.kind() + "\ndata: " + event.payload().replace("\n", "") + "\n\n");
                    last = event.id();
                }
                if (events.size() == PAGE) {
                    continue;
                }
                if (signal.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS) == null && !closing) {
                    write(out, ": heartbeat\n\n");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The client went away (write failed); nothing to clean up beyond the registration.
            LOG.log(Level.FINE, "event stream of " + user.userId() + " ended", e);
        } finally {
            Set<BlockingQueue<Boolean>> signals = streams.get(user.userId());
            if (signals != null) {
                signals.remove(signal);
            }
            open.decrementAndGet();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Graceful drain: every stream finishes its current send and closes; clients reconnect elsewhere. */
    @Override
    public void close() {
        closing = true;
        streams.values().forEach(signals -> signals.forEach(signal -> signal.offer(Boolean.TRUE)));
    }
}
