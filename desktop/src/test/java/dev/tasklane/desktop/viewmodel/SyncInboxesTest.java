package dev.tasklane.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.merge.FieldChange;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.TestServer;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.SyncAccount;
import dev.tasklane.desktop.sync.SyncEngine;
import dev.tasklane.desktop.sync.SyncStatus;
import dev.tasklane.desktop.sync.client.SyncClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync inboxes and the status bar, driven through their view models over real desktops (H2
 * stores) and the real sync server of the test JVM (PostgreSQL, Kafka, Redis: {@link TestServer}).
 */
class SyncInboxesTest {

    private static final String PASSWORD = "correct horse battery";
    private final URI server = TestServer.uri();

    @TempDir
    Path laptopDir;
    @TempDir
    Path phoneDir;
    @TempDir
    Path tabletDir;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private String email;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @BeforeEach
    void account() throws Exception {
        email = UUID.randomUUID() + "@example.test";
        SyncClient.register(server, email, PASSWORD);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closing.reversed()) {
            closeable.close();
        }
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private TestDesktop desktop(Path directory) {
        TestDesktop desktop = new TestDesktop(directory);
        closing.add(desktop);
        return desktop;
    }

    /** A device that syncs under {@code name}, as a signed-in desktop does. */
    private SyncEngine engine(TestDesktop desktop, String name) throws Exception {
        SyncEngine engine = new SyncEngine(desktop.context.tasks(), new PreferenceStore(desktop.database.dataSource()),
                SyncClient.login(server, email, PASSWORD, name), name, desktop.clock, executor, desktop.context.syncStatus()::update);
        closing.add(engine);
        return engine;
    }

    private static ConflictsViewModel conflicts(TestDesktop desktop) {
        ConflictsViewModel model = new ConflictsViewModel(desktop.context.tasks(), desktop.context.syncStatus(), TestDesktop.ZONE, Runnable::run);
        model.reload();
        return model;
    }

    private static String title(TestDesktop desktop, UUID id) {
        return desktop.context.tasks().find(id).map(Task::title).orElseThrow();
    }

    @Test
    void aConflictBetweenTwoOtherDevicesReachesTheInboxFromTheServerWithTheirNames() throws Exception {
        TestDesktop laptop = desktop(laptopDir);
        TestDesktop phone = desktop(phoneDir);
        TestDesktop tablet = desktop(tabletDir);
        SyncEngine laptopSync = engine(laptop, "Laptop");
        SyncEngine phoneSync = engine(phone, "Phone");
        SyncEngine tabletSync = engine(tablet, "Tablet");
        Task task = laptop.context.tasks().quickAdd("Buy milk");
        laptopSync.syncNow();
        phoneSync.syncNow();
        tabletSync.syncNow();
        // Phone and tablet rename the task without seeing each other; the tablet's later edit wins on the server.
        phone.clock.advance(Duration.ofSeconds(10));
        phone.context.tasks().update(task.id(), t -> t.withTitle("Buy oat milk"));
        tablet.clock.advance(Duration.ofSeconds(20));
        tablet.context.tasks().update(task.id(), t -> t.withTitle("Buy soy milk"));
        phoneSync.syncNow();
        tabletSync.syncNow();

        // The laptop only ever sees the winner: the conflict is known to it only through the server.
        laptopSync.syncNow();
        ConflictsViewModel inbox = conflicts(laptop);
        assertThat(title(laptop, task.id())).isEqualTo("Buy soy milk");
        assertThat(inbox.items()).singleElement().satisfies(item -> {
            assertThat(item.taskTitle()).isEqualTo("Buy soy milk");
            assertThat(item.field()).isEqualTo("Title");
            assertThat(item.keptValue()).isEqualTo("Buy soy milk");
            assertThat(item.keptBy()).isEqualTo("another device (Tablet)");
            assertThat(item.lostValue()).isEqualTo("Buy oat milk");
            assertThat(item.lostBy()).isEqualTo("another device (Phone)");
        });
        assertThat(inbox.countProperty().get()).isEqualTo(1);

        // Restore on the laptop brings the phone's title back everywhere, and the conflict leaves the inbox.
        inbox.restore(inbox.items().getFirst());
        assertThat(inbox.items()).isEmpty();
        laptopSync.syncNow();
        tabletSync.syncNow();
        assertThat(title(tablet, task.id())).isEqualTo("Buy oat milk");
        // A later fetch of the server's list does not bring the handled conflict back.
        laptop.context.tasks().quickAdd("Something else");
        laptopSync.syncNow();
        inbox.reload();
        assertThat(inbox.items()).isEmpty();
    }

