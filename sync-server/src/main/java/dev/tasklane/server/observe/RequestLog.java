package dev.tasklane.server.observe;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} if it is sane, else a new one),
 * echoes it in the response, counts it, and logs one structured record per request: id, method,
 * path, status, duration ({@link JsonLogFormatter} writes it as escaped JSON). Headers and bodies
 * are never logged, so no password or token reaches a log. The metric's labels come from bounded
 * sets only — a standard method name or "other", the route template or "unmatched", and the
 * status class — so no client can create new series.
 */
public final class RequestLog implements Filter {

    private static final Logger LOG = Logger.getLogger("dev.tasklane.server.access");
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Longest path written to the log; longer ones are cut (the limit is the prologue's, 4 KiB). */
    private static final int PATH_MAX = 512;

    private final ServerMetrics metrics;
    private final UnaryOperator<String> methodLabel;
    private final UnaryOperator<String> routeLabel;

    public RequestLog(ServerMetrics metrics, UnaryOperator<String> methodLabel, UnaryOperator<String> routeLabel) {
        this.metrics = metrics;
        this.methodLabel = methodLabel;
        this.routeLabel = routeLabel;
        metrics.describe("tasklane_http_requests_total", "HTTP requests by method, route template and status class");
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
            String path = request.path().path();
            metrics.count("tasklane_http_requests_total", "method=\"" + methodLabel.apply(method) + "\",route=\""
                    + routeLabel.apply(path) + "\",status=\"" + status / 100 + "xx\"", 1);
            if (LOG.isLoggable(Level.INFO)) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("requestId", id);
                fields.put("method", method.length() > 16 ? method.substring(0, 16) + "…" : method);
                fields.put("path", path.length() > PATH_MAX ? path.substring(0, PATH_MAX) + "…" : path);
                fields.put("status", status);
                fields.put("ms", Math.round((System.nanoTime() - start) / 1e5) / 10.0);
                LOG.log(Level.INFO, "request", new Object[] {fields});
            }
        }
    }
}
