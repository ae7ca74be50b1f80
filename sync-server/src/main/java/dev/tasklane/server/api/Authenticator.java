package dev.tasklane.server.api;

import dev.tasklane.server.auth.AccessTokens;
import dev.tasklane.server.auth.AuthenticatedUser;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** Reads the bearer access token of a request; every task and sync route goes through it. */
public final class Authenticator {

    private final AccessTokens tokens;

    public Authenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    public AuthenticatedUser require(ServerRequest request) {
        String header = request.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("missing_token", "Send an access token: Authorization: Bearer <token>.");
        }
        return tokens.verify(header.substring(7).strip())
                .orElseThrow(() -> ApiException.unauthorized("invalid_token", "The access token is invalid or expired; refresh it."));
    }
}