    @Test
    void aValueThisDeviceLostIsListedOnceAsThisDevicesAndKeepLeavesTheWinner() throws Exception {
        TestDesktop laptop = desktop(laptopDir);
        TestDesktop phone = desktop(phoneDir);
        SyncEngine laptopSync = engine(laptop, "Laptop");
        SyncEngine phoneSync = engine(phone, "Phone");
        Task task = laptop.context.tasks().quickAdd("Pay rent");
        laptopSync.syncNow();
        phoneSync.syncNow();
        laptop.clock.advance(Duration.ofSeconds(10));
        laptop.context.tasks().update(task.id(), t -> t.withNotes("IBAN from the letter"));
        phone.clock.advance(Duration.ofSeconds(20));
        phone.context.tasks().update(task.id(), t -> t.withNotes("Standing order instead"));
        phoneSync.syncNow();
        laptopSync.syncNow();

        // Detected twice — by the laptop's merge and by the server — it is one conflict.
        ConflictsViewModel inbox = conflicts(laptop);
        assertThat(inbox.items()).singleElement().satisfies(item -> {
            assertThat(item.field()).isEqualTo("Notes");
            assertThat(item.keptValue()).isEqualTo("Standing order instead");
            assertThat(item.keptBy()).isEqualTo("another device (Phone)");
            assertThat(item.lostValue()).isEqualTo("IBAN from the letter");
            assertThat(item.lostBy()).isEqualTo("this device");
        });
        inbox.keep(inbox.items().getFirst());
        assertThat(inbox.items()).isEmpty();
        assertThat(laptop.context.tasks().find(task.id()).map(Task::notes)).contains("Standing order instead");
        // The phone sees the same conflict with the roles named from its side.
        phoneSync.syncNow();
        assertThat(conflicts(phone).items()).singleElement().satisfies(item -> {
            assertThat(item.keptBy()).isEqualTo("this device");
            assertThat(item.lostBy()).isEqualTo("another device (Laptop)");
        });
    }

    /**
     * A change the server refuses as invalid (here: one written by a version with other rules —
     * its outbox entry carries a title the server's rules refuse).
     */
    private Mutation refusedTitleChange(TestDesktop desktop, UUID taskId) {
        Task edited = desktop.context.tasks().update(taskId, t -> t.withTitle("Pay the rent"));
        return desktop.context.tasks().outbox(1).stream().findFirst().map(pending -> {
            Mutation bad = new Mutation(pending.mutationId(), pending.taskId(), pending.hlc(),
                    Map.of(TaskField.TITLE, new FieldChange("x".repeat(501), pending.fields().get(TaskField.TITLE).base())), Map.of());
            new dev.tasklane.desktop.store.TaskStore(desktop.database.dataSource(), TestDesktop.ZONE).inTransaction(tx -> {
                tx.replaceOutbox(bad);
                return null;
            });
            assertThat(edited.title()).isEqualTo("Pay the rent");
            return bad;
        }).orElseThrow();
    }

