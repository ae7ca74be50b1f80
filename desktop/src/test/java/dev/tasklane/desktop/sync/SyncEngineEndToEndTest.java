package dev.tasklane.desktop.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.TestServer;
import dev.tasklane.desktop.service.tasks.TaskQuery;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.client.SyncClient;
import dev.tasklane.stack.LocalStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real desktops (H2 stores) syncing through a real server (PostgreSQL, Kafka, Redis). */
class SyncEngineEndToEndTest {

    private static LocalStack stack;
    private static URI server;

    @TempDir
    Path laptopDir;
    @TempDir
    Path phoneDir;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private TestDesktop laptop;
    private TestDesktop phone;
    private SyncEngine laptopSync;
    private SyncEngine phoneSync;

    @BeforeAll
    static void startStack() {
        stack = TestServer.stack();
        server = TestServer.uri();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private SyncEngine engine(TestDesktop desktop, String email, String device) throws Exception {
        SyncClient client = SyncClient.login(server, email, "correct horse battery", device);
        return new SyncEngine(desktop.context.tasks(), new PreferenceStore(desktop.database.dataSource()), client, device,
                desktop.clock, executor, status -> { });
    }

    private String email;

    @BeforeEach
    void twoDevicesOfOneUser() throws Exception {
        email = UUID.randomUUID() + "@example.test";
        SyncClient.register(server, email, "correct horse battery");
        laptop = new TestDesktop(laptopDir);
        phone = new TestDesktop(phoneDir);
        laptopSync = engine(laptop, email, "laptop");
        phoneSync = engine(phone, email, "phone");
    }

    @AfterEach
    void close() throws InterruptedException {
        laptopSync.close();
        phoneSync.close();
        executor.shutdown();
        executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        laptop.close();
        phone.close();
    }

    private static List<String> titles(TestDesktop desktop) {
        return desktop.context.tasks().query(TaskQuery.all().withSort(dev.tasklane.desktop.service.tasks.SortOrder.TITLE))
                .stream().map(Task::title).toList();
    }

    @Test
    void tasksMadeOfflineReachTheOtherDeviceAndTheOutboxEmpties() {
        laptop.context.tasks().quickAdd("Buy milk #errands");
        laptop.context.tasks().quickAdd("Pay rent tomorrow 9am !high");
        assertThat(laptopSync.syncNow()).isInstanceOf(SyncStatus.Synced.class);
        assertThat(laptop.context.tasks().pendingChanges()).isZero();
        assertThat(phoneSync.syncNow()).isInstanceOf(SyncStatus.Synced.class);
        assertThat(titles(phone)).containsExactly("Buy milk", "Pay rent");
    }

    @Test
    void concurrentOfflineEditsConvergeAndTheLoserIsKept() {
        Task task = laptop.context.tasks().quickAdd("Buy milk");
        laptopSync.syncNow();
        phoneSync.syncNow();
        laptop.clock.advance(Duration.ofSeconds(10));
        laptop.context.tasks().update(task.id(), t -> t.withTitle("Buy oat milk"));
        phone.clock.advance(Duration.ofSeconds(20));
        phone.context.tasks().update(task.id(), t -> t.withTitle("Buy soy milk"));
        phoneSync.syncNow();
        laptopSync.syncNow();
        phoneSync.syncNow();
        assertThat(titles(laptop)).isEqualTo(titles(phone)).containsExactly("Buy soy milk");
        assertThat(laptop.context.tasks().conflicts(task.id())).extracting(c -> c.lostValue()).containsExactly("Buy oat milk");
    }

    @Test
    void deletesAndCompletionsSyncAsTombstonesAndFlags() {
        Task milk = laptop.context.tasks().quickAdd("Buy milk");
        Task rent = laptop.context.tasks().quickAdd("Pay rent");
        laptopSync.syncNow();
        phoneSync.syncNow();
        phone.context.tasks().delete(milk.id());
        phone.context.tasks().complete(rent.id());
        phoneSync.syncNow();
        laptopSync.syncNow();
        assertThat(titles(laptop)).isEmpty();
        assertThat(laptop.context.tasks().find(rent.id()).map(Task::completed)).contains(true);
    }

    @Test
    void aServerThatCannotBeReachedLeavesEverythingPendingAndReportsOffline() throws Exception {
        SyncEngine unreachable = new SyncEngine(laptop.context.tasks(), new PreferenceStore(laptop.database.dataSource()),
                new SyncClient(URI.create("http://localhost:" + freePort()), new SyncClient.Session("x", "y")), "laptop",
                laptop.clock, executor, status -> { });
        laptop.context.tasks().quickAdd("Written offline");
        assertThat(unreachable.syncNow()).isEqualTo(new SyncStatus.Offline(1));
        unreachable.close();
        assertThat(laptopSync.syncNow()).isInstanceOf(SyncStatus.Synced.class);
        phoneSync.syncNow();
        assertThat(titles(phone)).containsExactly("Written offline");
    }

    @Test
    void signingInThroughTheFormExplainsAWrongPasswordThenSyncsAndResumesAfterARestart() throws Exception {
        String email = UUID.randomUUID() + "@example.test";
        SyncStatusService statuses = laptop.context.syncStatus();
        SyncAccount account = new SyncAccount(laptop.context.tasks(), laptop.context.preferences(), statuses, laptop.clock, executor, "laptop");
        dev.tasklane.desktop.viewmodel.SignInViewModel form = new dev.tasklane.desktop.viewmodel.SignInViewModel(account, Runnable::run, Runnable::run);
        form.serverProperty().set(server.toString());
        form.emailProperty().set(email);
        form.passwordProperty().set("correct horse battery");
        form.createAccountProperty().set(true);
        form.signIn();
        assertThat(form.errorProperty().get()).isEmpty();
        assertThat(form.signedInProperty().get()).isTrue();

        laptop.context.tasks().quickAdd("Synced after sign-in");
        java.util.concurrent.CompletableFuture<Void> synced = new java.util.concurrent.CompletableFuture<>();
        statuses.addListener(status -> {
            if (status instanceof SyncStatus.Synced && laptop.context.tasks().pendingChanges() == 0) {
                synced.complete(null);
            }
        });
        synced.get(20, java.util.concurrent.TimeUnit.SECONDS);
        account.close();

        dev.tasklane.desktop.viewmodel.SignInViewModel wrong = new dev.tasklane.desktop.viewmodel.SignInViewModel(
                new SyncAccount(phone.context.tasks(), phone.context.preferences(), phone.context.syncStatus(), phone.clock, executor, "phone"),
                Runnable::run, Runnable::run);
        wrong.serverProperty().set(server.toString());
        wrong.emailProperty().set(email);
        wrong.passwordProperty().set("not the password");
        wrong.signIn();
        assertThat(wrong.errorProperty().get()).isEqualTo("The email or password is wrong.");
        assertThat(wrong.signedInProperty().get()).isFalse();

        SyncAccount afterRestart = new SyncAccount(laptop.context.tasks(), laptop.context.preferences(), statuses, laptop.clock, executor, "laptop");
        assertThat(afterRestart.resume()).isTrue();
        afterRestart.close();
    }

    @Test
    void aServerHintMakesTheOtherDeviceSyncAtOnceAndServerRemindersArriveOnce() throws Exception {
        SyncClient phoneClient = SyncClient.login(server, email, "correct horse battery", "phone-stream");
        java.util.List<ServerEvents.ServerReminder> reminders = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServerEvents stream = new ServerEvents(phoneClient, phoneSync, reminders::add,
                new PreferenceStore(phone.database.dataSource()), executor);
        stream.start();
        Thread.sleep(1_000); // the stream is open

        laptop.context.tasks().quickAdd("Arrives without polling");
        laptopSync.syncNow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (titles(phone).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(titles(phone)).containsExactly("Arrives without polling");

        // A reminders service would emit this; the test plays that part on the real topic.
        String userId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.resolve("/api/v1/auth/login")).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email
                                + "\",\"password\":\"correct horse battery\",\"deviceName\":\"t\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).path("userId").asText();
        UUID taskId = UUID.randomUUID();
        String data = "{\"userId\":\"" + userId + "\",\"taskId\":\"" + taskId + "\",\"title\":\"Stretch\",\"fireAt\":\"2026-11-26T10:00:00Z\"}";
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", stack.kafka().bootstrapServers());
        props.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        props.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
        byte[] event = dev.tasklane.server.events.TaskEvents.serialize(dev.tasklane.server.events.TaskEvents.event(UUID.randomUUID(),
                "task.reminder.due", taskId, java.time.OffsetDateTime.now(), data));
        try (org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(props)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("task-events", taskId.toString(), event)).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("task-events", taskId.toString(), event)).get();
        }
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (reminders.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000);
        stream.close();
        assertThat(reminders).containsExactly(new ServerEvents.ServerReminder(taskId, "Stretch", java.time.Instant.parse("2026-11-26T10:00:00Z")));
    }
    @Test
    void theEditorsHistoryComesFromTheServersAuditLogAndSaysWhenNotSignedIn() throws Exception {
        SyncAccount account = new SyncAccount(laptop.context.tasks(), new PreferenceStore(laptop.database.dataSource()),
                laptop.context.syncStatus(), laptop.clock, executor, "laptop-history");
        Task task = laptop.context.tasks().quickAdd("Water plants");
        assertThat(account.load(task.id())).isEqualTo(new TaskHistory.Result.NotSignedIn());

        account.signIn(server, email, "correct horse battery", false);
        try {
            TaskHistory.Result result = account.load(task.id());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(result instanceof TaskHistory.Result.Loaded(List<TaskHistory.Entry> entries) && !entries.isEmpty())
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
                result = account.load(task.id());
            }
            assertThat(result).isInstanceOf(TaskHistory.Result.Loaded.class);
            TaskHistory.Entry created = ((TaskHistory.Result.Loaded) result).entries().getFirst();
            assertThat(created.type()).isEqualTo("task.created");
            assertThat(created.device()).isPresent();
            assertThat(created.changes()).contains(new TaskHistory.Change("title", "", "Water plants"));
        } finally {
            account.close();
        }
    }
}
