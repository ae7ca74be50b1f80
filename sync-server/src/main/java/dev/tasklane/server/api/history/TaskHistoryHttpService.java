package dev.tasklane.server.api.history;

import dev.tasklane.server.api.ApiException;
import dev.tasklane.server.auth.Authenticator;
import dev.tasklane.server.api.Problems;
import dev.tasklane.server.auth.AuthenticatedUser;
import dev.tasklane.server.history.AuditClient;
import dev.tasklane.server.sync.SyncService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@code GET /api/v1/tasks/{id}/history?limit=&before=}: the task's history from the audit
 * service, newest first ({@code items}: type, time, device, changed fields with old and new
 * values; {@code next}: the {@code before} of the next page). The owner check happens here, on
 * the sync server's own data: another user's (or an unknown) task is a 404 before audit is asked.
 * Audit away is a 503 with Retry-After; nothing else in the API depends on it.
 */
public final class TaskHistoryHttpService implements HttpService {

    private static final Logger LOG = Logger.getLogger(TaskHistoryHttpService.class.getName());
    static final int LIMIT_MAX = 200;
    static final long RETRY_AFTER_SECONDS = 5;

    private final SyncService sync;
    private final Authenticator authenticator;
    private final Problems problems;
    private final AuditClient audit;

    public TaskHistoryHttpService(SyncService sync, Authenticator authenticator, Problems problems, AuditClient audit) {
        this.sync = sync;
        this.authenticator = authenticator;
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/history", this::history);
    }

    private void history(ServerRequest request, ServerResponse response) {
        AuthenticatedUser user = authenticator.require(request);
        String raw = request.path().pathParameters().get("id");
        UUID taskId;
        try {
            taskId = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_id", "\"" + raw + "\" is not a task id (a UUID).");
        }
        int limit = number(request, "limit", 50, 1, LIMIT_MAX);
        OptionalLong before = request.query().first("before").isPresent()
                ? OptionalLong.of(number(request, "before", 0, 1, Long.MAX_VALUE)) : OptionalLong.empty();
        // A deleted task keeps its history for its owner; any task of another user is unknown here.
        if (sync.state(user.userId(), taskId).isEmpty()) {
            throw ApiException.notFound("No task " + taskId + ".");
        }
        byte[] page;
        try {
            page = audit.history(user.userId(), taskId, limit, before);
        } catch (AuditClient.Unavailable e) {
            LOG.warning("task history unavailable: " + e.getMessage());
            problems.send(response, new ApiException(503, "history_unavailable", "Service unavailable",
                    "Task history cannot be loaded right now; try again shortly. Nothing else is affected.", List.of())
                    .withRetryAfter(RETRY_AFTER_SECONDS));
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(page);
    }

    private static long number(ServerRequest request, String name, long fallback, long min, long max) {
        String value = request.query().first(name).orElse(Long.toString(fallback));
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_query", name + " is a whole number between " + min + " and " + max + ".");
    }

    private static int number(ServerRequest request, String name, int fallback, int min, int max) {
        return (int) number(request, name, (long) fallback, min, (long) max);
    }
}
