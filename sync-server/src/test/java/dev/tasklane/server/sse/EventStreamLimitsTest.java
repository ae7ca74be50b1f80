package dev.tasklane.server.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.ServerLimits;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.api.RateLimitGuard;
import dev.tasklane.server.ratelimit.RateLimiter;
import dev.tasklane.server.ratelimit.RateLimits;
import dev.tasklane.server.testing.PostgresExtension;
import dev.tasklane.server.testing.StreamReader;
import io.helidon.webserver.WebServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Event streams are bounded per user and never outlive their token or session (issue 7, finding 7; issue 6, item 10). */
@ExtendWith(PostgresExtension.class)
class EventStreamLimitsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AtomicInteger connections = new AtomicInteger();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private SyncServer.Components components;
    private WebServer server;

    /** Starts a server whose database connections are counted. */
    private void start(DataSource database, Duration tokenLifetime, int streamsPerUser) {
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(database, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ServerConfig config = ServerConfig.of(0, new ServerConfig.Database("", "", "", 4),
                "event-stream-limits-secret-0123456789-abcdef".getBytes(StandardCharsets.UTF_8), java.util.Optional.empty(),
                java.util.Optional.empty(), RateLimits.DEFAULT).withTokenLifetimes(tokenLifetime, Duration.ofDays(1)).withLimits(new ServerLimits(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30),
                1000, streamsPerUser));
        components = SyncServer.Components.create(counting, config, Clock.systemUTC(), WakeUpBus.local(),
                new RateLimitGuard(RateLimiter.local(), new RateLimits(10_000, 10_000, 10_000, Duration.ofMinutes(1))), Duration.ofSeconds(30));
        server = WebServer.builder().port(0).routing(routing -> SyncServer.routing(routing, components)).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        components.events().close();
        server.stop();
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        return reply.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(reply.body());
    }

    private JsonNode login() throws Exception {
        String email = UUID.randomUUID() + "@example.test";
        post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        return post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"deviceName\":\"d\"}");
    }

    private StreamReader open(String token) throws Exception {
        StreamReader stream = new StreamReader(server.port(), token);
        resources.add(stream);
        assertThat(stream.awaitLine(": tasklane events", Duration.ofSeconds(5))).isTrue();
        return stream;
    }

    @Test
    void openingOneStreamMoreThanTheCapClosesTheUsersOldest(DataSource database) throws Exception {
        start(database, Duration.ofMinutes(15), 3);
        String token = login().path("accessToken").asText();
        StreamReader oldest = open(token);
        List<StreamReader> newer = List.of(open(token), open(token));
        StreamReader newest = open(token);
        assertThat(oldest.awaitEnd(Duration.ofSeconds(5))).isTrue();
        assertThat(oldest.lines()).anyMatch(line -> line.contains("oldest was closed"));
        for (StreamReader stream : newer) {
            assertThat(stream.awaitEnd(Duration.ofMillis(200))).isFalse();
        }
        assertThat(newest.awaitEnd(Duration.ofMillis(200))).isFalse();
        assertThat(components.events().openStreams()).isEqualTo(3);
    }

    @Test
    void aWakeUpReadsTheDatabaseOncePerUserNotOncePerStream(DataSource database) throws Exception {
        start(database, Duration.ofMinutes(15), 20);
        JsonNode session = login();
        String token = session.path("accessToken").asText();
        UUID user = UUID.fromString(session.path("userId").asText());
        List<StreamReader> streams = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            streams.add(open(token));
        }
        Thread.sleep(300); // let every stream settle into its wait
        try (Connection connection = database.getConnection()) {
            UserEventStore.append(connection, user, "sync", "{\"cursor\":1}");
        }
        int before = connections.get();
        components.bus().wake(user);
        for (StreamReader stream : streams) {
            assertThat(stream.awaitLine("event: sync", Duration.ofSeconds(5))).isTrue();
        }
        // One read of the user's events and one of their sessions, for twenty streams.
        assertThat(connections.get() - before).isLessThanOrEqualTo(2);
    }

    @Test
    void aStreamEndsWhenItsAccessTokenExpires(DataSource database) throws Exception {
        start(database, Duration.ofSeconds(2), 5);
        StreamReader stream = open(login().path("accessToken").asText());
        assertThat(stream.awaitEnd(Duration.ofSeconds(6))).isTrue();
        assertThat(stream.lines()).anyMatch(line -> line.contains("token expired"));
    }

    @Test
    void aStreamEndsWhenItsSessionIsLoggedOut(DataSource database) throws Exception {
        start(database, Duration.ofMinutes(15), 5);
        JsonNode session = login();
        StreamReader stream = open(session.path("accessToken").asText());
        JsonNode other = login();
        StreamReader otherUsers = open(other.path("accessToken").asText());
        post("/api/v1/auth/logout", "{\"refreshToken\":\"" + session.path("refreshToken").asText() + "\"}");
        assertThat(stream.awaitEnd(Duration.ofSeconds(5))).isTrue();
        assertThat(stream.lines()).anyMatch(line -> line.contains("session ended"));
        assertThat(otherUsers.awaitEnd(Duration.ofMillis(300))).isFalse();
    }
}
