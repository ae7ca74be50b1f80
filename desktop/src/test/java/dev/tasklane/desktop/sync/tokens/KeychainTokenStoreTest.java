package dev.tasklane.desktop.sync.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.tokens.keychain.Keychain;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback path: where the computer has no keychain the token stays in the local store and the
 * user is told. Runs in the normal test run (no D-Bus session there); the keychain path itself is
 * {@link SecretServiceKeychainTest}, under a real Secret Service.
 */
class KeychainTokenStoreTest {

    @TempDir
    Path directory;
    private TestDesktop desktop;
    private PreferenceStore preferences;

    @BeforeEach
    void open() {
        desktop = new TestDesktop(directory);
        preferences = desktop.context.preferences();
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    /** The OS boundary: a computer without a keychain (no Secret Service, no Keychain, no Credential Manager). */
    private KeychainTokenStore withoutKeychain() {
        return new KeychainTokenStore(preferences, "d0123456789ab", whyNot -> {
            whyNot.append("no keychain on this computer");
            return Optional.empty();
        });
    }

    @Test
    void withoutAKeychainTheTokenStaysInTheLocalStoreWithAWarning() {
        KeychainTokenStore tokens = withoutKeychain();

        tokens.save("refresh-1");

        assertThat(tokens.usesKeychain()).isFalse();
        assertThat(tokens.warning()).contains(KeychainTokenStore.NO_KEYCHAIN);
        assertThat(preferences.get(LocalTokenStore.KEY)).contains("refresh-1");
        assertThat(withoutKeychain().read()).as("after a restart").contains("refresh-1");
    }

    @Test
    void withoutAKeychainAStoredTokenIsKeptAndClearedLocally() {
        preferences.put(LocalTokenStore.KEY, "from-an-older-version");
        KeychainTokenStore tokens = withoutKeychain();

        assertThat(tokens.read()).contains("from-an-older-version");
        tokens.clear();

        assertThat(tokens.read()).isEmpty();
        assertThat(preferences.get(LocalTokenStore.KEY)).contains("");
    }

    @Test
    void withoutADBusSessionLinuxHasNoKeychainAndSaysWhy() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null || System.getenv("DBUS_SESSION_BUS_ADDRESS").isBlank()),
                "needs Linux without a D-Bus session (the normal test run)");
        StringBuilder whyNot = new StringBuilder();

        assertThat(Keychain.open(whyNot)).isEmpty();
        assertThat(whyNot).hasToString("no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)");
        KeychainTokenStore tokens = KeychainTokenStore.forThisComputer(preferences, "d0123456789ab");
        tokens.save("refresh-2");
        assertThat(tokens.warning()).contains(KeychainTokenStore.NO_KEYCHAIN);
        assertThat(preferences.get(LocalTokenStore.KEY)).contains("refresh-2");
    }
}