    @Test
    void aRefusedChangeIsListedWithTheServersReasonAndDiscardGoesBackToTheServersValue() throws Exception {
        TestDesktop laptop = desktop(laptopDir);
        TestDesktop phone = desktop(phoneDir);
        SyncClient laptopClient = SyncClient.login(server, email, PASSWORD, "Laptop");
        SyncEngine laptopSync = new SyncEngine(laptop.context.tasks(), new PreferenceStore(laptop.database.dataSource()), laptopClient,
                "Laptop", laptop.clock, executor, laptop.context.syncStatus()::update);
        closing.add(laptopSync);
        SyncEngine phoneSync = engine(phone, "Phone");
        Task task = laptop.context.tasks().quickAdd("Pay rent");
        laptopSync.syncNow();
        refusedTitleChange(laptop, task.id());
        assertThat(laptopSync.syncNow()).isInstanceOfSatisfying(SyncStatus.Synced.class, synced -> assertThat(synced.refused()).isEqualTo(1));
        assertThat(laptop.context.tasks().pendingChanges()).isZero();

        dev.tasklane.desktop.sync.RefusedChanges refused = new dev.tasklane.desktop.sync.RefusedChanges(
                laptop.context.tasks(), () -> java.util.Optional.of(laptopClient));
        NotSyncedViewModel notSynced = new NotSyncedViewModel(laptop.context.tasks(), laptop.context.syncStatus(), refused::discard,
                Runnable::run, Runnable::run, TestDesktop.ZONE);
        notSynced.reload();
        assertThat(notSynced.items()).singleElement().satisfies(item -> {
            assertThat(item.taskTitle()).isEqualTo("Pay the rent");
            assertThat(item.fields()).isEqualTo("Title");
            assertThat(item.reason()).contains("title").doesNotContain("Exception");
        });
        MainViewModel main = laptop.context.mainViewModel();
        main.load();
        assertThat(main.sidebar()).contains(new SidebarItem.InboxItem(Inbox.NOT_SYNCED, 1));

        notSynced.discard(notSynced.items().getFirst());
        assertThat(notSynced.messageProperty().get()).startsWith("Discarded");
        assertThat(notSynced.items()).isEmpty();
        assertThat(title(laptop, task.id())).isEqualTo("Pay rent");
        assertThat(laptopSync.syncNow()).isInstanceOf(SyncStatus.Synced.class);
        assertThat(laptop.context.tasks().pendingChanges()).isZero();
        assertThat(main.sidebar()).contains(new SidebarItem.InboxItem(Inbox.NOT_SYNCED, 0));
        phoneSync.syncNow();
        assertThat(title(phone, task.id())).isEqualTo("Pay rent");
    }

    @Test
    void editOpensTheRefusedTaskAndDiscardWithoutTheServerSaysWhyAndKeepsTheEntry() throws Exception {
        TestDesktop laptop = desktop(laptopDir);
        SyncEngine laptopSync = engine(laptop, "Laptop");
        Task task = laptop.context.tasks().quickAdd("Pay rent");
        laptopSync.syncNow();
        refusedTitleChange(laptop, task.id());
        laptopSync.syncNow();
        // Not signed in through an account here: discarding needs the server's value, so it waits.
        dev.tasklane.desktop.sync.RefusedChanges signedOut = new dev.tasklane.desktop.sync.RefusedChanges(
                laptop.context.tasks(), java.util.Optional::empty);
        NotSyncedViewModel notSynced = new NotSyncedViewModel(laptop.context.tasks(), laptop.context.syncStatus(), signedOut::discard,
                Runnable::run, Runnable::run, TestDesktop.ZONE);
        notSynced.reload();
        notSynced.discard(notSynced.items().getFirst());
        assertThat(notSynced.messageProperty().get()).isEqualTo("Sign in to discard: Tasklane needs the server's value to go back to.");
        assertThat(notSynced.items()).hasSize(1);
        assertThat(title(laptop, task.id())).isEqualTo("Pay the rent");

        List<UUID> opened = new ArrayList<>();
        notSynced.onEdit(opened::add);
        notSynced.edit(notSynced.items().getFirst());
        assertThat(opened).containsExactly(task.id());
        assertThat(notSynced.items()).isEmpty();
    }

