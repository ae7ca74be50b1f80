package dev.tasklane.server.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.task.Task;
import dev.tasklane.server.api.ApiException;
import dev.tasklane.server.api.Json;
import dev.tasklane.server.sync.SyncService;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /internal/v1/users/{userId}/occurrences} on the internal listener: the recurrence
 * service creates a series' next occurrence <em>if absent</em>. Body:
 * {@code {"completedTaskId": "…", "mutation": <a sync-protocol mutation creating the task>}}.
 *
 * <p>The mutation goes through {@link SyncService#createIfAbsent}: the same merge, change counter
 * and outbox as a device push, plus {@code task.recurring.triggered} in the same transaction. Only
 * an occurrence can be created here: the task must carry a series link and have the
 * deterministic id of its series and occurrence number. 201 = created, 200 = already there (nothing changed).
 */
public final class OccurrencesHttpService implements HttpService {

    public static final String RECURRING_TRIGGERED = "task.recurring.triggered";

    private final SyncService sync;
    private final Json json;
    private final SyncJson syncJson = new SyncJson();

    public OccurrencesHttpService(SyncService sync, Json json) {
        this.sync = sync;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{userId}/occurrences", this::create);
    }

    private void create(ServerRequest request, ServerResponse response) {
        UUID userId = uuid(request.path().pathParameters().get("userId"), "userId");
        ObjectNode body = json.readObject(request.content().as(byte[].class));
        UUID completedTaskId = uuid(body.path("completedTaskId").asText(""), "completedTaskId");
        JsonNode mutationNode = body.path("mutation");
        Mutation mutation;
        try {
            mutation = syncJson.readMutation(mutationNode.toString());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_mutation", "mutation is not a sync-protocol mutation: " + e.getMessage());
        }
        Task task = TaskState.empty(mutation.taskId()).apply(mutation).state().toTask()
                .orElseThrow(() -> ApiException.badRequest("not_an_occurrence", "The mutation does not create a whole task."));
        var series = task.series().orElseThrow(() -> ApiException.badRequest("not_an_occurrence", "The task has no series link."));
        if (!TaskIds.occurrenceId(series.seriesId(), series.occurrence()).equals(task.id())) {
            throw ApiException.badRequest("not_an_occurrence",
                    "An occurrence's id is the UUIDv5 of its series id and occurrence number; " + task.id() + " is not.");
        }
        Map<String, Object> triggered = new LinkedHashMap<>();
        triggered.put("userId", userId.toString());
        triggered.put("taskId", task.id().toString());
        triggered.put("completedTaskId", completedTaskId.toString());
        triggered.put("seriesId", series.seriesId().toString());
        triggered.put("occurrence", series.occurrence());
        triggered.put("due", task.due().map(dev.tasklane.core.task.Due::encode).orElse(null));
        triggered.put("deviceId", "recurrence");
        UUID eventId = com.fasterxml.uuid.Generators.nameBasedGenerator(userId).generate("recurring:" + task.id());
        boolean created = sync.createIfAbsent(userId, mutation, "recurrence", RECURRING_TRIGGERED, eventId, triggered);
        response.status(created ? Status.CREATED_201 : Status.OK_200);
        response.send(json.write(Map.of("created", created, "taskId", task.id().toString())));
    }

    private static UUID uuid(String raw, String name) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_id", name + " is a UUID.");
        }
    }
}
