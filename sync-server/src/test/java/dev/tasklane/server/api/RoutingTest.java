package dev.tasklane.server.api;

import static dev.tasklane.server.testing.ApiClient.assertProblem;
import static dev.tasklane.server.testing.ApiClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.server.Routes;
import dev.tasklane.server.testing.ApiClient;
import dev.tasklane.server.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Unknown paths, wrong methods and broken framing are 4xx problems, never the 500 catch-all (issue 7, finding 2). */
class RoutingTest {

    @Test
    void anUnknownPathIsA404Problem() throws Exception {
        assertProblem(call("GET", "/api/v1/nope", null, null), 404, "not_found");
    }

    @Test
    void taskHistoryIsA404ProblemUntilTheEndpointExists() throws Exception {
        String token = ApiClient.newSession().path("accessToken").asText();
        assertProblem(call("GET", "/api/v1/tasks/" + UUID.randomUUID() + "/history", token, null), 404, "not_found");
    }

    @Test
    void aWrongMethodOnAKnownPathIsA405WithAllow() throws Exception {
        try (RawHttp http = new RawHttp(ApiClient.port(), 5_000)) {
            RawHttp.Response put = http.send(RawHttp.request("PUT", "/api/v1/tasks", Map.of("Content-Type", "application/json"),
                    "{}".getBytes(StandardCharsets.UTF_8)));
            assertThat(put.status()).isEqualTo(405);
            assertThat(put.headers().get("allow")).isEqualTo("GET, POST");
            assertThat(put.headers().get("content-type")).isEqualTo("application/problem+json");
            assertThat(put.body()).contains("\"code\":\"method_not_allowed\"");
            assertThat(http.send(RawHttp.request("GET", "/api/v1/sync", Map.of(), null)).headers().get("allow")).isEqualTo("POST");
        }
    }

    @Test
    void aMadeUpMethodIsA4xxNotA500() throws Exception {
        try (RawHttp http = new RawHttp(ApiClient.port(), 5_000)) {
            RawHttp.Response reply = http.send(RawHttp.request("X".repeat(200), "/api/v1/tasks", Map.of(), null));
            assertThat(reply.status()).isBetween(400, 499);
        }
    }

    @Test
    void aRequestLineHelidonCannotParseAndHttp10Are400ProblemsNot5xx() throws Exception {
        for (byte[] raw : new byte[][] {
                "G\u00c9T /api/v1/tasks HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                "GET /api/v1/tasks HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8)}) {
            try (RawHttp http = new RawHttp(ApiClient.port(), 5_000)) {
                RawHttp.Response reply = http.send(raw);
                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.headers().get("content-type")).isEqualTo("application/problem+json");
            }
        }
    }

    @Test
    void chunkedBodiesWithBadSizesOrExtensionsAre400s() throws Exception {
        String token = ApiClient.newSession().path("accessToken").asText();
        String head = "POST /api/v1/sync HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (String chunks : new String[] {"zz\r\n{}\r\n0\r\n\r\n", "2;ext=1\r\n{}\r\n0\r\n\r\n", "-2\r\n{}\r\n0\r\n\r\n",
                "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"}) {
            try (RawHttp http = new RawHttp(ApiClient.port(), 5_000)) {
                RawHttp.Response reply = http.send((head + chunks).getBytes(StandardCharsets.UTF_8));
                assertThat(reply.status()).as("chunks %s -> %s", chunks.strip(), reply.body()).isBetween(400, 499);
            }
        }
    }

    @Test
    void everyListedRouteIsRealForEveryListedMethod() throws Exception {
        try (RawHttp http = new RawHttp(ApiClient.port(), 5_000)) {
            for (Routes.Route route : Routes.ALL) {
                String path = route.template().replace("{id}", UUID.randomUUID().toString());
                for (String method : route.methods()) {
                    if (path.equals("/api/v1/events")) {
                        continue; // a stream does not end; its 401 without a token is checked elsewhere
                    }
                    RawHttp.Response reply = http.send(RawHttp.request(method, path, Map.of(), null));
                    assertThat(reply.status()).as("%s %s", method, path).isNotIn(404, 405).isLessThan(500);
                }
            }
        }
    }
}
