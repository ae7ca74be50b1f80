package dev.tasklane.core.merge;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The replicated state of one task: a last-writer-wins {@link Register} per field and a
 * {@link TagState} per tag. {@link #merge(TaskState)} is a join: commutative, associative and
 * idempotent, so replicas that have seen the same writes hold the same state whatever the order.
 */
public record TaskState(UUID taskId, Map<TaskField, Register> fields, Map<String, TagState> tags) {

    public TaskState {
        Objects.requireNonNull(taskId, "taskId");
        fields = fields.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(fields));
        tags = Map.copyOf(new TreeMap<>(tags));
    }

    public static TaskState empty(UUID taskId) {
        return new TaskState(taskId, Map.of(), Map.of());
    }

    /** The join of two states of the same task; conflicts between them are reported. */
    public MergeResult merge(TaskState other) {
        requireSameTask(other.taskId);
        Map<TaskField, Register> mergedFields = new EnumMap<>(TaskField.class);
        mergedFields.putAll(fields);
        List<Conflict> conflicts = new ArrayList<>();
        other.fields.forEach((field, incoming) -> mergedFields.merge(field, incoming, (current, next) -> {
            conflictBetween(field, current, next).ifPresent(conflicts::add);
            return Register.max(current, next);
        }));
        Map<String, TagState> mergedTags = new TreeMap<>(tags);
        other.tags.forEach((key, incoming) -> mergedTags.merge(key, incoming, TagState::max));
        return new MergeResult(new TaskState(taskId, mergedFields, mergedTags), conflicts);
    }

    /** Applies one mutation; the same as merging the state that holds only that mutation's writes. */
    public MergeResult apply(Mutation mutation) {
        return merge(of(mutation));
    }

    /** The state that holds exactly one mutation's writes. */
    public static TaskState of(Mutation mutation) {
        Map<TaskField, Register> writes = new EnumMap<>(TaskField.class);
        mutation.fields().forEach((field, change) ->
                writes.put(field, new Register(change.value(), mutation.hlc(), change.base())));
        Map<String, TagState> tagWrites = new TreeMap<>();
        mutation.tags().forEach((key, change) ->
                tagWrites.put(key, new TagState(change.display(), change.present(), mutation.hlc())));
        return new TaskState(mutation.taskId(), writes, tagWrites);
    }

    /** The clock of the current value of {@code field}, or {@link Hlc#ZERO} if never set. */
    public Hlc clockOf(TaskField field) {
        Register register = fields.get(field);
        return register == null ? Hlc.ZERO : register.hlc();
    }

    /** The newest clock in this state. */
    public Hlc latestClock() {
        Hlc latest = Hlc.ZERO;
        for (Register register : fields.values()) {
            latest = register.hlc().isAfter(latest) ? register.hlc() : latest;
        }
        for (TagState tag : tags.values()) {
            latest = tag.hlc().isAfter(latest) ? tag.hlc() : latest;
        }
        return latest;
    }

    /**
     * The task this state describes, or empty while it lacks a title or creation time (for
     * example when an edit arrived before the create).
     */
    public Optional<Task> toTask() {
        Register title = fields.get(TaskField.TITLE);
        Register created = fields.get(TaskField.CREATED_AT);
        if (title == null || created == null) {
            return Optional.empty();
        }
        // Tags have no order of their own across devices: show them by key, the same everywhere.
        List<String> presentTags = tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).filter(TagState::present).map(TagState::display).toList();
        return Optional.of(new Task(
                taskId,
                title.value(),
                text(TaskField.NOTES),
                optional(TaskField.PRIORITY, v -> Priority.parse(v).orElse(Priority.NONE)).orElse(Priority.NONE),
                presentTags,
                optional(TaskField.DUE, Due::parse),
                optional(TaskField.REMINDER, Reminder::parse),
                optional(TaskField.RECURRENCE, Recurrence::parse),
                optional(TaskField.SERIES, SeriesLink::parse),
                optional(TaskField.COMPLETED_AT, Instant::parse),
                text(TaskField.DELETED).equals("true"),
                Instant.parse(created.value()),
                Instant.ofEpochMilli(latestClock().wallMillis())));
    }

    private String text(TaskField field) {
        Register register = fields.get(field);
        return register == null ? "" : register.value();
    }

    private <T> Optional<T> optional(TaskField field, Function<String, T> parser) {
        String value = text(field);
        return value.isEmpty() ? Optional.empty() : Optional.of(parser.apply(value));
    }

    private void requireSameTask(UUID other) {
        if (!taskId.equals(other)) {
            throw new IllegalArgumentException("cannot merge task " + other + " into " + taskId);
        }
    }

    /**
     * Two different values for one field are a conflict when the winner's writer had not seen
     * the loser (its base is older than the loser's clock): both edits were made concurrently.
     */
    private Optional<Conflict> conflictBetween(TaskField field, Register a, Register b) {
        if (a.value().equals(b.value())) {
            return Optional.empty();
        }
        Register winner = Register.max(a, b);
        Register loser = winner == a ? b : a;
        if (winner.base().compareTo(loser.hlc()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Conflict(taskId, field, winner.value(), winner.hlc(), loser.value(), loser.hlc()));
    }
}
