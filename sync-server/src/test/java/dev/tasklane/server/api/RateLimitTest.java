package dev.tasklane.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.ratelimit.RateLimits;
import dev.tasklane.server.testing.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Over budget is a 429 problem with Retry-After (in-memory limiter; the Redis one is used in the stack). */
class RateLimitTest {

    @Test
    void tooManyLoginsForOneAccountAre429WithRetryAfter() throws Exception {
        try (SyncServer server = SyncServer.start(ServerConfig.of(0,
                new ServerConfig.Database(PostgresExtension.jdbcUrl(), "postgres", "postgres", 4),
                "rate-limit-secret-rate-limit-secret-0123456789".getBytes(StandardCharsets.UTF_8), java.util.Optional.empty(),
                java.util.Optional.empty(), new RateLimits(100, 3, 100, Duration.ofMinutes(1))))) {
            HttpClient client = HttpClient.newHttpClient();
            String body = "{\"email\":\"" + UUID.randomUUID() + "@example.test\",\"password\":\"wrong password\",\"deviceName\":\"x\"}";
            int[] statuses = new int[4];
            HttpResponse<String> last = null;
            for (int i = 0; i < statuses.length; i++) {
                last = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/auth/login"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses[i] = last.statusCode();
            }
            assertThat(statuses).containsExactly(401, 401, 401, 429);
            assertThat(last.headers().firstValue("Retry-After")).contains("60");
            assertThat(last.body()).contains("\"code\":\"rate_limited\"");
        }
    }
}
