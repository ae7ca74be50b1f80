package dev.tasklane.consumers.kit.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One task event as the consumers see it: the CloudEvents attributes they use and the JSON data.
 *
 * <p>An event read from Kafka or Dapr ({@link TaskEventFormat#parse}) keeps its data as the JSON
 * it arrived as, with the few fields every consumer reads ({@link DataFields}) picked out on the
 * way in; the data's tree is built only when a consumer asks for it ({@link #data()}). The audit
 * service stores the data as received and never needs the tree — building it, and writing it back
 * out, was most of that service's CPU per event (docs/benchmarks.md, "Fifth session").
 */
public final class TaskEvent {

    public static final String CREATED = "task.created";
    public static final String UPDATED = "task.updated";
    public static final String COMPLETED = "task.completed";
    public static final String DELETED = "task.deleted";
    public static final String REMINDER_DUE = "task.reminder.due";
    public static final String RECURRING_TRIGGERED = "task.recurring.triggered";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String id;
    private final String type;
    private final String subject;
    private final Instant time;
    private final DataFields fields;
    /** The data as JSON (UTF-8); written from {@link #data} the first time it is asked for when the event was built in code. */
    private volatile byte[] dataJson;
    /** The data's tree; read from {@link #dataJson} the first time it is asked for when the event was read. */
    private volatile JsonNode data;

    /**
     * An event built in code (e.g. one a service emits).
     *
     * @param id      the CloudEvent id: deterministic (per user mutation, or per reminder fire), so it is the dedupe key
     * @param type    e.g. {@code task.completed}
     * @param subject the task id as text
     * @param time    when the change was made
     * @param data    the event data object (userId, taskId, task, changedFields, …)
     */
    public TaskEvent(String id, String type, String subject, Instant time, JsonNode data) {
        this(id, type, subject, time, DataFields.of(Objects.requireNonNull(data, "data")), null, data);
    }

    private TaskEvent(String id, String type, String subject, Instant time, DataFields fields, byte[] dataJson, JsonNode data) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.time = Objects.requireNonNull(time, "time");
        this.fields = fields;
        this.dataJson = dataJson;
        this.data = data;
    }

    /** An event read from JSON: {@code dataJson} is its data object exactly as received, already checked to be one. */
    static TaskEvent read(String id, String type, String subject, Instant time, DataFields fields, byte[] dataJson) {
        return new TaskEvent(id, type, subject, time, fields, Objects.requireNonNull(dataJson, "dataJson"), null);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String subject() {
        return subject;
    }

    public Instant time() {
        return time;
    }

    /** The event data object (userId, taskId, task, changedFields, …). */
    public JsonNode data() {
        JsonNode tree = data;
        if (tree == null) {
            try {
                tree = MAPPER.readTree(dataJson);
            } catch (IOException e) {
                throw new UncheckedIOException("event " + id + " data was checked as JSON when read", e);
            }
            data = tree;
        }
        return tree;
    }

    /** The data object as JSON text in UTF-8: as received for an event that was read. Not to be modified. */
    public byte[] dataJson() {
        byte[] json = dataJson;
        if (json == null) {
            try {
                json = MAPPER.writeValueAsBytes(data);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write event " + id + " data", e);
            }
            dataJson = json;
        }
        return json;
    }

    /** The owner of the task, from {@code data.userId}. */
    public Optional<UUID> userId() {
        return parseUuid(fields.userId());
    }

    /** The task, from {@code data.taskId} (falls back to the subject). */
    public Optional<UUID> taskId() {
        return parseUuid(fields.taskId()).or(() -> parseUuid(subject));
    }

    /** The device that made the change, from {@code data.deviceId}, when it is text. */
    public Optional<String> deviceId() {
        return Optional.ofNullable(fields.deviceId());
    }

    /** The fields the change touched, from {@code data.changedFields} (empty when there is no such array). */
    public List<String> changedFields() {
        return fields.changedFields();
    }

    /** The task snapshot after the change ({@code data.task}), when the event carries one. */
    public Optional<JsonNode> task() {
        JsonNode task = data().path("task");
        return task.isObject() ? Optional.of(task) : Optional.empty();
    }

    private static Optional<UUID> parseUuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Equal when the attributes and the data (as JSON values, not as bytes) are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TaskEvent that && id.equals(that.id) && type.equals(that.type) && subject.equals(that.subject)
                && time.equals(that.time)
                && (dataJson != null && Arrays.equals(dataJson, that.dataJson) || data().equals(that.data()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, subject, time);
    }

    @Override
    public String toString() {
        return "TaskEvent[id=" + id + ", type=" + type + ", subject=" + subject + ", time=" + time + ", data=" + data() + "]";
    }
}
