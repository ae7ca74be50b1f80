package dev.tasklane.server.history;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Calls the audit service's internal history endpoint (service invocation over internal HTTP,
 * as a Dapr sidecar would). Short time-outs: a slow or dead audit service costs a history
 * request two seconds at most and nothing else.
 */
public final class AuditClient {

    /** The audit service did not answer usefully; the caller answers 503 with Retry-After. */
    public static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Optional<URI> baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** @param baseUrl {@code TASKLANE_AUDIT_URL}, e.g. {@code http://audit:8093}; empty = history not configured */
    public AuditClient(Optional<URI> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The JSON page of one task's history, newest first, exactly as the audit service serves it. */
    public byte[] history(UUID userId, UUID taskId, int limit, OptionalLong before) throws Unavailable {
        URI base = baseUrl.orElseThrow(() -> new Unavailable("no audit service configured (TASKLANE_AUDIT_URL)", null));
        String query = "?limit=" + limit + (before.isPresent() ? "&before=" + before.getAsLong() : "");
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/internal/v1/history/" + userId + "/" + taskId + query))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new Unavailable("audit service answered " + response.statusCode(), null);
            }
            return response.body();
        } catch (IOException e) {
            throw new Unavailable("audit service unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }
}
