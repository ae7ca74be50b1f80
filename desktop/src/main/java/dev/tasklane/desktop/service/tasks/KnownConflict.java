package dev.tasklane.desktop.service.tasks;

import dev.tasklane.core.merge.Conflict;
import java.time.Instant;
import java.util.Optional;

/**
 * A conflict as the inbox shows it: who wrote each value (device names, when known), when it was
 * detected, and whether the server detected it (otherwise this device did).
 */
public record KnownConflict(Conflict conflict, Optional<String> keptBy, Optional<String> lostBy, Instant detectedAt,
                            boolean fromServer) {
}
