package dev.tasklane.core.merge;

import dev.tasklane.core.clock.Hlc;
import java.util.UUID;

/**
 * Two devices changed the same field without seeing each other's change. The newer write won
 * ({@code kept}); the other ({@code lost}) is recorded so the user can see it and restore it.
 */
public record Conflict(UUID taskId, TaskField field, String keptValue, Hlc keptHlc, String lostValue, Hlc lostHlc) {
}
