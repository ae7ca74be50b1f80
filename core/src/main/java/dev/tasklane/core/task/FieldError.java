package dev.tasklane.core.task;

/**
 * One reason a value was refused: the field it belongs to, a stable machine-readable code and a
 * sentence a user can act on.
 */
public record FieldError(String field, String code, String message) {
}
