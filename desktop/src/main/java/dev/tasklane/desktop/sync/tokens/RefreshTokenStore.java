package dev.tasklane.desktop.sync.tokens;

import java.util.Optional;

/**
 * Where the sync session's refresh token is kept between starts. Methods may block on the OS
 * keychain (a D-Bus round trip, an unlock prompt): call them off the UI thread.
 */
public interface RefreshTokenStore {

    /** The stored token; empty when there is none (signed out, never signed in). */
    Optional<String> read();

    /** Keeps {@code token}, replacing the one stored before (refresh tokens rotate). */
    void save(String token);

    /** Forgets the token (the session ended). */
    void clear();

    /** A sentence for the user when the token is not in an OS keychain; empty when it is. */
    Optional<String> warning();
}
