package dev.tasklane.core.merge;

import dev.tasklane.core.clock.Hlc;

/** A mutation's new value for one field, and the clock of the value the writer replaced. */
public record FieldChange(String value, Hlc base) {
}
