package dev.tasklane.consumers.kit.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
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
     * <p>One Jackson pass reads the envelope and its data together. The CloudEvents SDK's reader was
     * used here before: it builds its own event, then hands the data back as bytes that had to be
     * parsed a second time — half of the audit service's CPU per event in a profile
     * (docs/benchmarks.md). The checks are the SDK's for structured JSON: a known spec version,
     * the required {@code id}, {@code source} and {@code type}, an RFC 3339 {@code time}, and
     * {@code data} (or {@code data_base64}) that is a JSON object.
     *
     * @throws MalformedEvent when it is not a CloudEvent with an object as data: retrying cannot help
     */
    public TaskEvent parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEvent("empty record value");
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedEvent("not a CloudEvents JSON event: " + e.getMessage(), e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new MalformedEvent("not a CloudEvents JSON event: not a JSON object");
        }
        String specVersion = envelope.path("specversion").asText("");
        if (!specVersion.equals("1.0") && !specVersion.equals("0.3")) {
            throw new MalformedEvent("not a CloudEvents JSON event: specversion '" + specVersion + "' is not 1.0 or 0.3");
        }
        String id = required(envelope, "id", "");
        required(envelope, "source", id);
        String type = required(envelope, "type", id);
        JsonNode data = data(envelope, id);
        JsonNode subjectNode = envelope.get("subject");
        String subject = subjectNode != null && subjectNode.isTextual() ? subjectNode.asText() : data.path("taskId").asText("");
        return new TaskEvent(id, type, subject, time(envelope, id), data);
    }

    private static String required(JsonNode envelope, String attribute, String id) {
        JsonNode value = envelope.get(attribute);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MalformedEvent("not a CloudEvents JSON event" + (id.isEmpty() ? "" : " (id " + id + ")")
                    + ": no " + attribute);
        }
        return value.asText();
    }

    private JsonNode data(JsonNode envelope, String id) {
        JsonNode data = envelope.get("data");
        JsonNode base64 = envelope.get("data_base64");
        if ((data == null || data.isNull()) && base64 != null && base64.isTextual()) {
            try {
                data = mapper.readTree(Base64.getDecoder().decode(base64.asText()));
            } catch (IOException | IllegalArgumentException e) {
                throw new MalformedEvent("event " + id + " data is not JSON: " + e.getMessage(), e);
            }
        }
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw new MalformedEvent("event " + id + " has no data");
        }
        if (!data.isObject()) {
            throw new MalformedEvent("event " + id + " data is not a JSON object");
        }
        return data;
    }

    private static Instant time(JsonNode envelope, String id) {
        JsonNode time = envelope.get("time");
        if (time == null || time.isNull()) {
            return Instant.EPOCH;
        }
        try {
            return parseTime(time.asText());
        } catch (DateTimeParseException e) {
            throw new MalformedEvent("event " + id + " time is not RFC 3339: " + e.getMessage(), e);
        }
    }

    /**
     * An RFC 3339 time as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} reads it. The shape every
     * producer here writes ({@code 2026-12-01T08:00:00.123456Z}, or with a {@code ±hh:mm} offset) is
     * read by hand: the formatter was a third of the parse time in the audit profile. Anything
     * else goes to the formatter, which also gives the error.
     */
    static Instant parseTime(String text) {
        Instant fast = commonShape(text);
        return fast != null ? fast : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    private static Instant commonShape(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(t, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int offsetHours = digits(t, i + 1, 2);
            int offsetMinutes = digits(t, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The non-negative number in {@code text[from, from + count)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
