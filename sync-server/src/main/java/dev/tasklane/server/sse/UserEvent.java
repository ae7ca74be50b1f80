package dev.tasklane.server.sse;

import java.util.UUID;

/** One event for a user's streams: its SSE id, kind ("sync" or "reminder") and JSON payload. */
public record UserEvent(long id, UUID userId, String kind, String payload) {
}
