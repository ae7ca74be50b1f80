package dev.tasklane.desktop.sync.tokens.keychain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusSigHandler;
import org.freedesktop.dbus.types.Variant;

/**
 * The Secret Service (GNOME Keyring, KWallet 5.97+, KeePassXC) over the session D-Bus, with the
 * dbus-java the notifications already use. Items go into the default collection with the
 * attributes {@code service} and {@code account} — the same ones java-keyring and libsecret's
 * {@code secret-tool} use, so an entry can be found and removed with either. Secrets travel with
 * the "plain" algorithm: the session bus is private to the user, as libsecret's own default for
 * local services assumes.
 *
 * <p>A locked collection is unlocked through the service's prompt (the desktop asks for the keyring
 * password); the call waits up to {@link #PROMPT_WAIT} for the answer.
 */
final class SecretServiceKeychain implements Keychain {

    static final Duration PROMPT_WAIT = Duration.ofMinutes(2);
    private static final String DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default";
    private static final String LABEL = "org.freedesktop.Secret.Item.Label";
    private static final String ATTRIBUTES = "org.freedesktop.Secret.Item.Attributes";

    private final DBusConnection bus;
    private final SecretServiceBus.Service service;
    private final DBusPath session;

    private SecretServiceKeychain(DBusConnection bus, SecretServiceBus.Service service, DBusPath session) {
        this.bus = bus;
        this.service = service;
        this.session = session;
    }

    /** Connects when the session bus has a Secret Service (running, or started on demand by D-Bus). */
    static Optional<Keychain> connect(StringBuilder whyNot) {
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) {
            // Without a session bus there is no Secret Service; saying so is clearer than dbus-java's failure.
            whyNot.append("no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)");
            return Optional.empty();
        }
        DBusConnection bus = null;
        try {
            bus = DBusConnectionBuilder.forSessionBus().withShared(false).build();
            DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!daemon.NameHasOwner(SecretServiceBus.BUS_NAME)
                    && !List.of(daemon.ListActivatableNames()).contains(SecretServiceBus.BUS_NAME)) {
                whyNot.append("the D-Bus session has no Secret Service (org.freedesktop.secrets)");
                bus.close();
                return Optional.empty();
            }
            SecretServiceBus.Service service = bus.getRemoteObject(SecretServiceBus.BUS_NAME, SecretServiceBus.SERVICE_PATH,
                    SecretServiceBus.Service.class);
            DBusPath session = service.OpenSession("plain", new Variant<>("")).second;
            return Optional.of(new SecretServiceKeychain(bus, service, session));
        } catch (DBusException | IOException | RuntimeException e) {
            whyNot.append("the Secret Service cannot be reached: ").append(e.getMessage());
            if (bus != null) {
                try {
                    bus.close();
                } catch (IOException ignored) {
                    // already failing; the reason above is what matters
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public String kind() {
        return "Secret Service";
    }

    @Override
    public Optional<String> read(String serviceName, String account) throws KeychainException {
        try {
            List<DBusPath> items = unlocked(serviceName, account);
            if (items.isEmpty()) {
                return Optional.empty();
            }
            SecretServiceBus.Item item = bus.getRemoteObject(SecretServiceBus.BUS_NAME, items.getFirst().getPath(), SecretServiceBus.Item.class);
            return Optional.of(new String(item.GetSecret(session).value, StandardCharsets.UTF_8)).filter(v -> !v.isEmpty());
        } catch (DBusException | DBusExecutionException e) {
            throw new KeychainException("the Secret Service refused to read the sign-in: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String serviceName, String account, String secret) throws KeychainException {
        try {
            DBusPath collectionPath = service.ReadAlias("default");
            String path = collectionPath == null || collectionPath.getPath().equals(SecretServiceBus.NONE)
                    ? DEFAULT_COLLECTION : collectionPath.getPath();
            unlock(List.of(new DBusPath(path)));
            SecretServiceBus.Collection collection = bus.getRemoteObject(SecretServiceBus.BUS_NAME, path, SecretServiceBus.Collection.class);
            Map<String, Variant<?>> properties = Map.of(
                    LABEL, new Variant<>(serviceName + " (" + account + ")"),
                    ATTRIBUTES, new Variant<>(attributes(serviceName, account), "a{ss}"));
            SecretServiceBus.Secret value = new SecretServiceBus.Secret(session, new byte[0], secret.getBytes(StandardCharsets.UTF_8),
                    "text/plain; charset=utf8");
            SecretServiceBus.Pair<DBusPath, DBusPath> created = collection.CreateItem(properties, value, true);
            prompt(created.second);
        } catch (DBusException | DBusExecutionException e) {
            throw new KeychainException("the Secret Service refused to store the sign-in: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String serviceName, String account) throws KeychainException {
        try {
            for (DBusPath path : unlocked(serviceName, account)) {
                SecretServiceBus.Item item = bus.getRemoteObject(SecretServiceBus.BUS_NAME, path.getPath(), SecretServiceBus.Item.class);
                prompt(item.Delete());
            }
        } catch (DBusException | DBusExecutionException e) {
            throw new KeychainException("the Secret Service refused to forget the sign-in: " + e.getMessage(), e);
        }
    }

    /** The items for service and account, unlocking locked ones (through a prompt if the service asks). */
    private List<DBusPath> unlocked(String serviceName, String account) throws DBusException, KeychainException {
        SecretServiceBus.Pair<List<DBusPath>, List<DBusPath>> found = service.SearchItems(attributes(serviceName, account));
        if (!found.second.isEmpty()) {
            unlock(found.second);
            return service.SearchItems(attributes(serviceName, account)).first;
        }
        return found.first;
    }

    private void unlock(List<DBusPath> objects) throws DBusException, KeychainException {
        prompt(service.Unlock(objects).second);
    }

    /** Runs a prompt the service asked for and waits for the user's answer; "/" means none was needed. */
    private void prompt(DBusPath prompt) throws DBusException, KeychainException {
        if (prompt == null || prompt.getPath().equals(SecretServiceBus.NONE)) {
            return;
        }
        CompletableFuture<Boolean> dismissed = new CompletableFuture<>();
        DBusSigHandler<SecretServiceBus.Prompt.Completed> handler = signal -> {
            if (signal.getPath().equals(prompt.getPath())) {
                dismissed.complete(signal.dismissed);
            }
        };
        bus.addSigHandler(SecretServiceBus.Prompt.Completed.class, handler);
        try {
            bus.getRemoteObject(SecretServiceBus.BUS_NAME, prompt.getPath(), SecretServiceBus.Prompt.class).Prompt("");
            if (dismissed.get(PROMPT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new KeychainException("the keyring stayed locked (the prompt was dismissed)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeychainException("interrupted while the keyring asked for its password", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KeychainException("the keyring did not answer within " + PROMPT_WAIT.toMinutes() + " minutes", e);
        } finally {
            bus.removeSigHandler(SecretServiceBus.Prompt.Completed.class, handler);
        }
    }

    private static Map<String, String> attributes(String serviceName, String account) {
        return Map.of("service", serviceName, "account", account);
    }

    @Override
    public void close() {
        try {
            bus.getRemoteObject(SecretServiceBus.BUS_NAME, session.getPath(), SecretServiceBus.Session.class).Close();
        } catch (DBusException | DBusExecutionException e) {
            // The session ends with the connection anyway.
        }
        try {
            bus.close();
        } catch (IOException e) {
            // Nothing is kept open by a failed close.
        }
    }
}
