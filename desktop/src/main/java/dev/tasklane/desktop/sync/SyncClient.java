package dev.tasklane.desktop.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The desktop's HTTP client for the sync server: login, token refresh, and the push/pull call.
 * Knows nothing of the local store. Access tokens are refreshed transparently on a 401.
 */
public final class SyncClient {

    /** The tokens of a signed-in device; the refresh token is what survives a restart. */
    public record Session(String accessToken, String refreshToken) {
    }

    /** The server answered with an error the user must act on (wrong password, revoked session). */
    public static final class RefusedException extends Exception {
        private final int status;

        public RefusedException(int status, String detail) {
            super(detail);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SyncJson json = new SyncJson();
    private volatile Session session;

    /** @param server e.g. {@code http://localhost:8080} */
    public SyncClient(URI server, Session session) {
        this.server = server;
        this.session = session;
    }

    public Session session() {
        return session;
    }

    /** Creates an account (409 when it exists is reported as a refusal). */
    public static void register(URI server, String email, String password) throws IOException, InterruptedException, RefusedException {
        new SyncClient(server, new Session("", "")).post("/api/v1/auth/register", Map.of("email", email, "password", password), false);
    }

    /** Logs in as a new device. */
    public static SyncClient login(URI server, String email, String password, String deviceName)
            throws IOException, InterruptedException, RefusedException {
        SyncClient client = new SyncClient(server, new Session("", ""));
        JsonNode tokens = client.post("/api/v1/auth/login", Map.of("email", email, "password", password, "deviceName", deviceName), false);
        client.session = new Session(tokens.path("accessToken").asText(), tokens.path("refreshToken").asText());
        return client;
    }

    /** One push/pull. */
    public SyncResponse sync(SyncRequest request) throws IOException, InterruptedException, RefusedException {
        HttpResponse<String> response = send("/api/v1/sync", json.write(request), true);
        if (response.statusCode() == 401) {
            refresh();
            response = send("/api/v1/sync", json.write(request), true);
        }
        if (response.statusCode() != 200) {
            throw new RefusedException(response.statusCode(), detail(response.body()));
        }
        return json.readSyncResponse(response.body());
    }

    private void refresh() throws IOException, InterruptedException, RefusedException {
        JsonNode tokens = post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken()), false);
        session = new Session(tokens.path("accessToken").asText(), tokens.path("refreshToken").asText());
    }

    private JsonNode post(String path, Map<String, String> body, boolean authorized)
            throws IOException, InterruptedException, RefusedException {
        HttpResponse<String> response = send(path, MAPPER.writeValueAsString(body), authorized);
        if (response.statusCode() / 100 != 2) {
            throw new RefusedException(response.statusCode(), detail(response.body()));
        }
        return response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
    }

    private HttpResponse<String> send(String path, String body, boolean authorized) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorized) {
            request.header("Authorization", "Bearer " + session.accessToken());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String detail(String body) {
        try {
            return MAPPER.readTree(body).path("detail").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}
