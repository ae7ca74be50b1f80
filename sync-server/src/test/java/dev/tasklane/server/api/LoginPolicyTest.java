package dev.tasklane.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.ratelimit.RateLimits;
import dev.tasklane.server.testing.PostgresExtension;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate-limit policy (issue 7, findings 9, 10, 11): wrong passwords stop the address that sent
 * them, not the owner; registrations, REST writes and refresh/logout have budgets. Clients come
 * from different loopback addresses (127.0.0.x), as from different machines.
 */
class LoginPolicyTest {

    private static final String PASSWORD = "correct horse battery";
    private static SyncServer server;

    @BeforeAll
    static void start() {
        server = SyncServer.start(ServerConfig.of(0, new ServerConfig.Database(PostgresExtension.jdbcUrl(), "postgres", "postgres", 4),
                "login-policy-test-secret-0123456789-abcdef".getBytes(StandardCharsets.UTF_8), java.util.Optional.empty(),
                java.util.Optional.empty(), new RateLimits(100, 3, 100, Duration.ofMinutes(1), 2, Duration.ofHours(1), 2, 3)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String from, String path, String token, String body) throws Exception {
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String register(String from) throws Exception {
        String email = UUID.randomUUID() + "@example.test";
        assertThat(post(from, "/api/v1/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                .statusCode()).isEqualTo(201);
        return email;
    }

    private static HttpResponse<String> login(String from, String email, String password) throws Exception {
        return post(from, "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"deviceName\":\"laptop\"}");
    }

    @Test
    void wrongPasswordsFromOneAddressDoNotLockTheOwnerOut() throws Exception {
        String email = register("127.0.0.11");
        for (int i = 0; i < 3; i++) {
            assertThat(login("127.0.0.12", email, "not the password").statusCode()).isEqualTo(401);
        }
        assertThat(login("127.0.0.12", email, PASSWORD).statusCode()).as("the guessing address is stopped").isEqualTo(429);
        assertThat(login("127.0.0.11", email, PASSWORD).statusCode()).as("the owner still logs in").isEqualTo(200);
    }

    @Test
    void correctLoginsDoNotSpendTheFailureBudget() throws Exception {
        String email = register("127.0.0.13");
        for (int i = 0; i < 5; i++) {
            assertThat(login("127.0.0.13", email, PASSWORD).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void registrationsFromOneAddressAreBudgeted() throws Exception {
        register("127.0.0.14");
        register("127.0.0.14");
        HttpResponse<String> third = post("127.0.0.14", "/api/v1/auth/register", null,
                "{\"email\":\"" + UUID.randomUUID() + "@example.test\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).contains("3600");
    }

    @Test
    void restWritesAndRefreshesAreBudgeted() throws Exception {
        String email = register("127.0.0.15");
        var session = new ObjectMapper().readTree(login("127.0.0.15", email, PASSWORD).body());
        String token = session.path("accessToken").asText();
        assertThat(post("127.0.0.15", "/api/v1/tasks", token, "{\"title\":\"one\"}").statusCode()).isEqualTo(201);
        assertThat(post("127.0.0.15", "/api/v1/tasks", token, "{\"title\":\"two\"}").statusCode()).isEqualTo(201);
        assertThat(post("127.0.0.15", "/api/v1/tasks", token, "{\"title\":\"three\"}").statusCode()).isEqualTo(429);
        String refresh = "{\"refreshToken\":\"" + UUID.randomUUID() + "\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(post("127.0.0.16", "/api/v1/auth/refresh", null, refresh).statusCode()).isEqualTo(401);
        }
        assertThat(post("127.0.0.16", "/api/v1/auth/refresh", null, refresh).statusCode()).isEqualTo(429);
        assertThat(post("127.0.0.16", "/api/v1/auth/logout", null, refresh).statusCode()).isEqualTo(429);
    }
}