    @Test
    void theStatusBarSaysNotSyncingBeforeSignInNamesTheAccountAfterAndSignOutKeepsTheOutbox() throws Exception {
        TestDesktop laptop = desktop(laptopDir);
        MainViewModel main = laptop.context.mainViewModel();
        laptop.context.tasks().quickAdd("Written before sign-in");
        main.load();
        assertThat(main.statusTextProperty().get()).isEqualTo("Not syncing — changes stay on this computer");

        SyncAccount account = new SyncAccount(laptop.context.tasks(), laptop.context.preferences(), laptop.context.syncStatus(),
                laptop.clock, executor, "Laptop");
        closing.add(account);
        java.util.concurrent.CompletableFuture<Void> synced = new java.util.concurrent.CompletableFuture<>();
        laptop.context.syncStatus().addListener(status -> {
            if (status instanceof SyncStatus.Synced && laptop.context.tasks().pendingChanges() == 0) {
                synced.complete(null);
            }
        });
        account.signIn(server, email, PASSWORD, false);
        synced.get(20, TimeUnit.SECONDS);
        // The stream's hint for this device's own push may start one more (empty) round: wait it out.
        String signedIn = "Synced · " + java.util.regex.Pattern.quote(email) + " · last sync \\S.* · nothing pending";
        // The text is read once per look: reading it again for the assertion raced with that extra
        // round, which can turn "Synced" into "Syncing 0 changes…" in between (seen once in CI).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String status = main.statusTextProperty().get();
        while (!status.matches(signedIn) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = main.statusTextProperty().get();
        }
        assertThat(status).matches(signedIn);

        account.signOut();
        laptop.context.tasks().quickAdd("Written after sign-out");
        assertThat(main.statusTextProperty().get()).isEqualTo("Not syncing — changes stay on this computer");
        assertThat(laptop.context.tasks().pendingChanges()).isEqualTo(1);
        assertThat(account.resume()).as("the session is gone after sign-out").isFalse();
    }

    @Test
    void aFailedSignInKeepsWhatWasTypedExceptAWrongPasswordAndNamesNoClass() throws Exception {
        TestDesktop laptop = desktop(laptopDir);
        SyncAccount account = new SyncAccount(laptop.context.tasks(), laptop.context.preferences(), laptop.context.syncStatus(),
                laptop.clock, executor, "Laptop");
        closing.add(account);
        SignInViewModel form = new SignInViewModel(account, Runnable::run, Runnable::run);
        form.serverProperty().set("http://localhost:" + freePort());
        form.emailProperty().set(email);
        form.passwordProperty().set(PASSWORD);
        form.signIn();
        assertThat(form.errorProperty().get()).startsWith("Cannot reach http://localhost:").doesNotContain("Exception");
        assertThat(form.passwordProperty().get()).isEqualTo(PASSWORD);
        assertThat(form.emailProperty().get()).isEqualTo(email);

        form.serverProperty().set(server.toString());
        form.passwordProperty().set("not the password");
        form.signIn();
        assertThat(form.errorProperty().get()).isEqualTo("The email or password is wrong.");
        assertThat(form.passwordProperty().get()).isEmpty();
        assertThat(form.emailProperty().get()).isEqualTo(email);
        assertThat(form.serverProperty().get()).isEqualTo(server.toString());
    }

    @Test
    void switchingServerOpensTheFormForASignInNotANewAccount() {
        TestDesktop laptop = desktop(laptopDir);
        SyncAccount account = new SyncAccount(laptop.context.tasks(), laptop.context.preferences(), laptop.context.syncStatus(),
                laptop.clock, executor, "Laptop");
        closing.add(account);
        SignInViewModel form = new SignInViewModel(account, Runnable::run, Runnable::run);
        form.createAccountProperty().set(true); // as ticked for the first sign-in

        form.reset();

        assertThat(form.createAccountProperty().get()).isFalse();
    }
}
