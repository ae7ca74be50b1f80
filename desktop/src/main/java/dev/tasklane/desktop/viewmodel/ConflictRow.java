package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.merge.Conflict;

/** A concurrent edit that lost, described for the editor's conflict list. */
public record ConflictRow(Conflict conflict, String description) {
}
