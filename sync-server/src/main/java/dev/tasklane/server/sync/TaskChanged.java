package dev.tasklane.server.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.task.Task;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox event of one applied mutation: its CloudEvent id, type and JSON data
 * (docs/events.md). Built here and nowhere else, so every writer of task events sends one shape.
 *
 * @param data the CloudEvent data, already encoded (written to the outbox as is)
 */
record TaskChanged(UUID eventId, UUID taskId, String type, String data) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Builds the events of one user's push; holds that user's id namespace (a SHA-1 digest), so make one per push. */
    static final class Factory {
        private final UUID userId;
        private final String deviceId;
        private final NameBasedGenerator ids;

        Factory(UUID userId, String deviceId) {
            this.userId = userId;
            this.deviceId = deviceId;
            this.ids = Generators.nameBasedGenerator(userId);
        }

        TaskChanged of(Mutation mutation, TaskState before, TaskState after) {
            return new TaskChanged(ids.generate(mutation.mutationId().toString()), mutation.taskId(),
                    EventType.of(before, after).type(), data(mutation, after));
        }

        /** The event data, streamed (no intermediate maps): it is written once per applied mutation. */
        private String data(Mutation mutation, TaskState after) {
            StringWriter text = new StringWriter(768);
            try (JsonGenerator out = JSON.createGenerator(text)) {
                out.writeStartObject();
                out.writeStringField("userId", userId.toString());
                out.writeStringField("taskId", mutation.taskId().toString());
                out.writeStringField("mutationId", mutation.mutationId().toString());
                // Which device made the change (the task history shows it); "rest" for the REST API.
                out.writeStringField("deviceId", deviceId);
                out.writeArrayFieldStart("changedFields");
                for (String field : mutation.fields().keySet().stream().map(TaskField::wireName).sorted().toList()) {
                    out.writeString(field);
                }
                if (!mutation.tags().isEmpty()) {
                    out.writeString("tags");
                }
                out.writeEndArray();
                // The task as consumers want it (not the per-field registers); null while a partial
                // state (an edit that overtook its create) has no title yet.
                out.writeFieldName("task");
                Optional<Task> task = after.toTask();
                if (task.isPresent()) {
                    TaskView.write(out, task.get());
                } else {
                    out.writeNull();
                }
                out.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode the event of " + mutation.mutationId(), e);
            }
            return text.toString();
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
