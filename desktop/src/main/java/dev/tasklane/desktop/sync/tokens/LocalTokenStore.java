package dev.tasklane.desktop.sync.tokens;

import dev.tasklane.desktop.store.PreferenceStore;
import java.util.Optional;

/**
 * The refresh token in the local H2 store (the {@code preferences} table), readable by anyone who
 * can read the data folder. Used where the computer has no keychain, and by tests.
 */
public final class LocalTokenStore implements RefreshTokenStore {

    /** The preference key; the keychain migration reads and empties it. */
    static final String KEY = "sync.refreshToken";

    private final PreferenceStore preferences;
    private final Optional<String> warning;

    /** @param warning what to tell the user about this choice (empty when the choice was deliberate, as in tests) */
    public LocalTokenStore(PreferenceStore preferences, Optional<String> warning) {
        this.preferences = preferences;
        this.warning = warning;
    }

    @Override
    public Optional<String> read() {
        return preferences.get(KEY).filter(token -> !token.isEmpty());
    }

    @Override
    public void save(String token) {
        preferences.put(KEY, token);
    }

    @Override
    public void clear() {
        // Empty rather than deleted: PreferenceStore has no delete, and empty already means "none".
        preferences.put(KEY, "");
    }

    @Override
    public Optional<String> warning() {
        return warning;
    }
}
