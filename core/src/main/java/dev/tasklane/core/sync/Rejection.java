package dev.tasklane.core.sync;

import java.util.UUID;

/** A mutation the server refused, with a stable code ("invalid", "clock_ahead", …) and a readable reason. */
public record Rejection(UUID mutationId, String code, String reason) {
}
