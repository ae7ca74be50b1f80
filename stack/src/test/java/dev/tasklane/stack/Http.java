package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** A small JSON client for the stack's sync server. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Http() {
    }

    record Reply(int status, JsonNode body) {
    }

    static Reply call(String method, String path, String token, String body) throws Exception {
        return call(StackExtension.stack().server().port(), method, path, token, body);
    }

    static Reply call(int port, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body()));
    }

    static String newUserToken() throws Exception {
        return newUser().path("accessToken").asText();
    }

    /** Registers and logs in a fresh user; the login body (accessToken, userId, …). */
    static JsonNode newUser() throws Exception {
        String email = UUID.randomUUID() + "@example.test";
        assertThat(call("POST", "/api/v1/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"long enough pw\"}").status())
                .isEqualTo(201);
        Reply login = call("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"long enough pw\",\"deviceName\":\"e2e\"}");
        return login.body();
    }
}
