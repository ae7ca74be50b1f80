package dev.tasklane.desktop.service.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pulled page is read in one statement and its new tasks are inserted without looking for old
 * rows: tasks already here are updated, new ones stored once with exactly their tags, and a task
 * that comes twice in one page merges onto what its first state wrote.
 */
class PulledPageTest {

    @TempDir
    Path directory;
    private TestDesktop desktop;
    private TaskService tasks;

    @BeforeEach
    void open() {
        desktop = new TestDesktop(directory);
        tasks = desktop.context.tasks();
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    private Hlc phone(int secondsLater) {
        return new Hlc(desktop.clock.instant().plusSeconds(secondsLater).toEpochMilli(), 0, "phone");
    }

    @Test
    void aPageStoresNewAndChangedTasksWithExactlyTheirTags() throws SQLException {
        Task existing = tasks.quickAdd("Water plants #home #garden");
        TaskState before = tasks.snapshot(existing.id()).orElseThrow();
        TaskState retagged = TaskState.of(Mutations.between(before, existing.withTags(List.of("work")), phone(60), TaskIds.newMutationId()));
        Task fresh = new Task(TaskIds.newTaskId(), "Call mum", "", Priority.NONE, List.of("family"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, TestDesktop.START, TestDesktop.START);
        TaskState created = TaskState.of(Mutations.between(TaskState.empty(fresh.id()), fresh, phone(61), TaskIds.newMutationId()));
        // Only the added tag: on its own this state has no title, so it is stored only because it
        // merges onto the create earlier in the same page.
        TaskState tagAdded = TaskState.of(Mutations.between(created, fresh.withTags(List.of("family", "phone")), phone(62),
                TaskIds.newMutationId()));

        int changed = tasks.applyRemoteStates(List.of(retagged, created, tagAdded));

        assertThat(changed).isEqualTo(3);
        assertThat(storedTags(existing.id())).containsExactly("work");
        assertThat(storedTags(fresh.id())).containsExactlyInAnyOrder("family", "phone");
        assertThat(rows(fresh.id())).isEqualTo(1);
        assertThat(tasks.find(fresh.id()).orElseThrow().tags()).containsExactlyInAnyOrder("family", "phone");
        assertThat(tasks.find(existing.id()).orElseThrow().tags()).containsExactly("work");
        assertThat(tasks.query(TaskQuery.all().withTag("phone"))).extracting(Task::id).containsExactly(fresh.id());
    }

    @Test
    void aPageRepeatedChangesNothing() throws SQLException {
        Task fresh = new Task(TaskIds.newTaskId(), "Call mum", "", Priority.NONE, List.of("family"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, TestDesktop.START, TestDesktop.START);
        List<TaskState> page = List.of(TaskState.of(Mutations.between(TaskState.empty(fresh.id()), fresh, phone(1), TaskIds.newMutationId())));

        assertThat(tasks.applyRemoteStates(page)).isEqualTo(1);
        assertThat(tasks.applyRemoteStates(page)).isZero();

        assertThat(rows(fresh.id())).isEqualTo(1);
        assertThat(storedTags(fresh.id())).containsExactly("family");
    }

    private List<String> storedTags(UUID taskId) throws SQLException {
        List<String> tags = new ArrayList<>();
        try (Connection connection = desktop.database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT tag_key FROM task_tags WHERE task_id = ?")) {
            statement.setObject(1, taskId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tags.add(rows.getString(1));
                }
            }
        }
        return tags;
    }

    private int rows(UUID taskId) throws SQLException {
        try (Connection connection = desktop.database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM tasks WHERE id = ?")) {
            statement.setObject(1, taskId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
