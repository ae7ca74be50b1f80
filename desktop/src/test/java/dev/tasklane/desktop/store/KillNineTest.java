package dev.tasklane.desktop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.task.Task;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 at any moment loses nothing that was committed. */
class KillNineTest {

    @TempDir
    Path directory;

    @Test
    void everyTaskReportedCommittedSurvivesSigkill() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitThenKill.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<UUID> committed = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            while (committed.size() < 300) {
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                committed.add(UUID.fromString(line.strip()));
            }
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            child.waitFor();
        }
        assertThat(committed).hasSize(300);
        try (LocalDatabase reopened = LocalDatabase.open(directory)) {
            TaskStore store = new TaskStore(reopened.dataSource(), ZoneOffset.UTC);
            Set<UUID> stored = store.loadLive().stream().map(Task::id).collect(Collectors.toSet());
            assertThat(stored).containsAll(committed);
            assertThat(store.pendingMutations()).isGreaterThanOrEqualTo(committed.size());
        }
    }
}
