package dev.tasklane.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskEditorViewModelTest {

    @TempDir
    Path directory;
    private TestDesktop desktop;
    private TaskEditorViewModel editor;
    private Task task;

    @BeforeEach
    void open() {
        desktop = new TestDesktop(directory);
        editor = desktop.context.editorViewModel();
        task = desktop.context.tasks().quickAdd("Buy milk #errands");
        editor.show(Optional.of(task.id()));
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    private Task stored() {
        return desktop.context.tasks().find(task.id()).orElseThrow();
    }

    @Test
    void showsTheTasksFields() {
        assertThat(editor.titleProperty().get()).isEqualTo("Buy milk");
        assertThat(editor.tagsTextProperty().get()).isEqualTo("errands");
        assertThat(editor.zoneTextProperty().get()).isEqualTo("Europe/Berlin");
        assertThat(editor.hasTaskProperty().get()).isTrue();
    }

    @Test
    void savesEveryFieldTogether() {
        editor.titleProperty().set("Buy oat milk");
        editor.tagsTextProperty().set("errands, Shop");
        editor.dueDateTextProperty().set("2026-12-01");
        editor.dueTimeTextProperty().set("18:30");
        editor.zoneTextProperty().set("America/New_York");
        editor.reminderChoiceProperty().set(ReminderChoice.MINUTES_15);
        editor.recurrencePresetProperty().set(RecurrencePreset.WEEKLY);
        assertThat(editor.save()).isTrue();
        Task saved = stored();
        assertThat(saved.title()).isEqualTo("Buy oat milk");
        assertThat(saved.tags()).containsExactly("errands", "Shop");
        assertThat(saved.due()).contains(new Due.Timed(LocalDateTime.parse("2026-12-01T18:30"), ZoneId.of("America/New_York")));
        assertThat(saved.reminder()).contains(new Reminder.BeforeDue(Duration.ofMinutes(15)));
        assertThat(saved.recurrence()).contains(new Recurrence("FREQ=WEEKLY", false));
    }

    @Test
    void anEmptyTitleShowsAMessageNextToTheTitleAndSavesNothing() {
        editor.titleProperty().set("   ");
        editor.notesProperty().set("keep me");
        assertThat(editor.save()).isFalse();
        assertThat(editor.errorProperty("title").get()).isEqualTo("Enter a title.");
        assertThat(stored()).isEqualTo(task);
        assertThat(editor.notesProperty().get()).isEqualTo("keep me");
    }

    @Test
    void anInvalidDateIsRefused() {
        editor.dueDateTextProperty().set("2026-13-01");
        assertThat(editor.save()).isFalse();
        assertThat(editor.errorProperty("due").get()).contains("is not a date");
        assertThat(stored().due()).isEmpty();
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        editor.dueDateTextProperty().set("2026-12-01");
        editor.dueTimeTextProperty().set("09:00");
        editor.zoneTextProperty().set("Mars/Olympus_Mons");
        assertThat(editor.save()).isFalse();
        assertThat(editor.errorProperty("zone").get()).contains("Unknown time zone");
        assertThat(stored().due()).isEmpty();
    }

    @Test
    void anInvalidRruleIsRefusedNextToTheRepeatField() {
        editor.dueDateTextProperty().set("2026-12-01");
        editor.recurrencePresetProperty().set(RecurrencePreset.CUSTOM);
        editor.ruleTextProperty().set("FREQ=FORTNIGHTLY");
        assertThat(editor.save()).isFalse();
        assertThat(editor.errorProperty("recurrence").get()).contains("not a valid RFC 5545 repeat rule");
        assertThat(stored().recurrence()).isEmpty();
    }

    @Test
    void aRepeatWithoutDueIsRefused() {
        editor.recurrencePresetProperty().set(RecurrencePreset.DAILY);
        assertThat(editor.save()).isFalse();
        assertThat(editor.errorProperty("recurrence").get()).isEqualTo("A repeating task needs a due date.");
    }

    @Test
    void previewShowsTheNextFiveDates() {
        editor.dueDateTextProperty().set("2026-11-30");
        editor.recurrencePresetProperty().set(RecurrencePreset.CUSTOM);
        editor.ruleTextProperty().set("FREQ=MONTHLY;BYDAY=-1MO");
        assertThat(editor.preview()).hasSize(5);
        assertThat(editor.preview().getFirst()).startsWith("MON 2026-11-30");
        assertThat(editor.preview().get(1)).startsWith("MON 2026-12-28");
    }

    @Test
    void tagSuggestionsCompleteFromExistingTags() {
        desktop.context.tasks().quickAdd("x #errands #energy #work");
        assertThat(editor.tagSuggestions("work, e")).containsExactly("energy", "errands");
        assertThat(editor.tagSuggestions("errands, e")).containsExactly("energy");
    }
}
