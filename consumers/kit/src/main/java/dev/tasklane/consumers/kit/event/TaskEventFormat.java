package dev.tasklane.consumers.kit.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Reads and writes task events as CloudEvents 1.0 in structured JSON mode — the shape the sync
 * server's outbox relay publishes and the shape Dapr posts to a subscriber (Dapr adds its own
 * extension attributes such as {@code topic} and {@code traceparent}, which are ignored here).
 */
public final class TaskEventFormat {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Parses one record value or Dapr request body.
     *
     * @throws MalformedEvent when it is not a CloudEvent with an object as data: retrying cannot help
     */
    public TaskEvent parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEvent("empty record value");
        }
        CloudEvent event;
        try {
            event = FORMAT.deserialize(bytes);
        } catch (RuntimeException e) {
            throw new MalformedEvent("not a CloudEvents JSON event: " + e.getMessage(), e);
        }
        if (event.getData() == null) {
            throw new MalformedEvent("event " + event.getId() + " has no data");
        }
        JsonNode data;
        try {
            data = mapper.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new MalformedEvent("event " + event.getId() + " data is not JSON: " + e.getMessage(), e);
        }
        if (data == null || !data.isObject()) {
            throw new MalformedEvent("event " + event.getId() + " data is not a JSON object");
        }
        String subject = event.getSubject() != null ? event.getSubject() : data.path("taskId").asText("");
        Instant time = event.getTime() != null ? event.getTime().toInstant() : Instant.EPOCH;
        return new TaskEvent(event.getId(), event.getType(), subject, time, data);
    }

    /** Serializes an event this service emits (e.g. {@code task.reminder.due}) as structured JSON. */
    public byte[] write(TaskEvent event, URI source) {
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(event.data());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write event data", e);
        }
        return FORMAT.serialize(CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(source)
                .withType(event.type())
                .withSubject(event.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data)
                .build());
    }

    /** The Kafka header value that marks structured CloudEvents. */
    public static byte[] contentTypeHeader() {
        return CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    }
}
