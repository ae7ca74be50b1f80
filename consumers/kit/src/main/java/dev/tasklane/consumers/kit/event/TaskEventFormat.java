package dev.tasklane.consumers.kit.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.time.ZoneOffset;

/**
 * Reads and writes task events as CloudEvents 1.0 in structured JSON mode — the shape the sync
 * server's outbox relay publishes and the shape Dapr posts to a subscriber (Dapr adds its own
 * extension attributes such as {@code topic} and {@code traceparent}, which are ignored here).
 */
public final class TaskEventFormat {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Parses one record value or Dapr request body.
     *
     * <p>One streaming pass over the JSON: the envelope's attributes are read as they come, the
     * data object is kept as the bytes it was received as (checked to be JSON, and its top-level
     * {@link DataFields} picked out), and no tree is built — {@link TaskEvent#data()} builds one
     * if a consumer asks. Building the whole event's tree here, and the audit service writing the
     * data back out of it, were two thirds of that service's CPU per event in a profile
     * (docs/benchmarks.md). The checks are the CloudEvents SDK's for structured JSON: a known
     * spec version, the required {@code id}, {@code source} and {@code type}, an RFC 3339
     * {@code time}, and {@code data} (or {@code data_base64}) that is a JSON object. Where an
     * attribute is given twice, the last one counts (as in a tree).
     *
     * @throws MalformedEvent when it is not a CloudEvent with an object as data: retrying cannot help
     */
    public TaskEvent parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEvent("empty record value");
        }
        Envelope envelope = new Envelope();
        try (JsonParser parser = MAPPER.getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEvent("not a CloudEvents JSON event: not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("data")) {
                    envelope.data = value == JsonToken.START_OBJECT ? Data.read(parser, bytes)
                            : value == JsonToken.VALUE_NULL ? null : Data.NOT_AN_OBJECT;
                    parser.skipChildren();
                } else {
                    envelope.attribute(name, value, parser);
                }
            }
        } catch (IOException e) {
            throw new MalformedEvent("not a CloudEvents JSON event: " + e.getMessage(), e);
        }
        return envelope.event();
    }

    /** A string value's text, {@code null} for any other value. Only what is read is decoded: the parser defers the rest. */
    private static String text(JsonToken value, JsonParser parser) throws IOException {
        return value == JsonToken.VALUE_STRING ? parser.getText() : null;
    }

    /** The envelope's attributes as read, then checked ({@link #event}). */
    private static final class Envelope {
        private String specVersion = "";
        private String id;
        private String source;
        private String type;
        private String subject;
        private boolean hasTime;
        private String time;
        private String base64;
        private Data data;

        /** Takes the attributes the consumers use as text ({@code null} when not a string); skips the rest. */
        void attribute(String name, JsonToken value, JsonParser parser) throws IOException {
            switch (name) {
                case "specversion" -> specVersion = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : "";
                case "id" -> id = text(value, parser);
                case "source" -> source = text(value, parser);
                case "type" -> type = text(value, parser);
                case "subject" -> subject = text(value, parser);
                case "time" -> {
                    hasTime = value != JsonToken.VALUE_NULL;
                    time = value.isScalarValue() ? parser.getText() : "";
                }
                case "data_base64" -> base64 = text(value, parser);
                default -> {
                    // an attribute no consumer reads (datacontenttype, Dapr's topic, traceparent, …)
                }
            }
            parser.skipChildren();
        }

        TaskEvent event() {
            if (!specVersion.equals("1.0") && !specVersion.equals("0.3")) {
                throw new MalformedEvent("not a CloudEvents JSON event: specversion '" + specVersion + "' is not 1.0 or 0.3");
            }
            String eventId = required(id, "id", "");
            required(source, "source", eventId);
            String eventType = required(type, "type", eventId);
            Data content = data == null && base64 != null ? Data.decode(base64, eventId) : data;
            if (content == null) {
                throw new MalformedEvent("event " + eventId + " has no data");
            }
            if (content == Data.NOT_AN_OBJECT) {
                throw new MalformedEvent("event " + eventId + " data is not a JSON object");
            }
            String taskText = content.fields().taskId();
            return TaskEvent.read(eventId, eventType, subject != null ? subject : taskText != null ? taskText : "",
                    eventTime(eventId), content.fields(), content.json());
        }

        private Instant eventTime(String eventId) {
            if (!hasTime) {
                return Instant.EPOCH;
            }
            try {
                return parseTime(time);
            } catch (DateTimeParseException e) {
                throw new MalformedEvent("event " + eventId + " time is not RFC 3339: " + e.getMessage(), e);
            }
        }

        private static String required(String value, String attribute, String id) {
            if (value == null || value.isEmpty()) {
                throw new MalformedEvent("not a CloudEvents JSON event" + (id.isEmpty() ? "" : " (id " + id + ")")
                        + ": no " + attribute);
            }
            return value;
        }
    }

    /** The data object: its JSON exactly as received, and its top-level fields. */
    private record Data(byte[] json, DataFields fields) {

        static final Data NOT_AN_OBJECT = new Data(new byte[0], new DataFields(null, null, null, List.of()));

        /** Reads the object the parser is at (its START_OBJECT) to its end, keeping its bytes of {@code source}. */
        static Data read(JsonParser parser, byte[] source) throws IOException {
            long startOffset = parser.currentTokenLocation().getByteOffset();
            if (startOffset < 0) {
                // The parser found UTF-16 or UTF-32 (and reads characters, not bytes): CloudEvents JSON is UTF-8.
                throw new MalformedEvent("not a CloudEvents JSON event: not UTF-8");
            }
            int start = Math.toIntExact(startOffset);
            String userId = null;
            String taskId = null;
            String deviceId = null;
            List<String> changed = List.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "userId" -> userId = text(value, parser);
                    case "taskId" -> taskId = text(value, parser);
                    case "deviceId" -> deviceId = text(value, parser);
                    case "changedFields" -> changed = value == JsonToken.START_ARRAY ? elements(parser) : List.of();
                    default -> {
                        // read only when a consumer asks for the tree
                    }
                }
                parser.skipChildren();
            }
            int end = Math.toIntExact(parser.currentLocation().getByteOffset());
            String problem = StoredJsonCheck.problem(source, start, end);
            if (problem != null) {
                throw new MalformedEvent("not a CloudEvents JSON event: its data holds " + problem);
            }
            return new Data(Arrays.copyOfRange(source, start, end), new DataFields(userId, taskId, deviceId, changed));
        }

        /** Each element's text, as {@link JsonNode#asText()} gives it (a nested array or object as ""). */
        private static List<String> elements(JsonParser parser) throws IOException {
            List<String> elements = new ArrayList<>();
            for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                if (element == JsonToken.VALUE_NUMBER_FLOAT) {
                    elements.add(Double.toString(parser.getDoubleValue()));
                } else if (element.isScalarValue()) {
                    elements.add(parser.getText());
                } else {
                    parser.skipChildren();
                    elements.add("");
                }
            }
            return elements;
        }

        /** Data sent as {@code data_base64}: decoded, then read as JSON that must be one object. */
        static Data decode(String base64, String eventId) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new MalformedEvent("event " + eventId + " data is not JSON: " + e.getMessage(), e);
            }
            try (JsonParser parser = MAPPER.getFactory().createParser(bytes)) {
                JsonToken first = parser.nextToken();
                if (first == null || first == JsonToken.VALUE_NULL) {
                    return null;
                }
                return first == JsonToken.START_OBJECT ? read(parser, bytes) : NOT_AN_OBJECT;
            } catch (IOException e) {
                throw new MalformedEvent("event " + eventId + " data is not JSON: " + e.getMessage(), e);
            }
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
        return FORMAT.serialize(CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(source)
                .withType(event.type())
                .withSubject(event.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(event.dataJson())
                .build());
    }

    /** The Kafka header value that marks structured CloudEvents. */
    public static byte[] contentTypeHeader() {
        return CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    }
}
