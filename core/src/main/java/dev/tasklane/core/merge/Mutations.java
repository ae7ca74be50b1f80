package dev.tasklane.core.merge;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.task.Tags;
import dev.tasklane.core.task.Task;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Turns an edit of a task into the mutation that records it. */
public final class Mutations {

    private Mutations() {
    }

    /**
     * The mutation that takes {@code before} to {@code after}: every field whose encoded value
     * differs from the task {@code before} shows (each with the clock of the value it replaces as
     * its base) and every tag added, removed or re-spelled. Values the repair rules set aside
     * ({@link TaskState#setAside()}) are not shown, so an edit leaves them alone. Fields the edit did not touch are left out so they cannot override
     * another device's concurrent edit of them.
     */
    public static Mutation between(TaskState before, Task after, Hlc hlc, UUID mutationId) {
        if (!before.taskId().equals(after.id())) {
            throw new IllegalArgumentException("state and task differ in id");
        }
        // Compare with the task as shown (after the repair rules), not the raw registers: a value
        // the repair set aside is not on screen, and an edit of other fields must not erase it.
        Optional<Task> shown = before.toTask();
        Map<TaskField, FieldChange> changes = new EnumMap<>(TaskField.class);
        for (TaskField field : TaskField.values()) {
            String value = field.read(after);
            Register current = before.fields().get(field);
            boolean unchanged = shown.isPresent() ? field.read(shown.get()).equals(value)
                    : current != null && current.value().equals(value);
            if (unchanged || current == null && isDefault(field, value)) {
                continue;
            }
            changes.put(field, new FieldChange(value, before.clockOf(field)));
        }
        Map<String, TagChange> tagChanges = new HashMap<>();
        Map<String, String> wanted = new HashMap<>();
        after.tags().forEach(tag -> wanted.put(Tags.key(tag), tag));
        wanted.forEach((key, display) -> {
            TagState current = before.tags().get(key);
            if (current == null || !current.present() || !current.display().equals(display)) {
                tagChanges.put(key, new TagChange(display, true));
            }
        });
        java.util.Set<String> shownTags = shown.map(task -> task.tags().stream().map(Tags::key).collect(java.util.stream.Collectors.toSet()))
                .orElse(before.tags().keySet());
        before.tags().forEach((key, current) -> {
            if (current.present() && shownTags.contains(key) && !wanted.containsKey(key)) {
                tagChanges.put(key, new TagChange(current.display(), false));
            }
        });
        return new Mutation(mutationId, after.id(), hlc, changes, tagChanges);
    }

    /**
     * The mutations that rebuild {@code state} exactly: one per clock that appears in it, holding
     * every field and tag that clock wrote (with the same bases). Applied to an empty state in any
     * order they give {@code state} back, and a replica that has it already is unchanged — which
     * makes them the way to upload a whole state again (after a server restore). Their ids are
     * derived from task and clock, so uploading twice applies once.
     */
    public static List<Mutation> rebuilding(TaskState state) {
        Map<Hlc, Map<TaskField, FieldChange>> fields = new java.util.TreeMap<>();
        Map<Hlc, Map<String, TagChange>> tags = new java.util.TreeMap<>();
        state.fields().forEach((field, register) -> fields.computeIfAbsent(register.hlc(), h -> new EnumMap<>(TaskField.class))
                .put(field, new FieldChange(register.value(), register.base())));
        state.tags().forEach((key, tag) -> tags.computeIfAbsent(tag.hlc(), h -> new HashMap<>())
                .put(key, new TagChange(tag.display(), tag.present())));
        java.util.Set<Hlc> clocks = new java.util.TreeSet<>(fields.keySet());
        clocks.addAll(tags.keySet());
        List<Mutation> mutations = new java.util.ArrayList<>();
        for (Hlc hlc : clocks) {
            UUID id = com.fasterxml.uuid.Generators.nameBasedGenerator(state.taskId()).generate("rebuild " + hlc.encode());
            mutations.add(new Mutation(id, state.taskId(), hlc, fields.getOrDefault(hlc, Map.of()), tags.getOrDefault(hlc, Map.of())));
        }
        return mutations;
    }

    /** A new task's empty optional fields need no register: absent already means "not set". */
    private static boolean isDefault(TaskField field, String value) {
        return switch (field) {
            case TITLE, CREATED_AT -> false;
            case PRIORITY -> value.equals("NONE");
            case DELETED -> value.equals("false");
            default -> value.isEmpty();
        };
    }
}
