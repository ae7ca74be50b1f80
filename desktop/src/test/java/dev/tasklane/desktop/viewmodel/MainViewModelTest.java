package dev.tasklane.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.task.Priority;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.service.tasks.SmartList;
import dev.tasklane.desktop.service.tasks.SortOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's logic, without a window: the UI executor runs updates inline. */
class MainViewModelTest {

    @TempDir
    Path directory;
    private TestDesktop desktop;
    private MainViewModel model;

    @BeforeEach
    void open() {
        desktop = new TestDesktop(directory);
        model = desktop.context.mainViewModel();
        model.load();
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    private void add(String line) {
        model.quickAddTextProperty().set(line);
        assertThat(model.submitQuickAdd()).isTrue();
    }

    @Test
    void anEmptyStoreExplainsHowToStart() {
        assertThat(model.rows()).isEmpty();
        assertThat(model.emptyTextProperty().get()).startsWith("No tasks yet.");
        assertThat(model.statusTextProperty().get()).isEqualTo("Not syncing — changes stay on this computer");
    }

    @Test
    void quickAddClearsTheBarSelectsTheTaskAndSaysItStaysOnThisComputer() {
        add("Pay rent tomorrow 9am !high #home");
        assertThat(model.quickAddTextProperty().get()).isEmpty();
        assertThat(model.rows()).singleElement().satisfies(row -> {
            assertThat(model.selectedTaskIdProperty().get()).isEqualTo(row.id());
            assertThat(row.priority()).isEqualTo(Priority.HIGH);
        });
        assertThat(model.statusTextProperty().get()).isEqualTo("Not syncing — changes stay on this computer");
        assertThat(model.sidebar()).contains(new SidebarItem.InboxItem(Inbox.CONFLICTS, 0), new SidebarItem.InboxItem(Inbox.NOT_SYNCED, 0));
    }

    @Test
    void anOversizeTitleIsRefusedWithTheLimitAndTheTextIsKept() {
        String tooLong = "x".repeat(501);
        model.quickAddTextProperty().set(tooLong);
        assertThat(model.submitQuickAdd()).isFalse();
        assertThat(model.quickAddErrorProperty().get()).contains("limit is 500");
        assertThat(model.quickAddTextProperty().get()).isEqualTo(tooLong);
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void completingARecurringTaskSelectsTheNextOccurrenceAndUndoRemovesIt() {
        add("Water plants today every week");
        model.toggleComplete(model.rows().getFirst().id());
        assertThat(model.rows()).singleElement().extracting(TaskRow::dueText).isEqualTo("3 Dec");
        assertThat(model.messageProperty().get()).isEqualTo("Completed — next: 3 Dec");

        model.undo();
        assertThat(model.rows()).singleElement().extracting(TaskRow::dueText).isEqualTo("today");
    }

    @Test
    void deleteAndUndo() {
        add("Buy milk");
        model.delete(model.rows().getFirst().id());
        assertThat(model.rows()).isEmpty();
        assertThat(model.canUndoProperty().get()).isTrue();
        model.undo();
        assertThat(model.rows()).extracting(TaskRow::title).containsExactly("Buy milk");
        assertThat(model.canUndoProperty().get()).isFalse();
    }

    @Test
    void sidebarShowsCountsForListsTagsAndPriorities() {
        add("a today #home !high");
        add("b #work");
        assertThat(model.sidebar()).contains(
                new SidebarItem.ListItem(SmartList.ALL, 2),
                new SidebarItem.ListItem(SmartList.TODAY, 1),
                new SidebarItem.TagItem("home", "home", 1),
                new SidebarItem.TagItem("work", "work", 1),
                new SidebarItem.PriorityItem(Priority.HIGH, 1));
    }

    @Test
    void choosingATagShowsOnlyItsTasks() {
        add("a #home");
        add("b #work");
        model.selectSidebarItem(new SidebarItem.TagItem("work", "work", 1));
        assertThat(model.rows()).extracting(TaskRow::title).containsExactly("b");
    }

    @Test
    void searchAndSortApplyImmediately() {
        add("beta !low");
        add("alpha !high");
        add("gamma");
        model.sortOrderProperty().set(SortOrder.TITLE);
        assertThat(model.rows()).extracting(TaskRow::title).containsExactly("alpha", "beta", "gamma");
        model.searchTextProperty().set("ph");
        assertThat(model.rows()).extracting(TaskRow::title).containsExactly("alpha");
        model.searchTextProperty().set("nothing-like-this");
        assertThat(model.emptyTextProperty().get()).isEqualTo("No tasks match “nothing-like-this”.");
    }

    @Test
    void overdueTasksAreMarked() {
        add("late 2026-11-20");
        assertThat(model.rows()).singleElement().satisfies(row -> {
            assertThat(row.overdue()).isTrue();
            assertThat(row.dueText()).isEqualTo("20 Nov");
        });
    }

    private java.util.List<dev.tasklane.core.task.Task> page(String prefix, int size) {
        java.util.List<dev.tasklane.core.task.Task> page = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            page.add(dev.tasklane.core.task.Task.create(dev.tasklane.core.id.TaskIds.newTaskId(), prefix + i, TestDesktop.START));
        }
        return page;
    }

    @Test
    void theStatusBarWritesTheLastSyncIn24HourTimeWhateverTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.US);
        try {
            var status = desktop.context.syncStatus();
            status.accountChanged(java.util.Optional.of("ada@example.test"));
            status.update(new dev.tasklane.desktop.sync.SyncStatus.Synced(java.time.Instant.parse("2026-11-26T13:05:00Z"), 0));

            assertThat(status.describe()).isEqualTo("Synced · ada@example.test · last sync 14:05 · nothing pending");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void aDownloadShowsItsPagesAtMostTwiceASecondAndAllOfThemWhenSyncEnds() {
        desktop.context.tasks().createAll(page("first ", 150));
        assertThat(model.rows()).as("the first page shows at once").hasSize(150);
        desktop.context.tasks().createAll(page("second ", 150));
        assertThat(model.rows()).as("the next page, right after, waits").hasSize(150);
        desktop.context.syncStatus().update(new dev.tasklane.desktop.sync.SyncStatus.Downloading(300, 600));
        assertThat(model.rows()).as("still downloading").hasSize(150);
        assertThat(new dev.tasklane.desktop.sync.SyncStatus.Downloading(40_000, 100_000).describe())
                .isEqualTo("Downloading your tasks… 40,000 of 100,000");
        assertThat(new dev.tasklane.desktop.sync.SyncStatus.Downloading(500, 0).describe())
                .as("an older server sends no count").isEqualTo("Downloading your tasks… 500");
        desktop.context.syncStatus().update(new dev.tasklane.desktop.sync.SyncStatus.Synced(TestDesktop.START, 0));
        assertThat(model.rows()).as("the end of the sync shows every page").hasSize(300);
        assertThat(model.sidebar().getFirst().count()).isEqualTo(300);
        desktop.clock.advance(java.time.Duration.ofSeconds(1));
        desktop.context.tasks().createAll(page("third ", 150));
        assertThat(model.rows()).as("a page half a second or more after the last shown shows at once").hasSize(450);
    }

    @Test
    void rowsAreFormattedOnDemandAndFoundById() {
        add("Pay rent tomorrow 9am !high");
        add("Buy milk");
        java.util.UUID milk = model.rows().stream().filter(r -> r.title().equals("Buy milk")).findFirst().orElseThrow().id();
        assertThat(model.rowIndexOf(milk)).isEqualTo(model.rows().indexOf(model.rows().stream()
                .filter(r -> r.id().equals(milk)).findFirst().orElseThrow()));
        assertThat(model.rowIndexOf(java.util.UUID.randomUUID())).isEqualTo(-1);
    }

    @Test
    void theQuickAddPreviewSaysHowTheLineWillBeReadBeforeEnter() {
        model.quickAddTextProperty().set("Pay rent tomorrow 9am !high #home every month remind me 15m before");
        assertThat(model.quickAddPreviewProperty().get()).isEqualTo(
                "“Pay rent” · due tomorrow 09:00 · repeats every month · high priority · #home · reminder 15 min before");
        assertThat(desktop.context.tasks().size()).isZero();
        model.quickAddTextProperty().set("Standup every 2 weeks on mon,thu");
        assertThat(model.quickAddPreviewProperty().get()).isEqualTo("“Standup” · due today · repeats every other week on Monday and Thursday");
        model.quickAddTextProperty().set("#home !high");
        assertThat(model.quickAddPreviewProperty().get()).isEqualTo("No title yet · high priority · #home");
        add("Gym every weekday 7am");
        assertThat(model.quickAddPreviewProperty().get()).isEmpty();
    }

    @Test
    void aReminderPhraseInQuickAddBecomesTheTasksReminder() {
        add("Dentist tomorrow 10am remind me 15m before");
        assertThat(desktop.context.tasks().find(model.selectedTaskIdProperty().get()).flatMap(dev.tasklane.core.task.Task::reminder))
                .contains(new dev.tasklane.core.task.Reminder.BeforeDue(java.time.Duration.ofMinutes(15)));
    }

    @Test
    void remindersSkippedBecauseTheyFiredBeforeThisDeviceHadThemAreOnlyCounted() {
        model.reportQuietReminders(3);
        assertThat(model.messageProperty().get())
                .isEqualTo("3 reminders had already fired before this device had their tasks, so they were not shown.");
    }
}
