package dev.tasklane.desktop.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Background threads give way to the UI thread: on Linux their nice value is raised. */
class BackgroundPriorityTest {

    /** This thread's nice value, field 19 of /proc/thread-self/stat. */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    @Test
    void aBackgroundThreadRunsNicerThanTheThreadsAroundIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        int normal = niceOfThisThread();
        CompletableFuture<Integer> nice = new CompletableFuture<>();
        Thread thread = BackgroundPriority.threads("test-background").newThread(() -> {
            try {
                nice.complete(niceOfThisThread());
            } catch (Exception e) {
                nice.completeExceptionally(e);
            }
        });
        thread.start();

        assertThat(nice.get(10, TimeUnit.SECONDS)).isEqualTo(Math.min(19, normal + BackgroundPriority.NICE));
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("test-background");
        assertThat(niceOfThisThread()).isEqualTo(normal);
    }
}
