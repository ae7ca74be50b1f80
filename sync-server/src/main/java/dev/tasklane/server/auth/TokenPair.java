package dev.tasklane.server.auth;

import java.util.UUID;

/** What login and refresh return: a short-lived access token and a one-use refresh token. */
public record TokenPair(UUID userId, UUID deviceId, String accessToken, long expiresIn, String refreshToken) {
}
