package dev.tasklane.server.auth;

import static dev.tasklane.server.testing.ApiClient.assertProblem;
import static dev.tasklane.server.testing.ApiClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.testing.ApiClient;
import dev.tasklane.server.testing.SyncBodies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No forgeable or everlasting token (issue 7, finding 1). */
class TokenTest {

    @Test
    void aTokenThatClaimsToLastThirtyOneYearsIsRefused() throws Exception {
        UUID user = UUID.fromString(ApiClient.newSession().path("userId").asText());
        String token = new AccessTokens(ApiClient.SECRET, Duration.ofDays(31L * 366), Clock.systemUTC()).issue(user, UUID.randomUUID());
        assertProblem(call("GET", "/api/v1/tasks", token, null), 401, "invalid_token");
    }

    @Test
    void aTokenWithTheServersLifetimeIsAccepted() throws Exception {
        UUID user = UUID.fromString(ApiClient.newSession().path("userId").asText());
        String token = new AccessTokens(ApiClient.SECRET, Duration.ofMinutes(15), Clock.systemUTC()).issue(user, UUID.randomUUID());
        assertThat(call("GET", "/api/v1/tasks", token, null).status()).isEqualTo(200);
    }

    @Test
    void aTokenForAUserThatDoesNotExistIsA401NotA503() throws Exception {
        String token = new AccessTokens(ApiClient.SECRET, Duration.ofMinutes(15), Clock.systemUTC()).issue(UUID.randomUUID(), UUID.randomUUID());
        assertProblem(call("POST", "/api/v1/sync", token, SyncBodies.createWithTitle(UUID.randomUUID(), "hello")), 401, "invalid_token");
        assertProblem(call("POST", "/api/v1/tasks", token, "{\"title\":\"hello\"}"), 401, "invalid_token");
    }

    @Test
    void theServerRefusesToStartWithASecretFromTheRepository() {
        for (String published : JwtSecrets.published()) {
            assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TASKLANE_JWT_SECRET", published)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("published");
        }
        assertThat(ServerConfig.fromEnvironment(Map.of("TASKLANE_JWT_SECRET", JwtSecrets.generate())).tokens().secret()).hasSize(64);
    }

    /** Keeps the list honest: every secret-like string literal in the repository's code is on it. */
    @Test
    void everySecretLiteralInTheRepositoryIsOnThePublishedList() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        // A literal that could be a key: letters, digits and a few symbols (not a path like
        // "secret:name/key", not a regular expression), with "secret" in it.
        Pattern literal = Pattern.compile("\"([A-Za-z0-9_!@#%+=-]*secret[A-Za-z0-9_!@#%+=-]*)\"", Pattern.CASE_INSENSITIVE);
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/")).toList()) {
                Matcher matcher = literal.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (matcher.group(1).length() >= JwtSecrets.MIN_BYTES) {
                        found.add(matcher.group(1));
                    }
                }
            }
        }
        assertThat(found).isNotEmpty();
        assertThat(JwtSecrets.published()).containsAll(found);
    }
}
