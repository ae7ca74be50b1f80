package dev.tasklane.server.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads the bearer access token of a request; every task, sync and event route goes through it.
 * A token that verifies but names a user who does not exist (a token minted with a leaked key, or
 * for an account that is gone) is refused like any bad token: 401, never a database error later.
 */
public final class Authenticator {

    private final AccessTokens tokens;
    private final UserDirectory users;

    public Authenticator(AccessTokens tokens, UserDirectory users) {
        this.tokens = tokens;
        this.users = users;
    }

    /** @throws AuthException (401) when the token is missing, invalid, expired or names no user */
    public AuthenticatedUser require(ServerRequest request) {
        String header = request.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthException(AuthException.Reason.MISSING_TOKEN);
        }
        return tokens.verify(header.substring(7).strip())
                .filter(user -> users.exists(user.userId()))
                .orElseThrow(() -> new AuthException(AuthException.Reason.ACCESS_TOKEN_INVALID));
    }
}
