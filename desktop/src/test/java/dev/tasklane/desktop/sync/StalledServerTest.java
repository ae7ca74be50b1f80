package dev.tasklane.desktop.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.client.SyncTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that takes its time never holds up what the user does. */
class StalledServerTest {

    @TempDir
    Path directory;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final CountDownLatch serverAnswers = new CountDownLatch(1);
    private final CountDownLatch requestArrived = new CountDownLatch(1);
    private TestDesktop desktop;

    @AfterEach
    void close() {
        serverAnswers.countDown();
        executor.shutdownNow();
        desktop.close();
    }

    @Test
    void editsMadeWhileASyncWaitsOnTheServerReturnAtOnce() throws Exception {
        desktop = new TestDesktop(directory);
        SyncTransport stalled = request -> {
            requestArrived.countDown();
            serverAnswers.await(); // a server that has not answered yet
            return new SyncResponse(List.of(), List.of(), List.of(), request.cursor(), false, 0, "");
        };
        SyncEngine engine = new SyncEngine(desktop.context.tasks(), new PreferenceStore(desktop.database.dataSource()), stalled,
                "laptop", desktop.clock, executor, status -> { });
        engine.start();
        assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();

        // What the UI thread does on a quick add: save, then ask the engine to sync soon.
        CompletableFuture<Void> userAction = CompletableFuture.runAsync(() -> {
            desktop.context.tasks().quickAdd("Buy milk");
            engine.schedule(java.time.Duration.ZERO);
        });

        userAction.get(5, TimeUnit.SECONDS); // blocked until the server answered before the fix
        assertThat(desktop.context.tasks().pendingChanges()).isEqualTo(1);
        engine.close();
    }
}
