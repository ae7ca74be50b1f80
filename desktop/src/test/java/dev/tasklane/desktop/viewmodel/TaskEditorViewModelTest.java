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
import java.util.List;
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
        assertThat(editor.zoneTextProperty().get()).isEqualTo("Berlin — Central European Time (UTC+01:00)");
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
        assertThat(editor.errorProperty("due").get()).isEqualTo("There is no month 13; months go from 1 to 12.");
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
        assertThat(editor.preview()).startsWith("Mon 30 Nov 2026", "Mon 28 Dec 2026");
    }

    @Test
    void tagSuggestionsCompleteFromExistingTags() {
        desktop.context.tasks().quickAdd("x #errands #energy #work");
        assertThat(editor.tagSuggestions("work, e")).containsExactly("energy", "errands");
        assertThat(editor.tagSuggestions("errands, e")).containsExactly("energy");
    }

    // ---- never loses typing

    @Test
    void aNoteTypedThenAClickOnAnotherTaskIsSaved() {
        Task other = desktop.context.tasks().quickAdd("Call mum");
        editor.notesProperty().set("the 2 litre one");
        editor.show(Optional.of(other.id()));
        assertThat(stored().notes()).isEqualTo("the 2 litre one");
        assertThat(editor.titleProperty().get()).isEqualTo("Call mum");
        assertThat(editor.saveMessageProperty().get()).isEqualTo("Saved your changes to “Buy milk”.");
    }

    @Test
    void closingTheEditorWithUnsavedEditsSavesThem() {
        editor.titleProperty().set("Buy oat milk");
        editor.show(Optional.empty());
        assertThat(stored().title()).isEqualTo("Buy oat milk");
    }

    @Test
    void leavingWithOneInvalidFieldSavesTheRestAndNamesWhatWasNot() {
        Task other = desktop.context.tasks().quickAdd("Call mum");
        editor.notesProperty().set("semi-skimmed");
        editor.dueDateTextProperty().set("2026-02-30");
        editor.show(Optional.of(other.id()));
        assertThat(stored().notes()).isEqualTo("semi-skimmed");
        assertThat(stored().due()).isEmpty();
        assertThat(editor.saveMessageProperty().get()).isEqualTo("Saved your changes to “Buy milk” except the due date "
                + "(30 February doesn't exist; February has 28 days.)");
    }

    @Test
    void showingAnotherTaskWithoutEditsWritesNothing() {
        long pending = desktop.context.tasks().pendingChanges();
        editor.show(Optional.of(desktop.context.tasks().quickAdd("Call mum").id()));
        assertThat(desktop.context.tasks().pendingChanges()).isEqualTo(pending + 1);
    }

    // ---- never shows stale data

    /** A second device with its own store that has this task; its edits arrive here as replicated states. */
    private TestDesktop otherDeviceWithTheTask() {
        TestDesktop other = new TestDesktop(directory.resolve("other-device"));
        other.context.tasks().applyRemoteStates(List.of(desktop.context.tasks().snapshot(task.id()).orElseThrow()));
        return other;
    }

    private void editElsewhere(java.util.function.UnaryOperator<Task> change) {
        try (TestDesktop other = otherDeviceWithTheTask()) {
            other.clock.advance(Duration.ofSeconds(5));
            other.context.tasks().update(task.id(), change);
            desktop.context.tasks().applyRemoteStates(List.of(other.context.tasks().snapshot(task.id()).orElseThrow()));
        }
    }

    @Test
    void untouchedFieldsTakeAnotherDevicesChangeInPlace() {
        editElsewhere(t -> t.withTitle("Buy oat milk").withDue(Optional.of(new Due.AllDay(java.time.LocalDate.of(2026, 12, 1)))));
        assertThat(editor.titleProperty().get()).isEqualTo("Buy oat milk");
        assertThat(editor.dueDateTextProperty().get()).isEqualTo("2026-12-01");
        assertThat(editor.hasUnsavedEdits()).isFalse();
    }

    @Test
    void aSnoozeShowsTheNewReminderTimeInPlace() {
        desktop.context.tasks().snooze(task.id(), java.time.Instant.parse("2026-11-26T10:10:00Z"));
        assertThat(editor.reminderChoiceProperty().get()).isEqualTo(ReminderChoice.CUSTOM);
        assertThat(editor.reminderAtTextProperty().get()).isEqualTo("2026-11-26 11:10");
    }

    @Test
    void aFieldTheUserIsEditingIsFlaggedNotOverwrittenWhenAnotherDeviceChangesIt() {
        editor.titleProperty().set("Buy milk and bread");
        editor.notesProperty().set("from the corner shop");
        editElsewhere(t -> t.withTitle("Buy oat milk").withPriority(dev.tasklane.core.task.Priority.HIGH));
        assertThat(editor.titleProperty().get()).isEqualTo("Buy milk and bread");
        assertThat(editor.remoteChangeProperty(TaskEditorViewModel.Part.TITLE).get()).isEqualTo("Changed on another device to “Buy oat milk”");
        assertThat(editor.priorityProperty().get()).isEqualTo(dev.tasklane.core.task.Priority.HIGH);
        assertThat(editor.notesProperty().get()).isEqualTo("from the corner shop");
        assertThat(editor.remoteChangeProperty(TaskEditorViewModel.Part.NOTES).get()).isEmpty();
    }

    @Test
    void keepMineSavesTheUsersValueWithoutAConflict() {
        editor.titleProperty().set("Buy milk and bread");
        editElsewhere(t -> t.withTitle("Buy oat milk"));
        editor.keepMine(TaskEditorViewModel.Part.TITLE);
        assertThat(editor.save()).isTrue();
        assertThat(stored().title()).isEqualTo("Buy milk and bread");
        assertThat(desktop.context.tasks().conflicts(task.id())).isEmpty();
        assertThat(editor.remoteChangeProperty(TaskEditorViewModel.Part.TITLE).get()).isEmpty();
    }

    @Test
    void takeTheirsShowsTheOtherValueAndSavesNothingOfMine() {
        editor.titleProperty().set("Buy milk and bread");
        editElsewhere(t -> t.withTitle("Buy oat milk"));
        editor.takeTheirs(TaskEditorViewModel.Part.TITLE);
        assertThat(editor.titleProperty().get()).isEqualTo("Buy oat milk");
        assertThat(editor.hasUnsavedEdits()).isFalse();
        editor.show(Optional.empty());
        assertThat(stored().title()).isEqualTo("Buy oat milk");
    }

    @Test
    void savingWithoutChoosingKeepsTheOtherDevicesValueAsAConflict() {
        editor.titleProperty().set("Buy milk and bread");
        editElsewhere(t -> t.withTitle("Buy oat milk"));
        assertThat(editor.save()).isTrue();
        assertThat(stored().title()).isEqualTo("Buy milk and bread");
        assertThat(desktop.context.tasks().conflicts(task.id())).singleElement()
                .satisfies(conflict -> assertThat(conflict.lostValue()).isEqualTo("Buy oat milk"));
    }

    @Test
    void savingAfterAnotherDeviceChangedOtherFieldsKeepsTheirChanges() {
        editor.notesProperty().set("from the corner shop");
        editElsewhere(t -> t.withTitle("Buy oat milk"));
        assertThat(editor.save()).isTrue();
        assertThat(stored().title()).isEqualTo("Buy oat milk");
        assertThat(stored().notes()).isEqualTo("from the corner shop");
        assertThat(desktop.context.tasks().conflicts(task.id())).isEmpty();
    }

    // ---- no field leaks between tasks

    @Test
    void aTaskWithoutTagsShowsNoTagsAfterOneWithTags() {
        Task bare = desktop.context.tasks().quickAdd("Call mum");
        editor.show(Optional.of(bare.id()));
        assertThat(editor.tagsTextProperty().get()).isEmpty();
        editElsewhere(t -> t.withTags(List.of("errands", "shop")));
        assertThat(editor.tagsTextProperty().get()).isEmpty();
        assertThat(editor.titleProperty().get()).isEqualTo("Call mum");
    }

    // ---- plain date and time messages

    @Test
    void aDateThatDoesNotExistIsNamedPlainly() {
        editor.dueDateTextProperty().set("2026-02-30");
        assertThat(editor.save()).isFalse();
        assertThat(editor.errorProperty("due").get()).isEqualTo("30 February doesn't exist; February has 28 days.");
        editor.dueDateTextProperty().set("2027-02-29");
        assertThat(editor.save()).isFalse();
        assertThat(editor.errorProperty("due").get()).isEqualTo("29 February 2027 doesn't exist: 2027 isn't a leap year.");
    }

    @Test
    void aTimeThatDoesNotExistIsNamedPlainly() {
        editor.dueDateTextProperty().set("2026-12-01");
        editor.dueTimeTextProperty().set("25:99");
        assertThat(editor.save()).isFalse();
        assertThat(editor.errorProperty("due").get()).isEqualTo("25:99 isn't a time; hours go from 00 to 23 and minutes from 00 to 59.");
    }

    @Test
    void theDateFieldAlsoTakesWordsQuickAddUnderstands() {
        editor.dueDateTextProperty().set("tomorrow");
        editor.dueTimeTextProperty().set("9am");
        assertThat(editor.save()).isTrue();
        assertThat(stored().due()).contains(new Due.Timed(LocalDateTime.parse("2026-11-27T09:00"), ZoneId.of("Europe/Berlin")));
        assertThat(editor.dueDateTextProperty().get()).isEqualTo("2026-11-27");
    }

    // ---- when a reminder fires

    @Test
    void anAllDayTasksReminderSaysItFiresInTheMorning() {
        editor.dueDateTextProperty().set("2026-12-01");
        editor.reminderChoiceProperty().set(ReminderChoice.MINUTES_15);

        assertThat(editor.reminderWhenProperty().get())
                .isEqualTo("Reminds you Tue 1 Dec 2026, 08:45 (an all-day task counts from 09:00)");
    }

    @Test
    void aTimedTasksReminderSaysWhenItFiresInLocalTime() {
        editor.dueDateTextProperty().set("2026-12-01");
        editor.dueTimeTextProperty().set("09:00");
        editor.zoneTextProperty().set("America/New_York");
        editor.reminderChoiceProperty().set(ReminderChoice.HOUR_1);

        assertThat(editor.reminderWhenProperty().get()).isEqualTo("Reminds you Tue 1 Dec 2026, 14:00");
    }

    @Test
    void aReminderBeforeTheDueWithoutADueDateSaysItNeedsOne() {
        editor.reminderChoiceProperty().set(ReminderChoice.AT_DUE);
        assertThat(editor.reminderWhenProperty().get()).isEqualTo("Needs a due date.");

        editor.reminderChoiceProperty().set(ReminderChoice.NONE);
        assertThat(editor.reminderWhenProperty().get()).isEmpty();
    }

    // ---- next dates and time zones

    @Test
    void nextDatesInAnotherZoneAreWrittenForPeople() {
        editor.dueDateTextProperty().set("2026-12-01");
        editor.dueTimeTextProperty().set("09:00");
        editor.zoneTextProperty().set("Etc/UTC");
        editor.recurrencePresetProperty().set(RecurrencePreset.DAILY);
        assertThat(editor.preview()).startsWith("Tue 1 Dec 2026, 09:00 UTC time (10:00 here)");
        assertThat(String.join("\n", editor.preview())).doesNotContain("Etc/", "T09", "[");
    }

    @Test
    void timedNextDatesInTheOwnZoneNameTodayAndTomorrow() {
        editor.dueDateTextProperty().set("2026-11-26");
        editor.dueTimeTextProperty().set("17:00");
        editor.recurrencePresetProperty().set(RecurrencePreset.DAILY);
        assertThat(editor.preview()).startsWith("Thu 26 Nov 2026, 17:00 (today)", "Fri 27 Nov 2026, 17:00 (tomorrow)",
                "Sat 28 Nov 2026, 17:00");
    }

    @Test
    void theZonePickerOffersTheOwnZoneThenRecentOnesAndFindsCities() {
        editor.dueDateTextProperty().set("2026-12-01");
        editor.dueTimeTextProperty().set("09:00");
        editor.zoneTextProperty().set("America/New_York");
        assertThat(editor.save()).isTrue();
        assertThat(editor.zoneTextProperty().get()).isEqualTo("New York — Eastern Time (UTC-05:00)");
        assertThat(editor.zoneSuggestions("")).startsWith("Berlin — Central European Time (UTC+01:00)",
                "New York — Eastern Time (UTC-05:00)");
        assertThat(editor.zoneSuggestions("tokyo")).containsExactly("Tokyo — Japan Time (UTC+09:00)");
        assertThat(editor.zoneSuggestions("utc+09")).contains("Tokyo — Japan Time (UTC+09:00)", "Seoul — Korean Time (UTC+09:00)");
        editor.zoneTextProperty().set("Tokyo — Japan Time (UTC+09:00)");
        assertThat(editor.save()).isTrue();
        assertThat(stored().due()).contains(new Due.Timed(LocalDateTime.parse("2026-12-01T09:00"), ZoneId.of("Asia/Tokyo")));
    }

    @Test
    void aCityNameIsEnoughForTheZone() {
        editor.dueDateTextProperty().set("2026-12-01");
        editor.dueTimeTextProperty().set("09:00");
        editor.zoneTextProperty().set("lisbon");
        assertThat(editor.save()).isTrue();
        assertThat(stored().due()).contains(new Due.Timed(LocalDateTime.parse("2026-12-01T09:00"), ZoneId.of("Europe/Lisbon")));
    }
}
