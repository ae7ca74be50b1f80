package dev.tasklane.core.merge;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.task.FieldError;
import dev.tasklane.core.task.TaskLimits;
import dev.tasklane.core.task.Tags;
import dev.tasklane.core.task.ValidationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One change to one task, as it travels from a device to the server and on to other devices:
 * the fields it sets and the tags it adds or removes, all stamped with one clock.
 *
 * <p>A device writes a mutation to its outbox in the same transaction as the local change, so a
 * change is never made without the record that will sync it. Applying a mutation is idempotent.
 *
 * @param tags keyed by {@link Tags#key(String)}
 */
public record Mutation(UUID mutationId, UUID taskId, Hlc hlc, Map<TaskField, FieldChange> fields,
                       Map<String, TagChange> tags) {

    public Mutation {
        Objects.requireNonNull(mutationId, "mutationId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(hlc, "hlc");
        fields = fields.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(fields));
        tags = Map.copyOf(new TreeMap<>(tags));
    }

    public boolean isEmpty() {
        return fields.isEmpty() && tags.isEmpty();
    }

    /**
     * Checks every value against the task rules, as a server does before applying a push.
     *
     * @throws ValidationException listing each bad field
     */
    public void validate() {
        List<FieldError> errors = new ArrayList<>();
        fields.forEach((field, change) -> {
            try {
                field.validate(change.value());
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        });
        if (tags.size() > TaskLimits.TAGS_MAX * 2) {
            errors.add(new FieldError("tags", "too_many", "A mutation changes at most " + TaskLimits.TAGS_MAX * 2 + " tags."));
        }
        tags.forEach((key, change) -> {
            String problem = Tags.problem(change.display());
            if (!problem.isEmpty()) {
                errors.add(new FieldError("tags", "invalid_tag", problem));
            } else if (!key.equals(Tags.key(change.display()))) {
                errors.add(new FieldError("tags", "invalid_tag_key", "Tag key \"" + key + "\" does not match \"" + change.display() + "\"."));
            }
        });
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
