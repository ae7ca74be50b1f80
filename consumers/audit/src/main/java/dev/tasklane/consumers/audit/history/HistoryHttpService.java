package dev.tasklane.consumers.audit.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.audit.log.AuditLog;
import dev.tasklane.consumers.audit.log.FieldChange;
import dev.tasklane.consumers.audit.log.HistoryEntry;
import dev.tasklane.consumers.audit.log.HistoryPage;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code GET /internal/v1/history/{userId}/{taskId}?limit=&before=}: one task's history, newest
 * first, for the sync server (which checks ownership and serves the public
 * {@code /api/v1/tasks/{id}/history}). Internal: not routed from outside the cluster. The user id
 * is part of every query, so even a wrong caller never reads another user's log.
 */
public final class HistoryHttpService implements HttpService {

    public static final int LIMIT_MAX = 200;

    private final AuditLog log;
    private final ObjectMapper mapper = new ObjectMapper();

    public HistoryHttpService(AuditLog log) {
        this.log = log;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{userId}/{taskId}", this::history);
    }

    private void history(ServerRequest request, ServerResponse response) {
        UUID userId;
        UUID taskId;
        int limit;
        OptionalLong before;
        try {
            userId = UUID.fromString(request.path().pathParameters().get("userId"));
            taskId = UUID.fromString(request.path().pathParameters().get("taskId"));
            limit = Integer.parseInt(request.query().first("limit").orElse("50"));
            before = request.query().first("before").map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
        } catch (IllegalArgumentException e) {
            problem(response, 400, "invalid_query", "userId and taskId are UUIDs; limit and before are whole numbers.");
            return;
        }
        if (limit < 1 || limit > LIMIT_MAX) {
            problem(response, 400, "invalid_query", "limit is between 1 and " + LIMIT_MAX + ".");
            return;
        }
        HistoryPage page;
        try {
            page = log.history(userId, taskId, before, limit);
        } catch (SQLException e) {
            response.header(HeaderNames.RETRY_AFTER, "5");
            problem(response, 503, "audit_unavailable", "The audit log cannot be read right now.");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(HistoryHttpService::view).toList());
        body.put("next", page.next().isPresent() ? Long.toString(page.next().getAsLong()) : null);
        send(response, "application/json", body);
    }

    private static Map<String, Object> view(HistoryEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("eventId", entry.eventId());
        view.put("type", entry.type());
        view.put("time", entry.time().toString());
        view.put("device", entry.device().orElse(null));
        List<Map<String, Object>> changes = entry.changes().stream().map(HistoryHttpService::view).toList();
        view.put("changes", changes);
        return view;
    }

    private static Map<String, Object> view(FieldChange change) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("field", change.field());
        view.put("from", change.from());
        view.put("to", change.to());
        return view;
    }

    private void problem(ServerResponse response, int status, String code, String detail) {
        response.status(Status.create(status));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://tasklane.dev/problems/" + code);
        body.put("title", status == 400 ? "Bad request" : "Service unavailable");
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        send(response, "application/problem+json", body);
    }

    private void send(ServerResponse response, String contentType, Object body) {
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        try {
            response.send(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
