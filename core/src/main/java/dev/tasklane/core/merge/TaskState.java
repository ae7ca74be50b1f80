package dev.tasklane.core.merge;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.TaskLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * This state with the writes that {@code rewritten} re-stamps moved from clock {@code old} to
     * its clock and base: a field or tag still holding the write made at {@code old} takes the
     * rewritten one. Only for a device re-stamping its own unsynced changes (the server refused
     * them because the device's clock ran ahead); other writes are left alone.
     */
    public TaskState restamp(Hlc old, Mutation rewritten) {
        requireSameTask(rewritten.taskId());
        Map<TaskField, Register> newFields = new EnumMap<>(TaskField.class);
        newFields.putAll(fields);
        rewritten.fields().forEach((field, change) -> {
            Register current = fields.get(field);
            if (current != null && current.hlc().equals(old) && current.value().equals(change.value())) {
                newFields.put(field, new Register(change.value(), rewritten.hlc(), change.base()));
            }
        });
        Map<String, TagState> newTags = new TreeMap<>(tags);
        rewritten.tags().forEach((key, change) -> {
            TagState current = tags.get(key);
            if (current != null && current.hlc().equals(old)) {
                newTags.put(key, new TagState(change.display(), change.present(), rewritten.hlc()));
            }
        });
        return new TaskState(taskId, newFields, newTags);
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
     *
     * <p>Each field of a merged state is valid on its own, but two valid edits can combine into
     * values that break a rule spanning fields (one device clears the due while another adds a
     * weekly repeat). The {@linkplain #setAside() repair rules} decide, from the state alone, which
     * values the task leaves out — so every node derives the same valid task from the same state,
     * the merge stays a join, and the set-aside values come back if the rule is met again.
     */
    public Optional<Task> toTask() {
        Register title = fields.get(TaskField.TITLE);
        Register created = fields.get(TaskField.CREATED_AT);
        if (title == null || created == null) {
            return Optional.empty();
        }
        Optional<Due> due = optional(TaskField.DUE, Due::parse);
        return Optional.of(new Task(
                taskId,
                title.value(),
                text(TaskField.NOTES),
                optional(TaskField.PRIORITY, v -> Priority.parse(v).orElse(Priority.NONE)).orElse(Priority.NONE),
                keptTags().stream().map(TagState::display).toList(),
                due,
                optional(TaskField.REMINDER, Reminder::parse).filter(r -> due.isPresent() || !(r instanceof Reminder.BeforeDue)),
                optional(TaskField.RECURRENCE, Recurrence::parse).filter(r -> due.isPresent()),
                optional(TaskField.SERIES, SeriesLink::parse),
                optional(TaskField.COMPLETED_AT, Instant::parse),
                text(TaskField.DELETED).equals("true"),
                Instant.parse(created.value()),
                Instant.ofEpochMilli(latestClock().wallMillis())));
    }

    /**
     * The values {@link #toTask()} leaves out, and why — the repair rules, applied the same way on
     * every node after every merge:
     * <ol>
     *   <li>a repeat rule without a due date is set aside (a repeat needs a due);</li>
     *   <li>a "before due" reminder without a due date is set aside;</li>
     *   <li>beyond {@value TaskLimits#TAGS_MAX} present tags, the tags added last (by clock, then
     *       key) are set aside.</li>
     * </ol>
     * Nothing is deleted from the state: a later edit that meets the rule again (setting a due,
     * removing a tag) brings the value back.
     */
    public List<SetAside> setAside() {
        if (!fields.containsKey(TaskField.TITLE) || !fields.containsKey(TaskField.CREATED_AT)) {
            return List.of();
        }
        List<SetAside> result = new ArrayList<>();
        boolean noDue = text(TaskField.DUE).isEmpty();
        String recurrence = text(TaskField.RECURRENCE);
        if (noDue && !recurrence.isEmpty()) {
            result.add(new SetAside(TaskField.RECURRENCE.wireName(), recurrence, "A repeating task needs a due date."));
        }
        String reminder = text(TaskField.REMINDER);
        if (noDue && !reminder.isEmpty() && Reminder.parse(reminder) instanceof Reminder.BeforeDue) {
            result.add(new SetAside(TaskField.REMINDER.wireName(), reminder, "A reminder before the due time needs a due date."));
        }
        List<String> present = presentTags();
        present.subList(Math.min(present.size(), TaskLimits.TAGS_MAX), present.size()).forEach(key -> result.add(
                new SetAside("tags", tags.get(key).display(), "A task can have at most " + TaskLimits.TAGS_MAX + " tags.")));
        return result;
    }

    /** A value a valid task cannot hold next to the others, kept in the state but not shown. */
    public record SetAside(String field, String value, String reason) {
    }

    /** Keys of present tags, first added first (clock, then key): the order the tag limit keeps them in. */
    private List<String> presentTags() {
        return tags.entrySet().stream().filter(e -> e.getValue().present())
                .sorted(Comparator.comparing((Map.Entry<String, TagState> e) -> e.getValue().hlc()).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
    }

    /** The tags the task shows: the first {@value TaskLimits#TAGS_MAX} added, listed by key (the same everywhere). */
    private List<TagState> keptTags() {
        List<String> present = presentTags();
        java.util.Set<String> kept = new java.util.HashSet<>(present.subList(0, Math.min(present.size(), TaskLimits.TAGS_MAX)));
        // Tags have no order of their own across devices: show them by key, the same everywhere.
        return tags.entrySet().stream().filter(e -> kept.contains(e.getKey())).sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).toList();
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
     * Two different values for one field are a conflict unless the winner's writer saw the loser:
     * a write supersedes a value knowingly only when its base is exactly that value's clock.
     * Clock order alone does not mean "seen" — a device that set B at t=100 offline never saw C
     * (t=200) or D (t=300, base 200), so when B meets D, B is recorded as lost.
     */
    private Optional<Conflict> conflictBetween(TaskField field, Register a, Register b) {
        if (a.value().equals(b.value())) {
            return Optional.empty();
        }
        Register winner = Register.max(a, b);
        Register loser = winner == a ? b : a;
        if (winner.base().equals(loser.hlc())) {
            return Optional.empty();
        }
        return Optional.of(new Conflict(taskId, field, winner.value(), winner.hlc(), loser.value(), loser.hlc()));
    }
}
