package dev.tasklane.server.observe;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} if it is sane, else a new one),
 * echoes it in the response, and logs one JSON line per request: time, id, method, path, status,
 * duration. Headers and bodies are never logged, so no password or token reaches a log.
 */
public final class RequestLog implements Filter {

    private static final Logger LOG = Logger.getLogger("dev.tasklane.server.access");
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final ServerMetrics metrics;

    public RequestLog(ServerMetrics metrics) {
        this.metrics = metrics;
        metrics.describe("tasklane_http_requests_total", "HTTP requests by method and status");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String id = request.headers().first(REQUEST_ID).filter(v -> SAFE_ID.matcher(v).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        response.header(REQUEST_ID, id);
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            int status = response.status().code();
            String method = request.prologue().method().text();
            metrics.count("tasklane_http_requests_total", "method=\"" + method + "\",status=\"" + status + "\"", 1);
            LOG.info(String.format("{\"ts\":\"%s\",\"requestId\":\"%s\",\"method\":\"%s\",\"path\":\"%s\",\"status\":%d,\"ms\":%.1f}",
                    Instant.now(), id, method, request.path().path().replace("\"", "%22"), status,
                    (System.nanoTime() - start) / 1e6));
        }
    }
}
