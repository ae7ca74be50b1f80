package dev.tasklane.core.merge;

/** A mutation's decision about one tag: add it (with this spelling) or remove it. */
public record TagChange(String display, boolean present) {
}
