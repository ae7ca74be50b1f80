package dev.tasklane.server.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.task.Task;
import dev.tasklane.server.events.TaskEvents;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox event of one applied mutation: its CloudEvent id, type and the whole CloudEvent as
 * the Kafka record value (docs/events.md). Built here and nowhere else, so every writer of task
 * events sends one shape.
 *
 * @param value the structured CloudEvent, already encoded ({@link TaskEvents#encode}): written to
 *              the outbox as is and sent to Kafka as is
 */
record TaskChanged(UUID eventId, UUID taskId, String type, String value) {

    /** Builds the events of one user's push; holds that user's id namespace (a SHA-1 digest), so make one per push. */
    static final class Factory {
        private final UUID userId;
        private final String deviceId;
        private final Instant time;
        private final NameBasedGenerator ids;

        /** @param time the push's time: every event of the push carries it (as the outbox row's {@code created_at}) */
        Factory(UUID userId, String deviceId, Instant time) {
            this.userId = userId;
            this.deviceId = deviceId;
            this.time = time;
            this.ids = Generators.nameBasedGenerator(userId);
        }

        TaskChanged of(Mutation mutation, TaskState before, TaskState after) {
            UUID eventId = ids.generate(mutation.mutationId().toString());
            String type = EventType.of(before, after).type();
            return new TaskChanged(eventId, mutation.taskId(), type,
                    TaskEvents.encode(eventId, type, mutation.taskId(), time, out -> data(out, mutation, after)));
        }

        /** The event data, streamed into the envelope (no intermediate maps): it is written once per applied mutation. */
        private void data(JsonGenerator out, Mutation mutation, TaskState after) throws IOException {
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
