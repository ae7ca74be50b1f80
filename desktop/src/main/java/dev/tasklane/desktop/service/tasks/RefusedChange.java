package dev.tasklane.desktop.service.tasks;

import java.time.Instant;
import java.util.UUID;

/** A change the server refused as invalid, with its reason, as the "Not synced" list shows it. */
public record RefusedChange(UUID mutationId, UUID taskId, String code, String reason, Instant refusedAt) {
}
