package dev.tasklane.server.sync;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox event of one applied mutation: its CloudEvent id, type and JSON data
 * (docs/events.md). Built here and nowhere else, so every writer of task events sends one shape.
 *
 * @param data the CloudEvent data, already encoded (written to the outbox as is)
 */
record TaskChanged(UUID eventId, UUID taskId, String type, String data) {

    /** Builds the events of one user's push; holds that user's id namespace (a SHA-1 digest), so make one per push. */
    static final class Factory {
        private final UUID userId;
        private final String deviceId;
        private final SyncJson json;
        private final NameBasedGenerator ids;

        Factory(UUID userId, String deviceId, SyncJson json) {
            this.userId = userId;
            this.deviceId = deviceId;
            this.json = json;
            this.ids = Generators.nameBasedGenerator(userId);
        }

        TaskChanged of(Mutation mutation, TaskState before, TaskState after) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("userId", userId.toString());
            data.put("taskId", mutation.taskId().toString());
            data.put("mutationId", mutation.mutationId().toString());
            // Which device made the change (the task history shows it); "rest" for the REST API.
            data.put("deviceId", deviceId);
            List<String> changed = new ArrayList<>(mutation.fields().keySet().stream().map(TaskField::wireName).sorted().toList());
            if (!mutation.tags().isEmpty()) {
                changed.add("tags");
            }
            data.put("changedFields", changed);
            // The task as consumers want it (not the per-field registers); null while a partial
            // state (an edit that overtook its create) has no title yet.
            data.put("task", after.toTask().map(TaskView::of).orElse(null));
            return new TaskChanged(ids.generate(mutation.mutationId().toString()), mutation.taskId(),
                    EventType.of(before, after).type(), json.write(data));
        }
    }

    /**
     * The CloudEvent id of a user's mutation: UUIDv5 of the mutation id in the user's namespace.
     * Deterministic per (user, mutation): a re-sent mutation can never mint a second event, and two
     * users' clients choosing the same mutation id never collide.
     */
    static UUID eventId(UUID userId, UUID mutationId) {
        return Generators.nameBasedGenerator(userId).generate(mutationId.toString());
    }
}
