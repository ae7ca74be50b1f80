package dev.tasklane.server;

import io.helidon.http.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every route the server answers, as templates with their methods. Used to tell a wrong method
 * (405 with {@code Allow}) from an unknown path (404), and as the bounded {@code route} label of
 * the request metrics, so client-chosen paths never become metric series. RoutesTest checks each
 * entry against the real routing.
 */
public final class Routes {

    /** One path template and the methods it accepts. */
    public record Route(String template, Set<String> methods) {
        Pattern pattern() {
            return Pattern.compile(Pattern.quote(template).replace("{id}", "\\E[^/]+\\Q") + "/?");
        }
    }

    public static final List<Route> ALL = List.of(
            new Route("/api/v1/openapi.yaml", Set.of("GET")),
            new Route("/metrics", Set.of("GET")),
            new Route("/observe/health", Set.of("GET")),
            new Route("/api/v1/auth/register", Set.of("POST")),
            new Route("/api/v1/auth/login", Set.of("POST")),
            new Route("/api/v1/auth/refresh", Set.of("POST")),
            new Route("/api/v1/auth/logout", Set.of("POST")),
            new Route("/api/v1/sync", Set.of("POST")),
            new Route("/api/v1/tasks", Set.of("GET", "POST")),
            new Route("/api/v1/tasks/{id}", Set.of("GET", "PATCH", "DELETE")),
            new Route("/api/v1/tasks/{id}/complete", Set.of("POST")),
            new Route("/api/v1/conflicts", Set.of("GET")),
            new Route("/api/v1/events", Set.of("GET")));

    private static final List<Pattern> PATTERNS = ALL.stream().map(Route::pattern).toList();
    private static final Set<String> KNOWN_METHODS = Set.of(
            Method.GET.text(), Method.HEAD.text(), Method.POST.text(), Method.PUT.text(), Method.PATCH.text(),
            Method.DELETE.text(), Method.OPTIONS.text(), Method.TRACE.text(), Method.CONNECT.text());

    private Routes() {
    }

    /** The route whose template matches {@code path}. */
    public static Optional<Route> match(String path) {
        for (int i = 0; i < ALL.size(); i++) {
            if (PATTERNS.get(i).matcher(path).matches()) {
                return Optional.of(ALL.get(i));
            }
        }
        return Optional.empty();
    }

    /** The metric label for a path: its template, or "unmatched". */
    public static String label(String path) {
        return match(path).map(Route::template).orElse("unmatched");
    }

    /** The metric label for a method: a standard method name, or "other". */
    public static String methodLabel(String method) {
        return KNOWN_METHODS.contains(method) ? method : "other";
    }

    /** The {@code Allow} header value of a route. */
    static String allow(Route route) {
        return String.join(", ", new LinkedHashSet<>(route.methods().stream().sorted().toList()));
    }
}
