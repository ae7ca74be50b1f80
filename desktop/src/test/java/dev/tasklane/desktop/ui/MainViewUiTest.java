package dev.tasklane.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.viewmodel.TaskRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window driven like a user would: keyboard and mouse, real store underneath. */
@ExtendWith(ApplicationExtension.class)
class MainViewUiTest {

    private TestDesktop desktop;

    @Start
    void start(Stage stage) throws Exception {
        Path directory = Files.createTempDirectory("tasklane-ui");
        desktop = new TestDesktop(directory, Platform::runLater);
        MainView view = new MainView(desktop.context.mainViewModel(), desktop.context.editorViewModel());
        Scene scene = new Scene(view.root(), 1100, 700);
        Themes.apply(scene, false);
        view.installShortcuts(scene, () -> { }, () -> { });
        view.installSave(scene, desktop.context.editorViewModel()::save);
        stage.setScene(scene);
        stage.show();
        desktop.context.mainViewModel().load();
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    private List<TaskRow> rows(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return List.copyOf(robot.lookup("#taskList").queryAs(ListView.class).getItems());
    }

    /** Clicks the title of the first row, as a user selecting it would (not the checkbox, not empty space). */
    private org.testfx.api.FxRobotInterface clickFirstRow(FxRobot robot) {
        return robot.clickOn(robot.lookup("#taskList .task-title").nth(0).queryAs(javafx.scene.Node.class));
    }

    private void quickAdd(FxRobot robot, String line) {
        robot.clickOn("#quickAdd").write(line).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void quickAddShowsTheParsedTaskInTheList(FxRobot robot) {
        quickAdd(robot, "Pay rent tomorrow 9am !high #home every month");
        assertThat(rows(robot)).singleElement().satisfies(row -> {
            assertThat(row.title()).isEqualTo("Pay rent");
            assertThat(row.dueText()).isEqualTo("tomorrow 09:00");
            assertThat(row.tags()).containsExactly("home");
            assertThat(row.recurring()).isTrue();
        });
        assertThat(robot.lookup("#quickAdd").queryAs(TextField.class).getText()).isEmpty();
        assertThat(robot.lookup("#statusBar").queryAs(Label.class).getText()).isEqualTo("Not syncing — changes stay on this computer");
    }

    @Test
    void aQuickAddWithoutTitleShowsWhyAndKeepsTheText(FxRobot robot) {
        quickAdd(robot, "!high #home");
        assertThat(robot.lookup("#quickAddError").queryAs(Label.class).getText()).isEqualTo("Enter a title.");
        assertThat(robot.lookup("#quickAdd").queryAs(TextField.class).getText()).isEqualTo("!high #home");
        assertThat(rows(robot)).isEmpty();
    }

    @Test
    void editingInTheDetailEditorUpdatesTheList(FxRobot robot) {
        quickAdd(robot, "Buy milk");
        TextField title = robot.lookup("#editorTitle").queryAs(TextField.class);
        robot.doubleClickOn(title).eraseText(20).write("Buy oat milk");
        robot.clickOn("#editorDueDate").write("2026-11-27");
        robot.clickOn("#editorSave");
        assertThat(rows(robot)).singleElement().satisfies(row -> {
            assertThat(row.title()).isEqualTo("Buy oat milk");
            assertThat(row.dueText()).isEqualTo("tomorrow");
        });
    }

    @Test
    void anInvalidDateShowsAnInlineMessageAndSavesNothing(FxRobot robot) {
        quickAdd(robot, "Buy milk");
        robot.clickOn("#editorDueDate").write("2026-02-30");
        robot.clickOn("#editorSave");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#error-due").queryAs(Label.class).getText()).isEqualTo("30 February doesn't exist; February has 28 days.");
        assertThat(rows(robot)).singleElement().extracting(TaskRow::dueText).isEqualTo("");
    }

    @Test
    void completingARecurringTaskShowsTheNextOccurrenceAtOnce(FxRobot robot) {
        quickAdd(robot, "Water plants today every week");
        clickFirstRow(robot).type(KeyCode.SPACE);
        assertThat(rows(robot)).singleElement().satisfies(row -> {
            assertThat(row.title()).isEqualTo("Water plants");
            assertThat(row.dueText()).isEqualTo("3 Dec");
            assertThat(row.completed()).isFalse();
        });
    }

    @Test
    void deleteThenUndoBringsTheTaskBack(FxRobot robot) {
        quickAdd(robot, "Buy milk");
        clickFirstRow(robot).type(KeyCode.DELETE);
        assertThat(rows(robot)).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(rows(robot)).extracting(TaskRow::title).containsExactly("Buy milk");
    }

    @Test
    void searchNarrowsTheListAsYouType(FxRobot robot) {
        quickAdd(robot, "Buy milk #errands");
        quickAdd(robot, "Call mum");
        robot.clickOn("#search").write("err");
        assertThat(rows(robot)).extracting(TaskRow::title).containsExactly("Buy milk");
        robot.type(KeyCode.ESCAPE);
        assertThat(rows(robot)).hasSize(2);
    }

    @Test
    void choosingASmartListFiltersTheTasks(FxRobot robot) {
        quickAdd(robot, "Dentist today");
        quickAdd(robot, "Haircut in 5 days");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        assertThat(rows(robot)).extracting(TaskRow::title).containsExactly("Dentist");
        robot.clickOn("Upcoming");
        assertThat(rows(robot)).extracting(TaskRow::title).containsExactly("Haircut");
    }

    private void clickRow(FxRobot robot, String title) {
        robot.clickOn(robot.lookup("#taskList .task-title").match(node -> ((Label) node).getText().equals(title))
                .queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String editorText(FxRobot robot, String id) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(id).queryTextInputControl().getText();
    }

    @Test
    void aNoteTypedThenAClickOnAnotherTaskIsSaved(FxRobot robot) {
        quickAdd(robot, "Buy milk");
        quickAdd(robot, "Call mum");
        clickRow(robot, "Buy milk");
        robot.clickOn("#editorNotes").write("the 2 litre one");
        clickRow(robot, "Call mum");
        assertThat(editorText(robot, "#editorTitle")).isEqualTo("Call mum");
        assertThat(editorText(robot, "#editorNotes")).isEmpty();
        assertThat(desktop.context.tasks().query(dev.tasklane.desktop.service.tasks.TaskQuery.all()))
                .filteredOn(t -> t.title().equals("Buy milk")).singleElement()
                .extracting(dev.tasklane.core.task.Task::notes).isEqualTo("the 2 litre one");
        clickRow(robot, "Buy milk");
        assertThat(editorText(robot, "#editorNotes")).isEqualTo("the 2 litre one");
    }

    @Test
    void theEditorStaysOnTheSavedTaskWhenTheListResorts(FxRobot robot) {
        quickAdd(robot, "Dentist tomorrow");
        quickAdd(robot, "Haircut today");
        clickRow(robot, "Haircut");
        robot.doubleClickOn("#editorDueDate").eraseText(20).write("2026-12-24");
        robot.clickOn("#editorSave");
        assertThat(rows(robot)).extracting(TaskRow::title).containsExactly("Dentist", "Haircut");
        assertThat(editorText(robot, "#editorTitle")).isEqualTo("Haircut");
        assertThat(robot.lookup("#taskList").queryAs(ListView.class).getSelectionModel().getSelectedItem())
                .extracting(row -> ((TaskRow) row).title()).isEqualTo("Haircut");
    }

    @Test
    void aTaskWithoutTagsNeverShowsAnotherTasksTags(FxRobot robot) {
        quickAdd(robot, "Buy milk #errands #shop");
        quickAdd(robot, "Call mum");
        clickRow(robot, "Buy milk");
        assertThat(editorText(robot, "#editorTags")).isEqualTo("errands, shop");
        robot.clickOn("#editorTags").write(", ho");
        clickRow(robot, "Call mum");
        assertThat(editorText(robot, "#editorTags")).isEmpty();
    }

    @Test
    void theEditorSaysSoWhenTheSearchHidesItsTask(FxRobot robot) {
        quickAdd(robot, "Buy milk");
        assertThat(robot.lookup("#editorNotInList").queryAs(Label.class).isVisible()).isFalse();
        robot.clickOn("#search").write("dentist");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#editorNotInList").queryAs(Label.class).isVisible()).isTrue();
        assertThat(editorText(robot, "#editorTitle")).isEqualTo("Buy milk");
    }

    @Test
    void theQuickAddBarPreviewsTheLineBeforeEnter(FxRobot robot) {
        robot.clickOn("#quickAdd").write("Gym every 2 weeks on mon,thu 7am #health");
        WaitForAsyncUtils.waitForFxEvents();
        Label preview = robot.lookup("#quickAddPreview").queryAs(Label.class);
        assertThat(preview.isVisible()).isTrue();
        assertThat(preview.getText()).isEqualTo("“Gym” · due Monday 07:00 · repeats every other week on Monday and Thursday · #health");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(preview.isVisible()).isFalse();
        assertThat(rows(robot)).extracting(TaskRow::title).containsExactly("Gym");
    }

    @Test
    void movingOnFromATaskWithAnEditThatCannotBeSavedSaysSoWhereItIsSeen(FxRobot robot) {
        quickAdd(robot, "Buy milk");
        quickAdd(robot, "Call mum");
        robot.clickOn(robot.lookup("#taskList .task-title").queryAllAs(Label.class).stream()
                .filter(title -> title.getText().equals("Buy milk")).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        // A reminder before the due, on a task without a due: the one part that cannot be saved.
        robot.interact(() -> robot.lookup("#editorReminder").queryAs(javafx.scene.control.ComboBox.class)
                .setValue(dev.tasklane.desktop.viewmodel.ReminderChoice.MINUTES_15));

        robot.clickOn(robot.lookup("#taskList .task-title").queryAllAs(Label.class).stream()
                .filter(title -> title.getText().equals("Call mum")).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#message").queryAs(Label.class).getText())
                .startsWith("Saved your changes to “Buy milk” except the reminder");
    }

    @Test
    void theSearchRowStaysPutWhileAQuickAddLineIsTyped(FxRobot robot) {
        javafx.scene.Node search = robot.lookup("#search").query();
        double before = search.localToScene(0, 0).getY();

        robot.clickOn("#quickAdd").write("Pay rent on 1/12 at 9am every month");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#quickAddPreview").queryAs(Label.class).isVisible()).isTrue();
        double typing = search.localToScene(0, 0).getY();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(typing).isEqualTo(before);
        assertThat(search.localToScene(0, 0).getY()).isEqualTo(before);
    }

    @Test
    void nextDatesFitTheirBoxWithoutScrolling(FxRobot robot) {
        quickAdd(robot, "Standup every weekday 9:15");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.VBox preview = robot.lookup("#editorPreview").queryAs(javafx.scene.layout.VBox.class);
        assertThat(preview.getChildren()).hasSize(5).allSatisfy(node -> {
            Label line = (Label) node;
            assertThat(line.getText()).matches("(Mon|Tue|Wed|Thu|Fri) \\d{1,2} (Nov|Dec) 2026, 09:15.*");
            assertThat(line.getBoundsInParent().getMaxX()).isLessThanOrEqualTo(preview.getWidth() + 0.5);
        });
    }
}
