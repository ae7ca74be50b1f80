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
        assertThat(robot.lookup("#error-due").queryAs(Label.class).getText()).contains("is not a date");
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
}
