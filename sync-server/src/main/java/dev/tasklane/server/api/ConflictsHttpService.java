package dev.tasklane.server.api;

import dev.tasklane.server.auth.AuthenticatedUser;
import dev.tasklane.server.auth.Authenticator;
import dev.tasklane.server.sync.SyncService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/conflicts}: the values that lost a concurrent edit on the server (a REST
 * edit and a device's, two devices'), newest first, so the owner can see and restore them.
 */
public final class ConflictsHttpService implements HttpService {

    private static final int PAGE_MAX = 200;

    private final SyncService sync;
    private final Authenticator authenticator;
    private final Json json;

    public ConflictsHttpService(SyncService sync, Authenticator authenticator, Json json) {
        this.sync = sync;
        this.authenticator = authenticator;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest request, ServerResponse response) {
        AuthenticatedUser user = authenticator.require(request);
        String raw = request.query().first("limit").asOptional().orElse("50");
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > PAGE_MAX) {
            throw ApiException.badRequest("invalid_query", "limit is a whole number from 1 to " + PAGE_MAX + ".");
        }
        java.util.Optional<java.time.Instant> since;
        try {
            since = request.query().first("since").asOptional().map(java.time.Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("invalid_query", "since is an ISO-8601 instant, e.g. 2026-11-27T10:15:30Z.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", sync.conflicts(user.userId(), limit, since));
        body.put("writers", sync.writerNames(user.userId()));
        response.send(json.write(body));
    }
}
