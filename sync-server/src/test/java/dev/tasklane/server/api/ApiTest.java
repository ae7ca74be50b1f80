package dev.tasklane.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.task.Task;
import static dev.tasklane.server.testing.ApiClient.assertProblem;
import static dev.tasklane.server.testing.ApiClient.call;

import dev.tasklane.server.testing.ApiClient.Reply;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The HTTP API end to end: a real server on a free port, real PostgreSQL, java.net.http as the client. */
class ApiTest {

    private static final SyncJson SYNC_JSON = new SyncJson();

    private static JsonNode login(String email) throws Exception {
        return dev.tasklane.server.testing.ApiClient.newSession(email);
    }

    private static String email() {
        return UUID.randomUUID() + "@example.test";
    }

    private static String createBody(String title) {
        UUID id = TaskIds.newTaskId();
        HybridLogicalClock clock = new HybridLogicalClock(Clock.systemUTC(), "laptop");
        return SYNC_JSON.write(new SyncRequest("laptop", 0,
                List.of(Mutations.between(TaskState.empty(id), Task.create(id, title, Instant.now()), clock.tick(), TaskIds.newMutationId()))));
    }

    @Test
    void registerLoginAndSyncRoundTrip() throws Exception {
        String token = login(email()).path("accessToken").asText();
        Reply sync = call("POST", "/api/v1/sync", token, createBody("Buy milk"));
        assertThat(sync.status()).isEqualTo(200);
        assertThat(sync.body().path("applied")).hasSize(1);
        assertThat(sync.body().path("changes")).hasSize(1);
        assertThat(sync.body().path("cursor").asLong()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsA401ProblemThatDoesNotSayWhichPartWasWrong() throws Exception {
        String email = email();
        login(email);
        assertProblem(call("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"wrong password!\",\"deviceName\":\"x\"}"), 401, "invalid_credentials");
        assertProblem(call("POST", "/api/v1/auth/login", null,
                "{\"email\":\"nobody-" + email + "\",\"password\":\"wrong password!\",\"deviceName\":\"x\"}"), 401, "invalid_credentials");
    }

    @Test
    void registeringTheSameEmailTwiceIsAConflict() throws Exception {
        String email = email();
        login(email);
        assertProblem(call("POST", "/api/v1/auth/register", null,
                "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"another password\"}"), 409, "email_taken");
    }

    @Test
    void registrationValidatesEmailAndPasswordTogether() throws Exception {
        Reply reply = call("POST", "/api/v1/auth/register", null, "{\"email\":\"not-an-email\",\"password\":\"short\"}");
        assertProblem(reply, 400, "validation_failed");
        List<String> fields = new ArrayList<>();
        reply.body().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("email", "password");
    }

    @Test
    void refreshRotatesAndReusingAnOldTokenRevokesTheFamily() throws Exception {
        JsonNode first = login(email());
        String original = first.path("refreshToken").asText();
        Reply rotated = call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + original + "\"}");
        assertThat(rotated.status()).isEqualTo(200);
        String next = rotated.body().path("refreshToken").asText();
        assertThat(next).isNotEqualTo(original);
        // Using the successor ends the reuse grace of the original (RefreshGraceTest covers the rest).
        String third = call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + next + "\"}").body().path("refreshToken").asText();

        assertProblem(call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + original + "\"}"), 401, "token_reused");
        assertProblem(call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + third + "\"}"), 401, "token_invalid");
    }

    @Test
    void logoutRevokesTheSession() throws Exception {
        String refresh = login(email()).path("refreshToken").asText();
        assertThat(call("POST", "/api/v1/auth/logout", null, "{\"refreshToken\":\"" + refresh + "\"}").status()).isEqualTo(204);
        assertProblem(call("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}"), 401, "token_invalid");
    }

    @Test
    void syncWithoutAValidTokenIsRefused() throws Exception {
        assertProblem(call("POST", "/api/v1/sync", null, createBody("x")), 401, "missing_token");
        assertProblem(call("POST", "/api/v1/sync", "not.a.jwt", createBody("x")), 401, "invalid_token");
    }

    @Test
    void badBodiesGetA400NamingTheProblem() throws Exception {
        String token = login(email()).path("accessToken").asText();
        assertProblem(call("POST", "/api/v1/sync", token, "{\"cursor\": 0, \"mutations\": ["), 400, "malformed_json");
        assertProblem(call("POST", "/api/v1/sync", token, "{\"deviceId\":\"d\",\"cursor\":0,\"mutations\":[],\"admin\":true}"),
                400, "unknown_field");
        assertProblem(call("POST", "/api/v1/sync", token, "{\"deviceId\":\"d\",\"cursor\":\"zero\",\"mutations\":[]}"), 400, "wrong_type");
        String badUuid = createBody("x").replaceFirst("\"mutationId\":\"[^\"]+\"", "\"mutationId\":\"not-a-uuid\"");
        Reply reply = call("POST", "/api/v1/sync", token, badUuid);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("detail").asText()).contains("mutationId");
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413() throws Exception {
        String token = login(email()).path("accessToken").asText();
        String huge = "{\"deviceId\":\"" + "x".repeat(1 << 20) + "\",\"cursor\":0,\"mutations\":[]}";
        assertProblem(call("POST", "/api/v1/sync", token, huge), 413, "body_too_large");
    }

    @Test
    void anotherUserSeesNoneOfMyTasks() throws Exception {
        String mine = login(email()).path("accessToken").asText();
        call("POST", "/api/v1/sync", mine, createBody("My secret"));
        String theirs = login(email()).path("accessToken").asText();
        Reply reply = call("POST", "/api/v1/sync", theirs, "{\"deviceId\":\"d\",\"cursor\":0,\"mutations\":[]}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("changes")).isEmpty();
    }

    @Test
    void healthIsUpWithTheDatabase() throws Exception {
        Reply health = call("GET", "/observe/health", null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsCountRequestsAndSyncedMutationsInPrometheusFormat() throws Exception {
        String token = login(email()).path("accessToken").asText();
        call("POST", "/api/v1/sync", token, createBody("Counted"));
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + dev.tasklane.server.testing.ApiClient.port() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("# TYPE tasklane_http_requests_total counter")
                .contains("tasklane_sync_mutations_total{outcome=\"accepted\"}")
                .contains("# TYPE tasklane_sse_open_streams gauge");
        assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    }

    @Test
    void everyResponseCarriesARequestId() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + dev.tasklane.server.testing.ApiClient.port() + "/observe/health"))
                        .header("X-Request-Id", "trace-123").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-Request-Id")).contains("trace-123");
    }

    @Test
    void theServerServesItsOpenApiDocumentCoveringEveryRoute() throws Exception {
        java.net.http.HttpResponse<String> document = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + dev.tasklane.server.testing.ApiClient.port()
                        + "/api/v1/openapi.yaml")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).startsWith("openapi: 3.1.0")
                .contains("/api/v1/auth/register:", "/api/v1/auth/login:", "/api/v1/auth/refresh:", "/api/v1/auth/logout:",
                        "/api/v1/sync:", "/api/v1/tasks:", "/api/v1/tasks/{id}:", "/api/v1/tasks/{id}/complete:", "/api/v1/events:");
    }

    @Test
    void oddSyncBodiesAreAlways4xxNeverA500() throws Exception {
        String token = login(email()).path("accessToken").asText();
        String valid = createBody("x");
        List<String> bodies = List.of(
                valid.replaceFirst("\"wallMillis\":\\d+", "\"wallMillis\":-5"),
                valid.replaceFirst("\"TITLE\"", "\"FAVOURITE_COLOUR\""),
                valid.replaceFirst("\"fields\":\\{", "\"fields\":null,\"x\":{"),
                "{\"deviceId\":\"d\",\"cursor\":0,\"mutations\":{}}",
                "{\"deviceId\":\"d\",\"cursor\":99999999999999999999999,\"mutations\":[]}",
                "[]",
                "null",
                "{\"deviceId\":\"d\",\"cursor\":0,\"mutations\":[null]}");
        for (String body : bodies) {
            Reply reply = call("POST", "/api/v1/sync", token, body);
            assertThat(reply.status()).as(body).isBetween(400, 499);
            assertThat(reply.contentType()).as(body).isEqualTo("application/problem+json");
        }
        assertThat(call("POST", "/api/v1/sync", token, "{\"deviceId\":\"d\",\"cursor\":-7,\"mutations\":[]}").status()).isEqualTo(200);
    }
}
