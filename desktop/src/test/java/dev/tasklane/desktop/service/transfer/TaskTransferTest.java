package dev.tasklane.desktop.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.service.tasks.TaskService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import against real H2 stores: round trips, other apps' files, and files that must be refused. */
class TaskTransferTest {

    @TempDir
    Path directory;
    private TestDesktop source;
    private TestDesktop target;

    @BeforeEach
    void open() throws IOException {
        source = new TestDesktop(Files.createDirectories(directory.resolve("source")));
        target = new TestDesktop(Files.createDirectories(directory.resolve("target")));
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    /** Tasks that use every field and both kinds of due, reminder and repeat. */
    private List<Task> varied(TaskService tasks) {
        Instant created = Instant.parse("2026-10-01T08:30:00Z");
        Task allDay = new Task(TaskIds.newTaskId(), "Pay rent", "Account 42; ref “Nov”,\nsecond line\\ with backslash",
                Priority.HIGH, List.of("home", "Money"), Optional.of(new Due.AllDay(LocalDate.parse("2026-12-01"))),
                Optional.of(new Reminder.BeforeDue(Duration.ofDays(1))), Optional.of(new Recurrence("FREQ=MONTHLY;BYMONTHDAY=1", false)),
                Optional.empty(), Optional.empty(), false, created, created);
        Task timed = new Task(TaskIds.newTaskId(), "Call Ada", "", Priority.MEDIUM, List.of("work"),
                Optional.of(new Due.Timed(LocalDateTime.parse("2026-11-30T09:15"), ZoneId.of("America/New_York"))),
                Optional.of(new Reminder.BeforeDue(Duration.ofMinutes(15))), Optional.empty(), Optional.empty(), Optional.empty(),
                false, created.plusSeconds(60), created.plusSeconds(60));
        Task afterCompletion = new Task(TaskIds.newTaskId(), "Water plants", "", Priority.LOW, List.of(),
                Optional.of(new Due.Timed(LocalDateTime.parse("2026-11-28T18:00"), TestDesktop.ZONE)),
                Optional.of(new Reminder.At(Instant.parse("2026-11-28T16:45:00Z"))),
                Optional.of(new Recurrence("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", true)),
                Optional.of(new SeriesLink(TaskIds.newTaskId(), 3)), Optional.empty(), false, created.plusSeconds(120), created.plusSeconds(120));
        Task done = new Task(TaskIds.newTaskId(), "Book flights", "", Priority.NONE, List.of(), Optional.empty(),
                Optional.of(new Reminder.At(Instant.parse("2026-11-20T10:00:00Z"))), Optional.empty(), Optional.empty(),
                Optional.of(Instant.parse("2026-11-21T17:03:12Z")), false, created.plusSeconds(180), created.plusSeconds(180));
        Task plain = Task.create(TaskIds.newTaskId(), "Just a title", created.plusSeconds(240));
        return tasks.createAll(List.of(allDay, timed, afterCompletion, done, plain));
    }

    /** A task as the user sees it, without the last-change time (a new store stamps its own). */
    private static List<Task> comparable(List<Task> tasks) {
        return tasks.stream().map(t -> t.withUpdatedAt(Instant.EPOCH)).toList();
    }

    private void assertRoundTrip(TransferFormat format, String fileName) throws Exception {
        List<Task> written = varied(source.context.tasks());
        Path file = directory.resolve(fileName);
        int exported = new TaskTransfer(source.context.tasks()).export(format, file);
        assertThat(exported).isEqualTo(written.size());

        ImportReport report = new TaskTransfer(target.context.tasks()).importFile(file);

        assertThat(report.skipped()).isEmpty();
        assertThat(report.format()).isEqualTo(format);
        assertThat(comparable(target.context.tasks().allTasks())).isEqualTo(comparable(source.context.tasks().allTasks()));
        assertThat(target.context.tasks().pendingChanges()).as("imported tasks are queued for sync").isEqualTo(written.size());
    }

    @Test
    void iCalendarExportImportedIntoAFreshStoreGivesTheSameTasks() throws Exception {
        assertRoundTrip(TransferFormat.ICALENDAR, "tasks.ics");
    }

    @Test
    void backupImportedIntoAFreshStoreGivesTheSameTasks() throws Exception {
        assertRoundTrip(TransferFormat.JSON_BACKUP, "tasklane-backup.json");
    }

    @Test
    void iCalendarExportIsStandardVTodoWithRepeatDueAndAlarm() throws Exception {
        varied(source.context.tasks());
        Path file = directory.resolve("tasks.ics");
        new TaskTransfer(source.context.tasks()).export(TransferFormat.ICALENDAR, file);
        String ics = Files.readString(file);
        assertThat(ics).startsWith("BEGIN:VCALENDAR").contains("PRODID:" + ICalendarFormat.PRODUCT_ID)
                .contains("BEGIN:VTODO", "BEGIN:VALARM", "TRIGGER;RELATED=END:-PT15M", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
                        "DUE;VALUE=DATE:20261201", "DUE;TZID=America/New_York:20261130T091500", "BEGIN:VTIMEZONE",
                        "TZID:America/New_York", "STATUS:COMPLETED", "COMPLETED:20261121T170312Z", "CATEGORIES:home,Money",
                        "X-TASKLANE-REPEAT-FROM:COMPLETION");
    }

    @Test
    void importingTheSameFileAgainLeavesTheTasksAlreadyThere() throws Exception {
        varied(source.context.tasks());
        Path file = directory.resolve("tasks.ics");
        new TaskTransfer(source.context.tasks()).export(TransferFormat.ICALENDAR, file);
        new TaskTransfer(target.context.tasks()).importFile(file);
        target.context.tasks().update(target.context.tasks().allTasks().getFirst().id(), t -> t.withTitle("Renamed here"));

        ImportReport again = new TaskTransfer(target.context.tasks()).importFile(file);

        assertThat(again.imported()).isEmpty();
        assertThat(again.skipped()).hasSize(5).allMatch(s -> s.reason().startsWith("already in Tasklane"));
        assertThat(target.context.tasks().allTasks()).hasSize(5).extracting(Task::title).contains("Renamed here");
    }

    @Test
    void aTaskDeletedHereComesBackFromTheBackup() throws Exception {
        List<Task> written = varied(source.context.tasks());
        Path file = directory.resolve("backup.json");
        new TaskTransfer(source.context.tasks()).export(TransferFormat.JSON_BACKUP, file);
        source.context.tasks().delete(written.getFirst().id());

        ImportReport report = new TaskTransfer(source.context.tasks()).importFile(file);

        assertThat(report.imported()).extracting(Task::id).containsExactly(written.getFirst().id());
        assertThat(report.undo()).singleElement().matches(edit -> edit.edited().deleted() && edit.edited().id().equals(written.getFirst().id()));
        assertThat(source.context.tasks().find(written.getFirst().id())).get().matches(t -> !t.deleted());
    }

    @Test
    void otherAppsCalendarsImportTasksAndComingEventsAndSayWhatTheyLeftOut() throws Exception {
        Path file = directory.resolve("other-app.ics");
        Files.copy(getClass().getResourceAsStream("/transfer/other-app.ics"), file);

        ImportReport report = new TaskTransfer(target.context.tasks()).importFile(file);

        assertThat(report.imported()).extracting(Task::title)
                .containsExactlyInAnyOrder("Renew passport", "Dentist", "Weekly review", "Hourly stretch");
        Task passport = byTitle(report, "Renew passport");
        assertThat(passport.due()).contains(new Due.AllDay(LocalDate.parse("2026-12-15")));
        assertThat(passport.priority()).isEqualTo(Priority.HIGH);
        assertThat(passport.tags()).containsExactlyInAnyOrder("admin", "travel");
        assertThat(passport.reminder()).contains(new Reminder.BeforeDue(Duration.ofDays(2)));
        Task dentist = byTitle(report, "Dentist");
        assertThat(dentist.due()).contains(new Due.Timed(LocalDateTime.parse("2026-12-03T14:30"), ZoneId.of("Europe/London")));
        assertThat(dentist.reminder()).contains(new Reminder.BeforeDue(Duration.ofMinutes(30)));
        assertThat(byTitle(report, "Weekly review").recurrence()).contains(new Recurrence("FREQ=WEEKLY;BYDAY=FR", false));
        assertThat(byTitle(report, "Hourly stretch").recurrence()).isEmpty();
        assertThat(report.skipped()).extracting(Skipped::describe).containsExactlyInAnyOrder(
                "“Hourly stretch” (task): repeat rule left out: Repeat daily, weekly, monthly or yearly; HOURLY is not supported.",
                "“Weekly review” (event): a changed single occurrence of a repeating item; Tasklane keeps the series itself",
                "“Cancelled party” (event): cancelled",
                "“(no title)” (task): has no title",
                "1 event: ended before today and do not repeat, so they are not made into tasks",
                "1 VJOURNAL: not a task or event; Tasklane has no place for it");
    }

    private static Task byTitle(ImportReport report, String title) {
        return report.imported().stream().filter(t -> t.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void todoistExportBecomesTasksWithLabelsPrioritiesDatesAndComments() throws Exception {
        Path file = directory.resolve("Groceries.csv");
        Files.copy(getClass().getResourceAsStream("/transfer/todoist-export.csv"), file);

        ImportReport report = new TaskTransfer(target.context.tasks()).importFile(file);

        assertThat(report.format()).isEqualTo(TransferFormat.TODOIST_CSV);
        assertThat(report.imported()).extracting(Task::title)
                .containsExactly("Buy oat milk", "Call the plumber", "Water the plants", "Sort receipts", "Fix the bike light");
        Task milk = report.imported().getFirst();
        assertThat(milk.tags()).containsExactly("errands");
        assertThat(milk.priority()).isEqualTo(Priority.HIGH);
        assertThat(milk.notes()).isEqualTo("The barista kind\n\nAsk if they have the 1 l cartons");
        assertThat(milk.due()).contains(new Due.AllDay(LocalDate.parse("2026-11-27")));
        Task plumber = report.imported().get(1);
        assertThat(plumber.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(plumber.due()).contains(new Due.Timed(LocalDateTime.parse("2026-11-27T09:00"), ZoneId.of("Europe/Lisbon")));
        Task plants = report.imported().get(2);
        assertThat(plants.recurrence()).isPresent();
        assertThat(plants.recurrence().get().rule()).startsWith("FREQ=WEEKLY");
        assertThat(plants.priority()).isEqualTo(Priority.NONE);
        assertThat(report.imported().get(3).due()).contains(new Due.AllDay(LocalDate.parse("2026-12-05")));
        assertThat(report.imported().get(4).due()).isEmpty();
        assertThat(report.skipped()).extracting(Skipped::describe).containsExactly(
                "section “Weekend”: Tasklane has no sections; the tasks under it were imported",
                "row 9 “Fix the bike light”: date “when the rain stops” not understood; imported without a date");
        assertThat(target.context.tasks().pendingChanges()).isEqualTo(5);
    }

    @Test
    void badFilesAreRefusedWithAReasonAndChangeNothing() throws Exception {
        TaskService tasks = target.context.tasks();
        tasks.quickAdd("Existing task");
        long pending = tasks.pendingChanges();
        TaskTransfer transfer = new TaskTransfer(tasks);
        record Bad(String name, byte[] content, String message) {
        }
        List<Bad> files = List.of(
                new Bad("broken.ics", "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTODO\nSUMMARY:half\n".getBytes(StandardCharsets.UTF_8),
                        "This is not a readable iCalendar file"),
                new Bad("notes.json", "{\"title\": \"not a backup\"}".getBytes(StandardCharsets.UTF_8), "is not a Tasklane backup"),
                new Bad("future.json", "{\"format\": \"tasklane-backup\", \"version\": 7, \"tasks\": []}".getBytes(StandardCharsets.UTF_8),
                        "this Tasklane reads version 1"),
                new Bad("truncated.json", "{\"format\": \"tasklane-backup\", \"tasks\": [".getBytes(StandardCharsets.UTF_8),
                        "This is not a readable JSON file"),
                new Bad("contacts.csv", "Name,Phone\nAda,123\n".getBytes(StandardCharsets.UTF_8), "not a Todoist export: it has no TYPE column"),
                new Bad("latin1.csv", "TYPE,CONTENT\ntask,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), "not UTF-8"),
                new Bad("photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "is none of these"));
        for (Bad bad : files) {
            Path file = directory.resolve(bad.name());
            Files.write(file, bad.content());
            assertThatThrownBy(() -> transfer.importFile(file)).as(bad.name())
                    .isInstanceOf(ImportFileException.class).hasMessageContaining(bad.message()).hasMessageEndingWith("Nothing was imported.");
        }
        assertThat(tasks.allTasks()).extracting(Task::title).containsExactly("Existing task");
        assertThat(tasks.pendingChanges()).isEqualTo(pending);
    }

    @Test
    void aBackupWithSomeBadTasksImportsTheGoodOnesAndNamesTheRest() throws Exception {
        String backup = """
                {"format": "tasklane-backup", "version": 1, "tasks": [
                  {"id": "0193a7a0-0000-7000-8000-000000000001", "title": "Good", "createdAt": "2026-11-01T10:00:00Z", "priority": "LOW", "tags": ["a"]},
                  {"id": "0193a7a0-0000-7000-8000-000000000002", "title": "Bad due", "createdAt": "2026-11-01T10:00:00Z", "due": "2026-02-30"},
                  {"id": "not-a-uuid", "title": "Bad id", "createdAt": "2026-11-01T10:00:00Z"},
                  {"id": "0193a7a0-0000-7000-8000-000000000003", "title": "", "createdAt": "2026-11-01T10:00:00Z"},
                  {"id": "0193a7a0-0000-7000-8000-000000000004", "title": "Repeat without due", "createdAt": "2026-11-01T10:00:00Z", "recurrence": "FREQ=DAILY"}
                ]}""";

        ImportReport report = new TaskTransfer(target.context.tasks()).importText(TransferFormat.JSON_BACKUP, backup);

        assertThat(report.imported()).extracting(Task::title).containsExactly("Good");
        assertThat(report.skipped()).extracting(Skipped::item)
                .containsExactly("task 2 “Bad due”", "task 3 “Bad id”", "task 4 “”", "task 5 “Repeat without due”");
        assertThat(report.skipped()).extracting(Skipped::reason).allMatch(reason -> !reason.isBlank());
    }

    @Test
    void aFailedExportLeavesTheEarlierFileAsItWas() throws Exception {
        varied(source.context.tasks());
        Path file = directory.resolve("missing-folder").resolve("tasks.ics");
        assertThatThrownBy(() -> new TaskTransfer(source.context.tasks()).export(TransferFormat.ICALENDAR, file)).isInstanceOf(IOException.class);
        assertThat(file).doesNotExist();
        assertThat(directory.resolve("missing-folder")).doesNotExist();
    }
}
