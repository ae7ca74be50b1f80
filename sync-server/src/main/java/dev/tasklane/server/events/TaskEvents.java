package dev.tasklane.server.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
    private static final JsonFactory JSON = new JsonFactory();

    /** Writes an event's data (one JSON value) to the generator positioned at the envelope's {@code data} field. */
    @FunctionalInterface
    public interface DataWriter {
        void write(JsonGenerator out) throws IOException;
    }

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

    /**
     * The Kafka record value of an event as text (the value is its UTF-8 bytes), encoded in one
     * pass with the data streamed into the envelope: its bytes are exactly what
     * {@link #serialize}({@link #event}(…)) gives for the same attributes and data (attribute order,
     * the SDK's time format, data as a raw JSON value) — {@code TaskEventsTest} holds the two
     * together. The outbox writer stores it once, in the change's transaction, and the relay sends
     * it as it is (no parsing or encoding per send). Compact JSON: never a raw line feed.
     *
     * @param time truncated to microseconds, the precision of the outbox's {@code created_at}
     */
    public static String encode(UUID id, String type, UUID taskId, Instant time, DataWriter data) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("specversion", "1.0");
            out.writeStringField("id", id.toString());
            out.writeStringField("source", SOURCE.toString());
            out.writeStringField("type", type);
            out.writeStringField("datacontenttype", "application/json");
            out.writeStringField("subject", taskId.toString());
            out.writeStringField("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    time.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC)));
            out.writeFieldName("data");
            data.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode event " + id, e);
        }
        return text.toString();
    }

    public static byte[] serialize(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    public static CloudEvent deserialize(byte[] bytes) {
        return FORMAT.deserialize(bytes);
    }
}
