package dev.tasklane.desktop.sync.tokens.keychain;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * The parts of the freedesktop Secret Service API (org.freedesktop.secrets, spec 0.2) that Tasklane
 * uses. Method, signal and interface names must match the D-Bus names exactly.
 */
final class SecretServiceBus {

    static final String BUS_NAME = "org.freedesktop.secrets";
    static final String SERVICE_PATH = "/org/freedesktop/secrets";
    /** "No object": what the service returns for "no prompt needed" and "no such alias". */
    static final String NONE = "/";

    private SecretServiceBus() {
    }

    @DBusInterfaceName("org.freedesktop.Secret.Service")
    @SuppressWarnings("checkstyle:MethodName")
    interface Service extends DBusInterface {
        Pair<Variant<?>, DBusPath> OpenSession(String algorithm, Variant<?> input);

        Pair<List<DBusPath>, List<DBusPath>> SearchItems(Map<String, String> attributes);

        Pair<List<DBusPath>, DBusPath> Unlock(List<DBusPath> objects);

        DBusPath ReadAlias(String name);
    }

    @DBusInterfaceName("org.freedesktop.Secret.Collection")
    @SuppressWarnings("checkstyle:MethodName")
    interface Collection extends DBusInterface {
        Pair<DBusPath, DBusPath> CreateItem(Map<String, Variant<?>> properties, Secret secret, boolean replace);
    }

    @DBusInterfaceName("org.freedesktop.Secret.Item")
    @SuppressWarnings("checkstyle:MethodName")
    interface Item extends DBusInterface {
        Secret GetSecret(DBusPath session);

        DBusPath Delete();
    }

    @DBusInterfaceName("org.freedesktop.Secret.Session")
    @SuppressWarnings("checkstyle:MethodName")
    interface Session extends DBusInterface {
        void Close();
    }

    @DBusInterfaceName("org.freedesktop.Secret.Prompt")
    @SuppressWarnings("checkstyle:MethodName")
    interface Prompt extends DBusInterface {
        void Prompt(String windowId);

        /** Sent when the user answered (or dismissed) an unlock or confirm prompt. */
        class Completed extends DBusSignal {
            final boolean dismissed;

            public Completed(String path, boolean dismissed, Variant<?> result) throws DBusException {
                super(path, dismissed, result);
                this.dismissed = dismissed;
            }
        }
    }

    /** Two return values (D-Bus methods may return several). */
    public static final class Pair<A, B> extends Tuple {
        @Position(0)
        public final A first;
        @Position(1)
        public final B second;

        public Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }
    }

    /** The Secret struct {@code (oayays)}: session, algorithm parameters, value, content type. */
    public static final class Secret extends Struct {
        @Position(0)
        public final DBusPath session;
        @Position(1)
        public final byte[] parameters;
        @Position(2)
        public final byte[] value;
        @Position(3)
        public final String contentType;

        public Secret(DBusPath session, byte[] parameters, byte[] value, String contentType) {
            this.session = session;
            this.parameters = parameters;
            this.value = value;
            this.contentType = contentType;
        }
    }
}
