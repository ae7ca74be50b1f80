package dev.tasklane.server.api;

import static dev.tasklane.server.testing.ApiClient.assertProblem;
import static dev.tasklane.server.testing.ApiClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.server.testing.ApiClient;
import dev.tasklane.server.testing.ApiClient.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bodies: empty (finding 3), not JSON (11), strict numbers (11), text that cannot be stored (4). */
class RequestBodyTest {

    private static final String[][] JSON_ENDPOINTS = {
            {"POST", "/api/v1/auth/register"}, {"POST", "/api/v1/auth/login"}, {"POST", "/api/v1/auth/refresh"},
            {"POST", "/api/v1/auth/logout"}, {"POST", "/api/v1/sync"}, {"POST", "/api/v1/tasks"}};

    @Test
    void anEmptyBodyIsA400EmptyBodyOnEveryJsonEndpoint() throws Exception {
        String token = ApiClient.newSession().path("accessToken").asText();
        for (String[] endpoint : JSON_ENDPOINTS) {
            assertProblem(call(endpoint[0], endpoint[1], token, null), 400, "empty_body");
            assertProblem(call(endpoint[0], endpoint[1], token, ""), 400, "empty_body");
        }
    }

    @Test
    void aPlainTextBodyIsA415() throws Exception {
        String token = ApiClient.newSession().path("accessToken").asText();
        HttpClient client = HttpClient.newHttpClient();
        for (String[] endpoint : JSON_ENDPOINTS) {
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ApiClient.port() + endpoint[1]))
                    .method(endpoint[0], HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}"))
                    .header("Content-Type", "text/plain").header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as("%s %s", endpoint[0], endpoint[1]).isEqualTo(415);
            assertThat(reply.body()).contains("\"code\":\"unsupported_media_type\"");
        }
    }

    @Test
    void aStringOrDecimalCursorIsA400() throws Exception {
        String token = ApiClient.newSession().path("accessToken").asText();
        for (String cursor : new String[] {"\"5\"", "5.7", "1e3", "true"}) {
            assertProblem(call("POST", "/api/v1/sync", token, "{\"deviceId\":\"laptop\",\"cursor\":" + cursor + ",\"mutations\":[]}"),
                    400, "wrong_type");
        }
        assertThat(call("POST", "/api/v1/sync", token, "{\"deviceId\":\"laptop\",\"cursor\":0,\"mutations\":[]}").status()).isEqualTo(200);
    }

    @Test
    void aNulInAnEmailIsA400NotA500() throws Exception {
        assertProblem(call("POST", "/api/v1/auth/register", null,
                "{\"email\":\"a\\u0000b@example.test\",\"password\":\"correct horse battery\"}"), 400, "invalid_text");
        assertProblem(call("POST", "/api/v1/auth/login", null,
                "{\"email\":\"a\\u0000b@example.test\",\"password\":\"correct horse battery\",\"deviceName\":\"x\"}"), 400, "invalid_text");
    }

    @Test
    void aNulOrLoneSurrogateInATitleIsAFieldErrorAndNothingIsStored() throws Exception {
        String token = ApiClient.newSession().path("accessToken").asText();
        Reply nul = call("POST", "/api/v1/tasks", token, "{\"title\":\"milk\\u0000\"}");
        assertProblem(nul, 400, "invalid_text");
        assertThat(nul.body().path("errors").get(0).path("field").asText()).isEqualTo("title");
        assertProblem(call("POST", "/api/v1/tasks", token, "{\"title\":\"ok\",\"notes\":\"half \\ud83d emoji\"}"), 400, "invalid_text");
        UUID id = dev.tasklane.core.id.TaskIds.newTaskId();
        assertProblem(call("POST", "/api/v1/sync", token, dev.tasklane.server.testing.SyncBodies.createWithTitle(id, "milk\u0000")), 400, "invalid_text");
        assertThat(call("GET", "/api/v1/tasks", token, null).body().path("total").asInt()).isZero();
    }
}
