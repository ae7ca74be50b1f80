package dev.tasklane.server.auth;

import java.util.UUID;

/** Who made a request, from a verified access token. */
public record AuthenticatedUser(UUID userId, UUID deviceId) {
}
