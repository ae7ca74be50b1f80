package dev.tasklane.server.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * Who made a request, from a verified access token, and until when that token is good (an event
 * stream ends then, so a stream never outlives its token).
 */
public record AuthenticatedUser(UUID userId, UUID deviceId, Instant tokenExpiresAt) {
}
