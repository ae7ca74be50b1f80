package dev.tasklane.server;

import dev.tasklane.core.sync.SyncLimits;
import dev.tasklane.core.task.ValidationException;
import dev.tasklane.server.api.ApiException;
import dev.tasklane.server.api.AuthHttpService;
import dev.tasklane.server.auth.Authenticator;
import dev.tasklane.server.api.Json;
import dev.tasklane.server.api.Problems;
import dev.tasklane.server.api.ConflictsHttpService;
import dev.tasklane.server.api.SyncHttpService;
import dev.tasklane.server.api.TasksHttpService;
import dev.tasklane.core.clock.HybridLogicalClock;
import java.util.UUID;
import java.util.Optional;
import java.time.Duration;
import dev.tasklane.server.events.OutboxRelay;
import dev.tasklane.server.history.AuditClient;
import dev.tasklane.server.api.internal.OccurrencesHttpService;
import dev.tasklane.server.api.internal.ServiceTokenFilter;
import dev.tasklane.server.api.history.TaskHistoryHttpService;
import dev.tasklane.server.events.ReminderDelivery;
import dev.tasklane.server.sse.EventsHttpService;
import dev.tasklane.server.sse.RedisWakeUpBus;
import dev.tasklane.server.sse.UserEventStore;
import dev.tasklane.server.sse.WakeUpBus;
import dev.tasklane.server.api.RateLimitGuard;
import dev.tasklane.server.observe.RequestLog;
import dev.tasklane.server.observe.ServerMetrics;
import dev.tasklane.server.ratelimit.RateLimiter;
import dev.tasklane.server.auth.AccessTokens;
import dev.tasklane.server.auth.Sessions;
import dev.tasklane.server.auth.UserDirectory;
import dev.tasklane.server.db.DatabaseFailures;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.ServerRequest;
import dev.tasklane.server.auth.AccountService;
import dev.tasklane.server.auth.AuthException;
import dev.tasklane.server.auth.PasswordHasher;
import dev.tasklane.server.db.ServerDatabase;
import dev.tasklane.server.sync.SyncException;
import dev.tasklane.server.sync.SyncService;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The sync server: wiring and routing. {@link Main} starts it from the environment; tests and
 * the local stack start it with their own database.
 */
