package dev.tasklane.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.ratelimit.RateLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A real sync server (started once per test JVM on a free port) and a plain HTTP client for it. */
public final class ApiClient {

    /** What came back: status, content type and the parsed JSON body (a null node when empty). */
    public record Reply(int status, String contentType, JsonNode body) {
    }

    /** The server's signing secret (tests mint their own tokens with it). */
    public static final byte[] SECRET = "test-secret-test-secret-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);

    private static final class Holder {
        static final SyncServer SERVER = SyncServer.start(ServerConfig.of(0,
                new ServerConfig.Database(PostgresExtension.jdbcUrl(), "postgres", "postgres", 8), SECRET, java.util.Optional.empty(),
                java.util.Optional.empty(), new RateLimits(10_000, 10_000, 10_000, Duration.ofMinutes(1))));
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiClient() {
    }

    public static int port() {
        return Holder.SERVER.port();
    }

    public static Reply call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                text.isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(text));
    }

    /** Registers a fresh account and logs in; returns the login body (accessToken, refreshToken, …). */
    public static JsonNode newSession() throws Exception {
        return newSession(UUID.randomUUID() + "@example.test");
    }

    /** Registers {@code email} and logs in; returns the login body. */
    public static JsonNode newSession(String email) throws Exception {
        assertThat(call("POST", "/api/v1/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").status()).isEqualTo(201);
        Reply login = call("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"deviceName\":\"laptop\"}");
        assertThat(login.status()).isEqualTo(200);
        return login.body();
    }

    public static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.body().path("code").asText()).isEqualTo(code);
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
        assertThat(reply.body().path("detail").asText()).isNotBlank();
    }
}
