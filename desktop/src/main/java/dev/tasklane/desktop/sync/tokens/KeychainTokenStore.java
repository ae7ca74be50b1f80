package dev.tasklane.desktop.sync.tokens;

import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.tokens.keychain.Keychain;
import dev.tasklane.desktop.sync.tokens.keychain.KeychainException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The refresh token in the OS keychain, with the local store as the fallback only where the
 * computer has no keychain. The keychain is opened on first use (off the UI thread): then a token
 * an older Tasklane kept in the local store moves into the keychain and is erased locally.
 *
 * <p>A keychain that exists but fails one write (locked, prompt dismissed) gets the token in the
 * local store for that time, with the warning, rather than losing the session.
 */
public final class KeychainTokenStore implements RefreshTokenStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeychainTokenStore.class.getName());
    static final String SERVICE = "Tasklane sync";
    static final String NO_KEYCHAIN = "This computer has no keychain (Secret Service), so your sign-in is kept in Tasklane's data"
            + " folder, readable by anyone who can read your files. Install GNOME Keyring or KeePassXC to keep it safer.";
    static final String KEYCHAIN_FAILED = "The keychain did not accept your sign-in, so it is kept in Tasklane's data folder for now.";

    private final String account;
    private final java.util.function.Function<StringBuilder, Optional<Keychain>> opener;
    private final LocalTokenStore local;
    private Optional<Keychain> keychain;
    /** The token last written to the keychain: the engine reports after every round, the token rotates far less often. */
    private String written = "";
    private volatile Optional<String> warning = Optional.empty();

    /**
     * @param account the keychain entry's account: one per data folder (its device id), so two
     *                Tasklane profiles on one computer keep separate sessions
     * @param opener  opens the keychain ({@link Keychain#open} in the app), filling in why not
     */
    public KeychainTokenStore(PreferenceStore preferences, String account, java.util.function.Function<StringBuilder, Optional<Keychain>> opener) {
        this.account = account;
        this.opener = opener;
        this.local = new LocalTokenStore(preferences, Optional.empty());
    }

    /** The keychain of this computer for the data folder whose device id is {@code account}. */
    public static KeychainTokenStore forThisComputer(PreferenceStore preferences, String account) {
        return new KeychainTokenStore(preferences, account, Keychain::open);
    }

    @Override
    public synchronized Optional<String> read() {
        Optional<Keychain> opened = keychain();
        if (opened.isEmpty()) {
            return local.read();
        }
        try {
            Optional<String> stored = opened.get().read(SERVICE, account);
            // A token left locally by a failed keychain write is newer than none.
            return stored.isPresent() ? stored : local.read();
        } catch (KeychainException e) {
            LOG.log(Level.WARNING, e.getMessage(), e);
            return local.read();
        }
    }

    @Override
    public synchronized void save(String token) {
        Optional<Keychain> opened = keychain();
        if (opened.isEmpty()) {
            local.save(token);
            return;
        }
        if (token.equals(written)) {
            return;
        }
        try {
            opened.get().write(SERVICE, account, token);
            written = token;
            if (local.read().isPresent()) {
                local.clear();
            }
            warning = Optional.empty();
        } catch (KeychainException e) {
            LOG.log(Level.WARNING, e.getMessage(), e);
            local.save(token);
            warning = Optional.of(KEYCHAIN_FAILED);
        }
    }

    @Override
    public synchronized void clear() {
        written = "";
        local.clear();
        Optional<Keychain> opened = keychain();
        if (opened.isPresent()) {
            try {
                opened.get().delete(SERVICE, account);
            } catch (KeychainException e) {
                LOG.log(Level.WARNING, e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized Optional<String> warning() {
        keychain();
        return warning;
    }

    /** Whether the token goes to an OS keychain (opens it if that has not happened yet). */
    public synchronized boolean usesKeychain() {
        return keychain().isPresent();
    }

    private Optional<Keychain> keychain() {
        if (keychain == null) {
            StringBuilder whyNot = new StringBuilder();
            keychain = opener.apply(whyNot);
            if (keychain.isEmpty()) {
                LOG.warning("no OS keychain (" + whyNot + "); the sync sign-in stays in the local store");
                warning = Optional.of(NO_KEYCHAIN);
            } else {
                LOG.info("the sync sign-in is kept in the OS keychain (" + keychain.get().kind() + ")");
                migrate(keychain.get());
            }
        }
        return keychain;
    }

    /** Moves a token an older Tasklane kept in the local store into the keychain, then erases it there. */
    private void migrate(Keychain opened) {
        Optional<String> stored = local.read();
        if (stored.isEmpty()) {
            return;
        }
        try {
            opened.write(SERVICE, account, stored.get());
            // Erase locally only once the keychain gives the same token back.
            if (opened.read(SERVICE, account).equals(stored)) {
                local.clear();
                LOG.info("moved the stored sync sign-in into the OS keychain");
            }
        } catch (KeychainException e) {
            LOG.log(Level.WARNING, "could not move the sync sign-in into the keychain; it stays in the local store", e);
            warning = Optional.of(KEYCHAIN_FAILED);
        }
    }

    @Override
    public synchronized void close() {
        if (keychain != null) {
            keychain.ifPresent(Keychain::close);
        }
    }
}
