package dev.tasklane.desktop.sync.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.tokens.keychain.Keychain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refresh token in a real Secret Service (GNOME Keyring) over a real D-Bus session:
 * {@code .ci/run} runs it under {@code dbus-run-session} with {@code gnome-keyring-daemon --unlock}.
 * Without a session bus it is skipped — unless {@code -Dtasklane.requireKeychain=true} (as
 * {@code .ci/run} sets), which turns a missing keychain into a failure. Entries are read back with
 * {@code secret-tool} (libsecret), a second client, so the test does not trust java-keyring alone.
 */
@Tag("keychain")
class SecretServiceKeychainTest {

    private static final String SKIPPED = "SecretServiceKeychainTest skipped: no D-Bus session with a Secret Service;"
            + " .ci/run runs it under dbus-run-session with gnome-keyring";

    @TempDir
    Path directory;
    private TestDesktop desktop;
    private PreferenceStore preferences;
    /** A fresh entry per test, so runs never see each other's tokens. */
    private final String account = "test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

    @BeforeAll
    static void needsASecretService() {
        StringBuilder whyNot = new StringBuilder();
        Optional<Keychain> keychain = Keychain.open(whyNot);
        keychain.ifPresent(Keychain::close);
        if (Boolean.getBoolean("tasklane.requireKeychain")) {
            assertTrue(keychain.isPresent(), "tasklane.requireKeychain is set but there is no keychain: " + whyNot);
        } else if (keychain.isEmpty()) {
            System.err.println(SKIPPED + " (" + whyNot + ")");
        }
        assumeTrue(keychain.isPresent(), SKIPPED);
    }

    @BeforeEach
    void open() {
        desktop = new TestDesktop(directory);
        preferences = desktop.context.preferences();
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    private static String secretTool(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = "secret-tool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private String lookedUpBySecretTool() throws IOException, InterruptedException {
        return secretTool("lookup", "service", KeychainTokenStore.SERVICE, "account", account);
    }

    @Test
    void theTokenIsSavedInTheSecretServiceAndNotInTheLocalStore() throws Exception {
        try (KeychainTokenStore tokens = KeychainTokenStore.forThisComputer(preferences, account)) {
            tokens.save("refresh-in-keychain");

            assertThat(tokens.usesKeychain()).isTrue();
            assertThat(tokens.warning()).isEmpty();
            assertThat(preferences.get(LocalTokenStore.KEY).orElse("")).isEmpty();
            assertThat(lookedUpBySecretTool()).isEqualTo("refresh-in-keychain");
        }
        try (KeychainTokenStore afterRestart = KeychainTokenStore.forThisComputer(preferences, account)) {
            assertThat(afterRestart.read()).contains("refresh-in-keychain");
        }
    }

    @Test
    void aTokenAnOlderVersionKeptLocallyMovesIntoTheKeychain() throws Exception {
        preferences.put(LocalTokenStore.KEY, "refresh-from-h2");

        try (KeychainTokenStore tokens = KeychainTokenStore.forThisComputer(preferences, account)) {
            assertThat(tokens.read()).contains("refresh-from-h2");
            assertThat(preferences.get(LocalTokenStore.KEY)).as("erased locally after the move").contains("");
            assertThat(lookedUpBySecretTool()).isEqualTo("refresh-from-h2");
        }
    }

    @Test
    void aRotatedTokenReplacesTheOldOneAndSignOutRemovesIt() throws Exception {
        try (KeychainTokenStore tokens = KeychainTokenStore.forThisComputer(preferences, account)) {
            tokens.save("refresh-1");
            tokens.save("refresh-2");
            assertThat(lookedUpBySecretTool()).isEqualTo("refresh-2");

            tokens.clear();

            assertThat(tokens.read()).isEmpty();
            assertThat(lookedUpBySecretTool()).isEmpty();
        }
    }

    @Test
    void twoDataFoldersKeepSeparateSessions() throws Exception {
        try (KeychainTokenStore first = KeychainTokenStore.forThisComputer(preferences, account);
             KeychainTokenStore second = KeychainTokenStore.forThisComputer(preferences, account + "-other")) {
            first.save("refresh-first");
            second.save("refresh-second");

            assertThat(first.read()).contains("refresh-first");
            assertThat(second.read()).contains("refresh-second");
            second.clear();
        }
    }
}
