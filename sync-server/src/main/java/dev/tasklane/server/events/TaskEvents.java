package dev.tasklane.server.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The CloudEvents 1.0 envelope of Tasklane's events: structured JSON mode (the whole event is the
 * Kafka record value, {@code content-type: application/cloudevents+json}), so any CloudEvents
 * consumer — a Dapr {@code pubsub.kafka} subscriber included — reads it without Tasklane code.
 */
public final class TaskEvents {

    /** The topic every task event goes to; the record key is the task id (per-task order). */
    public static final String TOPIC = "task-events";
    public static final URI SOURCE = URI.create("/tasklane/sync-server");
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private TaskEvents() {
    }

    /**
     * @param id      the event id — derived from the user and mutation, so a re-sent mutation never mints a second event
     * @param type    e.g. {@code task.created}
     * @param taskId  the subject
     * @param data    JSON: user id, task snapshot, changed fields
     */
    public static CloudEvent event(UUID id, String type, UUID taskId, OffsetDateTime time, String data) {
        return CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(SOURCE)
                .withType(type)
                .withSubject(taskId.toString())
                .withTime(time)
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    public static byte[] serialize(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    public static CloudEvent deserialize(byte[] bytes) {
        return FORMAT.deserialize(bytes);
    }
}
