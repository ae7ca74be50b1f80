package dev.tasklane.core.task;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when values break the task rules; carries every offending field, not just the first. */
public final class ValidationException extends IllegalArgumentException {

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String code, String message) {
        return new ValidationException(List.of(new FieldError(field, code, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
