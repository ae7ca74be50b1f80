package dev.tasklane.desktop.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasklane.desktop.service.reminders.ReminderAction;
import dev.tasklane.desktop.service.reminders.ReminderNotice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sends a real reminder to a real notification daemon over the session bus. Needs a D-Bus
 * session with a notification server: {@code .ci/run} runs it under
 * {@code dbus-run-session -- xvfb-run -a} with dunst. Without a session bus it is skipped.
 */
@Tag("dbus")
class FreedesktopNotifierTest {

    private static final String NO_BUS = "FreedesktopNotifierTest skipped: no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset);"
            + " .ci/run runs it under dbus-run-session + xvfb-run with dunst";

    @BeforeAll
    static void needsASessionBusWithANotificationServer() throws Exception {
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) {
            // Said on the console too: an assumption in @BeforeAll is otherwise reported only as "0 run".
            System.err.println(NO_BUS);
        }
        assumeTrue(address != null && !address.isBlank(), NO_BUS);
        try (DBusConnection bus = DBusConnectionBuilder.forSessionBus().build()) {
            DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            assumeTrue(daemon.NameHasOwner(FreedesktopNotifier.BUS_NAME),
                    "skipped: the session bus has no notification server (org.freedesktop.Notifications)");
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.waitFor(10, TimeUnit.SECONDS);
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theNotificationDaemonReceivesTheReminder() throws Exception {
        assumeTrue(run("sh", "-c", "command -v dunstctl").contains("dunstctl"),
                "skipped: the daemon's history is read with dunstctl, which is not installed");
        String title = "Pay rent " + UUID.randomUUID();
        try (FreedesktopNotifier notifier = FreedesktopNotifier.connect((id, action) -> { })) {
            notifier.show(new ReminderNotice(UUID.randomUUID(), title, "Due today 09:00", Instant.now(), false));
        }
        String history = "";
        for (int i = 0; i < 50 && !history.contains(title); i++) {
            Thread.sleep(100);
            run("dunstctl", "close-all");
            history = run("dunstctl", "history");
        }
        assertThat(history).contains(title).contains("Due today 09:00");
    }

    @Test
    void anActionInvokedOnTheBusReachesTheHandler() throws Exception {
        UUID taskId = UUID.randomUUID();
        CompletableFuture<ReminderAction> chosen = new CompletableFuture<>();
        try (FreedesktopNotifier notifier = FreedesktopNotifier.connect((id, action) -> {
            if (id.equals(taskId)) {
                chosen.complete(action);
            }
        })) {
            notifier.show(new ReminderNotice(taskId, "Stretch", "Due now", Instant.now(), false));
            UInt32 notificationId = notifier.lastNotificationId().orElseThrow();
            // Emit the signal a daemon sends when the user clicks "Complete".
            try (DBusConnection peer = DBusConnectionBuilder.forSessionBus().build()) {
                peer.sendMessage(new FreedesktopNotifications.ActionInvoked(FreedesktopNotifier.OBJECT_PATH, notificationId, "complete"));
            }
            assertThat(chosen.get(5, TimeUnit.SECONDS)).isEqualTo(ReminderAction.COMPLETE);
        }
    }
}
