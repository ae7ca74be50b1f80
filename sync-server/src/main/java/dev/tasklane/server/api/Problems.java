package dev.tasklane.server.api;

import dev.tasklane.core.task.FieldError;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes RFC 9457 {@code application/problem+json} bodies. */
public final class Problems {

    private static final String TYPE_BASE = "https://tasklane.dev/problems/";

    private final Json json;

    public Problems(Json json) {
        this.json = json;
    }

    public void send(ServerResponse response, ApiException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + problem.code());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("code", problem.code());
        if (!problem.fields().isEmpty()) {
            List<Map<String, String>> fields = problem.fields().stream()
                    .map((FieldError f) -> Map.of("field", f.field(), "code", f.code(), "message", f.message()))
                    .toList();
            body.put("errors", fields);
        }
        response.status(Status.create(problem.status()));
        problem.headers().forEach(response::header);
        problem.retryAfterSeconds().ifPresent(seconds -> response.header(HeaderNames.RETRY_AFTER, Long.toString(seconds)));
        response.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        response.send(json.write(body));
    }
}
