package dev.tasklane.server.sse;

import dev.tasklane.server.auth.AuthenticatedUser;
import dev.tasklane.server.auth.Authenticator;
import dev.tasklane.server.auth.Sessions;
import dev.tasklane.server.observe.ServerMetrics;
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
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
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
 * <p>Bounded per user: at most {@code streamsPerUser} streams per user on a replica (opening one
 * more closes that user's oldest), and the streams of one user share their reads: a wake-up (or
 * a heartbeat) makes one query for the user's new events and one for which of the streams'
 * sessions are still alive, however many streams the user holds. A stream ends when its access
 * token expires and when its session ends (logout, or refresh-token reuse revoking the family);
 * the client reconnects with a fresh token and resumes with {@code Last-Event-ID}.
 */
public final class EventsHttpService implements HttpService, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventsHttpService.class.getName());
    private static final int PAGE = 100;
    /** Events a user's streams can read from memory; a stream further behind reads PostgreSQL itself. */
    private static final int RECENT_MAX = 4 * PAGE;
    /** Sent as the SSE retry: field, telling clients how long to wait before reconnecting. */
    private static final Duration RECONNECT = Duration.ofSeconds(3);

    private final UserEventStore store;
    private final Sessions sessions;
    private final Authenticator authenticator;
    private final Duration heartbeat;
    private final int streamsPerUser;
    private final InstantSource clock;
    private final ServerMetrics metrics;
    private final Map<UUID, UserStreams> users = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closing;

    public EventsHttpService(UserEventStore store, Sessions sessions, WakeUpBus bus, Authenticator authenticator,
                             Duration heartbeat, int streamsPerUser, InstantSource clock, ServerMetrics metrics) {
        this.store = store;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.heartbeat = heartbeat;
        this.streamsPerUser = streamsPerUser;
        this.clock = clock;
        this.metrics = metrics;
        metrics.describe("tasklane_sse_reads_total", "Database reads made for event streams (one per user per wake-up or heartbeat)");
        metrics.describe("tasklane_sse_streams_closed_total", "Event streams the server ended, by reason");
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
        UserStreams group = users.get(userId);
        if (group != null) {
            group.wake();
        }
    }

    /** Why a stream ended, as the server decided it. */
    private enum EndReason {
        TOKEN_EXPIRED("token expired; reconnect with a fresh access token"),
        SESSION_ENDED("session ended (logged out or revoked)"),
        REPLACED("too many streams for this user; the oldest was closed"),
        SHUTDOWN("server shutting down; reconnect");

        private final String comment;

        EndReason(String comment) {
            this.comment = comment;
        }
    }

    /** One open stream: its device and the signal that wakes its thread. */
    private static final class Stream {
        final UUID deviceId;
        final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
        volatile EndReason ended;

        Stream(UUID deviceId) {
            this.deviceId = deviceId;
        }

        void end(EndReason reason) {
            ended = reason;
            signal.offer(Boolean.TRUE);
        }
    }

    /** What a stream gets from its user's shared read. */
    private record Batch(List<UserEvent> events, boolean more, boolean sessionAlive) {
    }

    /** The streams of one user on this replica and their shared read of the user's events. */
    private final class UserStreams {
        private final UUID userId;
        private final Deque<Stream> streams = new ArrayDeque<>();
        private final Deque<UserEvent> recent = new ArrayDeque<>();
        /** Every event with an id above this and up to {@link #readThrough} is in {@link #recent}. */
        private long floor;
        private long readThrough;
        private long wakeUps;
        private long wakeUpsRead = -1;
        private Instant readAt = Instant.MIN;
        private boolean fullPage;
        private Set<UUID> liveDevices = Set.of();

        UserStreams(UUID userId, long latest) {
            this.userId = userId;
            this.floor = latest;
            this.readThrough = latest;
        }

        synchronized void wake() {
            wakeUps++;
            streams.forEach(stream -> stream.signal.offer(Boolean.TRUE));
        }

        /** Adds a stream; returns the one it displaces, if the user is at the cap. */
        synchronized Stream add(Stream stream) {
            streams.addLast(stream);
            wakeUps++; // the new stream's device has not been checked yet
            return streams.size() > streamsPerUser ? streams.pollFirst() : null;
        }

        synchronized boolean remove(Stream stream) {
            streams.remove(stream);
            return streams.isEmpty();
        }

        synchronized Batch after(long last, UUID deviceId) throws SQLException {
            Instant now = clock.instant();
            if (wakeUps != wakeUpsRead || fullPage || !now.isBefore(readAt.plus(heartbeat))) {
                List<UserEvent> fresh = store.after(userId, readThrough, PAGE);
                Set<UUID> devices = new HashSet<>();
                streams.forEach(s -> devices.add(s.deviceId));
                liveDevices = sessions.liveDevices(devices);
                metrics.count("tasklane_sse_reads_total", "", 1);
                for (UserEvent event : fresh) {
                    recent.addLast(event);
                    readThrough = event.id();
                }
                while (recent.size() > RECENT_MAX) {
                    floor = recent.pollFirst().id();
                }
                fullPage = fresh.size() == PAGE;
                wakeUpsRead = wakeUps;
                readAt = now;
            }
            boolean alive = liveDevices.contains(deviceId);
            if (last < floor) {
                // Resuming from further back than memory holds: this stream reads PostgreSQL itself.
                metrics.count("tasklane_sse_reads_total", "", 1);
                List<UserEvent> own = store.after(userId, last, PAGE);
                return new Batch(own, own.size() == PAGE, alive);
            }
            List<UserEvent> events = new ArrayList<>();
            for (UserEvent event : recent) {
                if (event.id() > last && events.size() < PAGE) {
                    events.add(event);
                }
            }
            return new Batch(events, events.size() == PAGE || fullPage, alive);
        }
    }

    private void stream(ServerRequest request, ServerResponse response) throws SQLException {
        AuthenticatedUser user = authenticator.require(request);
        long latest = store.latestId(user.userId());
        long last = store.resumeAfter(user.userId(),
                UserEventStore.parseLastEventId(request.headers().first(HeaderNames.create("Last-Event-ID"))));
        Stream stream = new Stream(user.deviceId());
        UserStreams group = users.compute(user.userId(), (id, existing) -> {
            UserStreams target = existing == null ? new UserStreams(id, latest) : existing;
            Stream displaced = target.add(stream);
            if (displaced != null) {
                displaced.end(EndReason.REPLACED);
            }
            return target;
        });
        open.incrementAndGet();
        // Written by hand rather than through Helidon's SseSink, which (4.5) cannot send the
        // retry: field; the format is a few lines of text (WHATWG HTML, server-sent events).
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (OutputStream out = response.outputStream()) {
            write(out, "retry: " + RECONNECT.toMillis() + "\n: tasklane events\n\n");
            while (true) {
                if (closing) {
                    stream.ended = EndReason.SHUTDOWN;
                }
                if (stream.ended == null && !clock.instant().isBefore(user.tokenExpiresAt())) {
                    stream.ended = EndReason.TOKEN_EXPIRED;
                }
                if (stream.ended != null) {
                    break;
                }
                Batch batch = group.after(last, user.deviceId());
                if (!batch.sessionAlive()) {
                    stream.ended = EndReason.SESSION_ENDED;
                    break;
                }
                for (UserEvent event : batch.events()) {
                    write(out, "id: " + event.id() + "\nevent: " + event.kind() + "\ndata: " + event.payload().replace("\n", "") + "\n\n");
                    last = event.id();
                }
                if (batch.more()) {
                    continue;
                }
                long untilExpiry = Math.max(1, Duration.between(clock.instant(), user.tokenExpiresAt()).toMillis());
                if (stream.signal.poll(Math.min(heartbeat.toMillis(), untilExpiry), TimeUnit.MILLISECONDS) == null
                        && stream.ended == null && !closing) {
                    write(out, ": heartbeat\n\n");
                }
            }
            metrics.count("tasklane_sse_streams_closed_total", "reason=\"" + stream.ended.name().toLowerCase(java.util.Locale.ROOT) + "\"", 1);
            write(out, ": " + stream.ended.comment + "\n\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | SQLException | RuntimeException e) {
            // The client went away (write failed) or the database did (the client reconnects and
            // resumes); nothing to clean up beyond the registration.
            LOG.log(Level.FINE, "an event stream ended", e);
        } finally {
            users.computeIfPresent(user.userId(), (id, existing) -> existing.remove(stream) ? null : existing);
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
        users.values().forEach(UserStreams::wake);
    }
}