public final class SyncServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncServer.class.getName());
    private static final String INTERNAL_SOCKET = "internal";

    private final WebServer webServer;
    private final ServerDatabase database;
    private final Optional<OutboxRelay> relay;
    private final Optional<ReminderDelivery> reminders;
    private final Components components;
    private final ConnectionDeadlines deadlines;

    private SyncServer(WebServer webServer, ServerDatabase database, Optional<OutboxRelay> relay,
                       Optional<ReminderDelivery> reminders, Components components, ConnectionDeadlines deadlines) {
        this.deadlines = deadlines;
        this.webServer = webServer;
        this.database = database;
        this.relay = relay;
        this.reminders = reminders;
        this.components = components;
    }

    /** Connects to PostgreSQL (migrating it) and starts listening. */
    public static SyncServer start(ServerConfig config) {
        ServerConfig.Database db = config.database();
        ServerDatabase database = ServerDatabase.connect(db.url(), db.user(), db.password(), db.pool());
        WakeUpBus bus = config.redis().<WakeUpBus>map(redis -> new RedisWakeUpBus(redis.url(), redis.security()))
                .orElseGet(WakeUpBus::local);
        RateLimiter limiter = bus instanceof RedisWakeUpBus redis ? RateLimiter.redis(redis.client()) : RateLimiter.local();
        Components components = Components.create(database.dataSource(), config, Clock.systemUTC(), bus,
                new RateLimitGuard(limiter, config.rateLimits()));
        ServerLimits limits = config.limits();
        ConnectionDeadlines deadlines = new ConnectionDeadlines(limits.headerTimeout(), limits.bodyTimeout());
        var builder = WebServer.builder();
        // The consumer services' door: its own listener (not the public one), and only with the service token.
        config.internal().serviceToken().ifPresent(token -> builder
                .putSocket(INTERNAL_SOCKET, socket -> socket.host(config.listener().host()).port(config.internal().port()))
                .routing(INTERNAL_SOCKET, routing -> internalRouting(routing, components, token)));
        WebServer server = builder
                .host(config.listener().host())
                .port(config.listener().port())
                // Hard stop for absurd bodies; up to this size the filter and Json answer with a
                // problem body naming the 1 MiB API limit (Helidon's own 413 has no body).
                .maxPayloadSize(16L * SyncLimits.MAX_BODY_BYTES)
                // Slow or idle clients cannot hold connections: a connection without a request for
                // idleTimeout is closed (checked every few seconds; this also ends a request line
                // trickled in byte by byte); headers and bodies have their own deadlines.
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(Duration.ofMillis(Math.max(250, Math.min(5_000, limits.idleTimeout().toMillis() / 4))))
                // HTTP/1.1 only, declared rather than discovered: with a single protocol a connection
                // is HTTP/1.1 from its first byte, so the idle timeout also covers a client that
                // connects and sends nothing (with several candidates Helidon waits, untimed, for
                // bytes to choose one).
                .protocolsDiscoverServices(false)
                .protocols(List.of(Http1Config.builder().addReceiveListener(deadlines).addSendListener(deadlines).build()))
                .maxTcpConnections(limits.maxConnections())
                .directHandlers(handlers -> {
                    ProtocolProblems problems = new ProtocolProblems();
                    for (io.helidon.http.DirectHandler.EventType type : io.helidon.http.DirectHandler.EventType.values()) {
                        handlers.addHandler(type, problems);
                    }
                })
                .addFeature(ObserveFeature.just(HealthObserver.builder()
                        .details(true)
                        .addCheck(() -> databaseCheck(database.dataSource()), HealthCheckType.READINESS, "database")
                        .build()))
                .routing(routing -> routing(routing, components))
                .build()
                .start();
        Optional<OutboxRelay> relay = config.kafka().map(kafka -> new OutboxRelay(database.dataSource(),
                OutboxRelay.producer(kafka.bootstrap(), kafka.security()), kafka.topic(), Duration.ofMillis(100)));
        relay.ifPresent(OutboxRelay::start);
        components.metrics().gauge("tasklane_sse_open_streams", "Event streams open on this replica",
                () -> components.events().openStreams());
        relay.ifPresent(r -> {
            components.metrics().gauge("tasklane_outbox_lag", "Outbox events not yet published to Kafka", r::lag);
            components.metrics().gauge("tasklane_outbox_published_total", "Events this replica published to Kafka", r::published);
        });
        Optional<ReminderDelivery> reminders = config.kafka().map(kafka -> new ReminderDelivery(kafka.bootstrap(),
                kafka.security(), kafka.topic(), new UserEventStore(database.dataSource()), bus));
        LOG.info("Tasklane sync server listening on port " + server.port() + " with " + config);
        return new SyncServer(server, database, relay, reminders, components, deadlines);
    }

    /** The services behind the routes. */
    public record Components(Json json, Problems problems, AccountService accounts, Authenticator authenticator,
                             SyncService sync, TasksHttpService tasks, EventsHttpService events, WakeUpBus bus,
                             RateLimitGuard limits, ServerMetrics metrics, Sessions sessions, TaskHistoryHttpService history) {
        public static Components create(DataSource dataSource, ServerConfig config, Clock clock, WakeUpBus bus,
                                        RateLimitGuard limits) {
            return create(dataSource, config, clock, bus, limits, Duration.ofSeconds(15));
        }

        /** @param heartbeat how often an idle event stream sends a heartbeat and looks at its sessions again */
        public static Components create(DataSource dataSource, ServerConfig config, Clock clock, WakeUpBus bus,
                                        RateLimitGuard limits, Duration heartbeat) {
            Json json = new Json();
            AccessTokens tokens = new AccessTokens(config.tokens().secret(), config.tokens().accessTtl(), clock);
            Authenticator authenticator = new Authenticator(tokens, new UserDirectory(dataSource));
            ServerMetrics metrics = new ServerMetrics();
            SyncService sync = new SyncService(dataSource, clock, bus::wake, metrics);
            Sessions sessions = new Sessions(dataSource, clock);
            // REST writes are stamped by this replica's own clock; the node id keeps replicas apart.
            HybridLogicalClock serverClock = new HybridLogicalClock(clock, "srv-" + UUID.randomUUID().toString().substring(0, 8));
            Problems problems = new Problems(json);
            return new Components(json, problems,
                    new AccountService(dataSource, new PasswordHasher(), tokens, config.tokens().refreshTtl(), clock),
                    authenticator, sync, new TasksHttpService(sync, authenticator, json, serverClock, clock, limits),
                    new EventsHttpService(new UserEventStore(dataSource), sessions, bus, authenticator, heartbeat,
                            config.limits().streamsPerUser(), clock, metrics),
                    bus, limits, metrics, sessions,
                    new TaskHistoryHttpService(sync, authenticator, problems, new AuditClient(config.internal().auditUrl())));
        }
    }

    /** All API routes and error mappings; reused by tests. */
    public static void routing(HttpRouting.Builder routing, Components c) {
        routing.addFilter(new RequestLog(c.metrics(), Routes::methodLabel, Routes::label));
        routing.get("/api/v1/openapi.yaml", (request, response) -> {
            response.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/yaml");
            try (var document = SyncServer.class.getResourceAsStream("/openapi/tasklane.yaml")) {
                response.send(document.readAllBytes());
            }
        });
        routing.get("/metrics", (request, response) -> {
            response.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4");
            response.send(c.metrics().scrape());
        });
        routing.addFilter((chain, request, response) -> {
            long length = request.headers().contentLength().orElse(0L);
            if (length > SyncLimits.MAX_BODY_BYTES) {
                c.problems().send(response, new ApiException(413, "body_too_large", "Payload too large",
                        "The body is " + length + " bytes; the limit is " + SyncLimits.MAX_BODY_BYTES + ".", List.of()));
                return;
            }
            chain.proceed();
        });
        routing.register("/api/v1/auth", new AuthHttpService(c.accounts(), c.json(), c.limits(), c.sessions(), c.bus()::wake))
                .register("/api/v1/sync", new SyncHttpService(c.sync(), c.authenticator(), c.json(), c.limits()))
                .register("/api/v1/tasks", c.tasks())
                .register("/api/v1/tasks", c.history())
                .register("/api/v1/conflicts", new ConflictsHttpService(c.sync(), c.authenticator(), c.json()))
                .register("/api/v1/events", c.events());
        routing.error(ApiException.class, (request, response, e) -> c.problems().send(response, e))
                .error(ValidationException.class, (request, response, e) -> c.problems().send(response, ApiException.invalid(e.errors())))
                .error(AuthException.class, (request, response, e) -> c.problems().send(response, new ApiException(
                        e.reason() == AuthException.Reason.EMAIL_TAKEN ? 409 : 401, e.reason().code(),
                        e.reason() == AuthException.Reason.EMAIL_TAKEN ? "Conflict" : "Unauthorized", e.getMessage(), List.of())))
                .error(SyncException.TooLarge.class, (request, response, e) -> c.problems().send(response,
                        new ApiException(413, "too_many_mutations", "Payload too large", e.getMessage(), List.of())))
                .error(HttpException.class, (request, response, e) -> c.problems().send(response, httpProblem(request, e)))
                .error(Exception.class, (request, response, e) -> c.problems().send(response, unexpected(request, e)));
    }

    /**
     * Helidon's own refusals: no route (404, or 405 with {@code Allow} when the path exists),
     * and request framing it rejects (400).
     */
    private static ApiException httpProblem(ServerRequest request, HttpException e) {
        int status = e.status().code();
        if (status == 404) {
            String method = request.prologue().method().text();
            Optional<Routes.Route> route = Routes.match(request.path().path());
            if (route.isPresent() && !route.get().methods().contains(method)) {
                return new ApiException(405, "method_not_allowed", "Method not allowed",
                        "This path accepts " + Routes.allow(route.get()) + ".", List.of())
                        .withHeader(HeaderNames.ALLOW, Routes.allow(route.get()));
            }
            return new ApiException(404, "not_found", "Not found", "There is no such resource; see /api/v1/openapi.yaml.", List.of());
        }
        if (status >= 400 && status < 500) {
            return new ApiException(status, "bad_request", e.status().reasonPhrase(), "The request is malformed.", List.of());
        }
        return unexpected(request, e);
    }

    /**
     * Anything else. A database that is unreachable is a 503 (try again later); a value the
     * database refuses is a 400 (the same request will never work); the rest is a real fault:
     * 500, logged once with its stack trace.
     */
    private static ApiException unexpected(ServerRequest request, Exception e) {
        return switch (DatabaseFailures.classify(e)) {
            case UNAVAILABLE -> new ApiException(503, "database_unavailable", "Service unavailable",
                    "Try again shortly; nothing was applied.", List.of()).withRetryAfter(5);
            case BAD_DATA -> new ApiException(400, "unstorable_value", "Bad request",
                    "A value in the request cannot be stored; nothing was applied.", List.of());
            case OTHER -> {
                if (e instanceof java.io.UncheckedIOException || e instanceof io.helidon.common.buffers.DataReader.InsufficientDataAvailableException) {
                    // The client stopped sending its body (or the read timed out): not our fault.
                    yield new ApiException(400, "incomplete_body", "Bad request", "The request body was cut off.", List.of());
                }
                java.util.logging.LogRecord record = new java.util.logging.LogRecord(Level.SEVERE, "unexpected error");
                record.setLoggerName(LOG.getName());
                record.setParameters(new Object[] {java.util.Map.of(
                        "method", request.prologue().method().text(), "path", request.path().path())});
                record.setThrown(e);
                LOG.log(record);
                yield new ApiException(500, "internal_error", "Internal error",
                        "Something went wrong on the server; nothing was half-applied.", List.of());
            }
        };
    }

    /** The internal listener's routes (consumer services only, behind the service token); reused by tests. */
    public static void internalRouting(HttpRouting.Builder routing, Components c, String serviceToken) {
        routing.addFilter(new ServiceTokenFilter(serviceToken));
        routing.register("/internal/v1/users", new OccurrencesHttpService(c.sync(), c.json()));
        routing.error(ApiException.class, (request, response, e) -> c.problems().send(response, e))
                .error(ValidationException.class, (request, response, e) -> c.problems().send(response, ApiException.invalid(e.errors())))
                .error(SyncException.Unavailable.class, (request, response, e) -> c.problems().send(response,
                        new ApiException(503, "database_unavailable", "Service unavailable", "Try again shortly; nothing was applied.", List.of())
                                .withRetryAfter(1)));
    }

    private static HealthCheckResponse databaseCheck(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return HealthCheckResponse.builder().status(connection.isValid(2)).build();
        } catch (SQLException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getClass().getSimpleName()).build();
        }
    }

    public int port() {
        return webServer.port();
    }

    /** The internal listener's port, when the service token is configured. */
    public Optional<Integer> internalPort() {
        int internal = webServer.port(INTERNAL_SOCKET);
        return internal > 0 ? Optional.of(internal) : Optional.empty();
    }

    /** The outbox relay, when Kafka is configured. */
    public Optional<OutboxRelay> relay() {
        return relay;
    }

    /** Streams open on this replica. */
    public int openStreams() {
        return components.events().openStreams();
    }

    @Override
    public void close() {
        components.events().close(); // drain streams first, so clients reconnect to another replica
        webServer.stop();
        deadlines.close();
        reminders.ifPresent(ReminderDelivery::close);
        relay.ifPresent(OutboxRelay::close);
        components.bus().close();
        database.close();
    }
}
