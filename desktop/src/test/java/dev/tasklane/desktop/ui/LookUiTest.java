package dev.tasklane.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.sync.Rejection;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.store.TaskStore;
import dev.tasklane.desktop.viewmodel.ConflictsViewModel;
import dev.tasklane.desktop.viewmodel.NotSyncedViewModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The look, checked on the rendered window (real store underneath): the inboxes reachable from the
 * sidebar with their badges, no horizontal scrollbar at 800 px, readable selected rows in both
 * themes. Saves the README's screenshots under {@code target/screenshots/}.
 */
@ExtendWith(ApplicationExtension.class)
class LookUiTest {

    private TestDesktop desktop;
    private Scene scene;
    private Stage stage;
    private Task call;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        desktop = new TestDesktop(Files.createTempDirectory("tasklane-look"), Platform::runLater);
        TaskService tasks = desktop.context.tasks();
        tasks.quickAdd("Pay rent tomorrow 9am !high #home every month");
        tasks.quickAdd("Submit expense report 2026-11-24 !medium #work");
        Task standup = tasks.quickAdd("Team standup every weekday 09:30 #work");
        tasks.update(standup.id(), t -> t.withReminder(Optional.of(new Reminder.BeforeDue(Duration.ofMinutes(5)))));
        tasks.quickAdd("Buy oat milk today #errands");
        tasks.quickAdd("Book dentist appointment next monday !low");
        Task plants = tasks.quickAdd("Water the plants every sunday #home");
        tasks.quickAdd("Read \"The Pragmatic Programmer\" and write down the three ideas worth keeping for the team's next "
                + "retrospective, with examples from our own code #books #work #reading");
        call = tasks.quickAdd("Call grandma sunday 17:00 #family");
        tasks.complete(tasks.quickAdd("Renew passport #admin").id());

        // Conflicts as a sync would leave them: one the server reported between two other devices,
        // one this device lost.
        TaskStore store = new TaskStore(desktop.database.dataSource(), TestDesktop.ZONE);
        store.putWriterNames(Map.of("d0phone", "Ada's phone", "d0tablet", "Ada's tablet"));
        store.recordServerConflicts(List.of(
                new TaskStore.StoredConflict(new Conflict(plants.id(), TaskField.NOTES,
                        "Use the rain water from the barrel; the fern by the window only every other week",
                        new Hlc(TestDesktop.START.toEpochMilli() + 2000, 0, "d0tablet"), "Fertiliser on the first Sunday",
                        new Hlc(TestDesktop.START.toEpochMilli() + 1000, 0, "d0phone")),
                        Optional.of("Ada's tablet"), Optional.of("Ada's phone"), TestDesktop.START, true),
                new TaskStore.StoredConflict(new Conflict(call.id(), TaskField.TITLE, "Call grandma",
                        new Hlc(TestDesktop.START.toEpochMilli() + 4000, 0, "d0phone"), "Call grandma about Christmas",
                        new Hlc(TestDesktop.START.toEpochMilli() + 3000, 0, tasks.node())),
                        Optional.empty(), Optional.empty(), TestDesktop.START.plusSeconds(60), true)));
        // A change the server refused.
        tasks.update(standup.id(), t -> t.withNotes("Agenda: blockers first"));
        store.refuse(Map.of(tasks.outbox(50).getLast().mutationId(), new Rejection(tasks.outbox(50).getLast().mutationId(), "invalid",
                "The notes contain a character the server does not accept.")), TestDesktop.START);

        MainView view = new MainView(desktop.context.mainViewModel(), desktop.context.editorViewModel());
        view.installInboxes(new ConflictsViewModel(tasks, desktop.context.syncStatus(), TestDesktop.ZONE, Platform::runLater),
                new NotSyncedViewModel(tasks, desktop.context.syncStatus(), id -> { throw new AssertionError("not in this test"); },
                        Runnable::run, Platform::runLater, TestDesktop.ZONE));
        scene = new Scene(view.root(), 1200, 720);
        Themes.apply(scene, false);
        stage.setScene(scene);
        stage.setTitle("Tasklane");
        stage.setWidth(1200);
        stage.setHeight(720);
        stage.show();
        desktop.context.mainViewModel().load();
        desktop.context.mainViewModel().selectedTaskIdProperty().set(call.id());
    }

    @AfterEach
    void close() {
        desktop.close();
        Platform.runLater(() -> Themes.apply(new Scene(new javafx.scene.layout.Pane()), false));
    }

    @Test
    void theInboxesAreInTheSidebarWithBadgesAndShowTheirEntries(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#badge-conflicts").queryAs(Label.class).getText()).isEqualTo("2");
        assertThat(robot.lookup("#badge-not_synced").queryAs(Label.class).getText()).isEqualTo("1");
        save("main-window.png");

        robot.clickOn("Conflicts");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#conflictsInbox").query().isVisible()).isTrue();
        assertThat(shown(robot.lookup("#taskList").query())).isFalse();
        ListView<?> conflicts = robot.lookup("#conflictList").queryAs(ListView.class);
        assertThat(conflicts.getItems()).hasSize(2);
        assertThat(robot.lookup(".inbox-meta").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("by another device (Ada's tablet)", "by another device (Ada's phone)", "by this device");
        save("conflicts-inbox.png");

        robot.clickOn("Not synced");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot.lookup("#notSyncedInbox").query())).isTrue();
        assertThat(shown(robot.lookup("#conflictsInbox").query())).isFalse();
        assertThat(robot.lookup(".inbox-lost").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("The notes contain a character the server does not accept.");
        save("not-synced.png");
    }

    @Test
    void anInboxTakesTheEditorsPlaceSavingTheOpenTaskAndTheListGetsTheEditorBack(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#editorTitle").type(KeyCode.END).write(" back");

        robot.clickOn("Conflicts");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#editorTitle").tryQuery().map(LookUiTest::shownInScene)).as("editor beside the inbox")
                .isNotEqualTo(Optional.of(true));
        assertThat(desktop.context.tasks().find(call.id()).orElseThrow().title()).isEqualTo("Call grandma back");

        robot.clickOn("All");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#editorPlaceholder").queryAs(Label.class).isVisible()).as("the empty editor says what it is for").isTrue();
        // The task that was open before the inbox opens again with one click.
        robot.clickOn(robot.lookup("#taskList .task-title").queryAllAs(Label.class).stream()
                .filter(title -> title.getText().equals("Call grandma back")).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#editorTitle").tryQuery().map(LookUiTest::shownInScene)).as("editor beside the list").hasValue(true);
        assertThat(robot.lookup("#editorTitle").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("Call grandma back");
    }

    private static boolean shownInScene(Node node) {
        return node.getScene() != null && shown(node) && node.getParent() != null
                && node.localToScene(node.getBoundsInLocal()).getMinX() < node.getScene().getWidth();
    }

    @Test
    void at800PixelsNothingScrollsSidewaysAndTheInboxWraps(FxRobot robot) throws Exception {
        robot.interact(() -> stage.setWidth(800));
        robot.interact(() -> scene.getWindow().setWidth(800));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scene.getWidth()).isLessThanOrEqualTo(800);
        assertThat(horizontalScrollBarShown(robot.lookup("#taskList").query())).as("task list scrolls sideways").isFalse();
        assertThat(horizontalScrollBarShown(robot.lookup("#sidebar").query())).as("sidebar scrolls sideways").isFalse();
        save("main-window-800.png");

        robot.clickOn("Conflicts");
        WaitForAsyncUtils.waitForFxEvents();
        Node conflicts = robot.lookup("#conflictList").query();
        assertThat(horizontalScrollBarShown(conflicts)).as("conflicts scroll sideways").isFalse();
        // Long values wrap inside the card instead of being cut off.
        Label longValue = robot.lookup(".inbox-card .label").queryAllAs(Label.class).stream()
                .filter(label -> label.getText().startsWith("Use the rain water")).findFirst().orElseThrow();
        // (Whole: the label's text node shows all of it, no ellipsis; wrapped or not depends on the width the inbox gets.)
        assertThat(((javafx.scene.text.Text) longValue.lookup(".text")).getText()).isEqualTo(longValue.getText());
        assertThat(longValue.localToScene(longValue.getBoundsInLocal()).getMaxX()).isLessThanOrEqualTo(scene.getWidth());
        save("conflicts-inbox-800.png");
    }

    @Test
    void aSelectedRowKeepsItsDueTextAndTagsReadableInBothThemes(FxRobot robot) throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> Themes.apply(scene, dark));
            WaitForAsyncUtils.waitForFxEvents();
            ListCell<?> selected = robot.lookup("#taskList .list-cell").queryAllAs(ListCell.class).stream()
                    .filter(ListCell::isSelected).findFirst().orElseThrow();
            // The selection colour may be translucent: what the eye sees is it over the list's background.
            Color background = over((Color) selected.getBackground().getFills().getLast().getFill(),
                    opaqueBackgroundBehind(selected));
            for (String part : List.of(".task-due", ".task-tags", ".task-title")) {
                Label label = (Label) selected.lookup(part);
                assertThat(contrast((Color) label.getTextFill(), background)).as("%s on the selection (%s theme)", part, dark ? "dark" : "light")
                        .isGreaterThanOrEqualTo(3.0);
            }
            if (dark) {
                save("main-window-dark.png");
            }
        }
    }

    @Test
    void theHelpIsSizedToItsTextAndThemed(FxRobot robot) throws Exception {
        AtomicReference<javafx.scene.control.Alert> shown = new AtomicReference<>();
        robot.interact(() -> {
            javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.NONE, "",
                    javafx.scene.control.ButtonType.CLOSE);
            alert.setHeaderText("Keyboard shortcuts");
            alert.getDialogPane().setContent(DialogService.shortcutGrid(MainView.SHORTCUTS));
            Themes.style(alert.getDialogPane());
            alert.show();
            shown.set(alert);
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.DialogPane pane = shown.get().getDialogPane();
        javafx.scene.layout.GridPane grid = (javafx.scene.layout.GridPane) pane.getContent();
        assertThat(grid.getChildren()).hasSize((int) MainView.SHORTCUTS.lines().count() * 2);
        // Every line is visible: the content is as tall and as wide as it needs, inside the dialog.
        assertThat(grid.getHeight()).isGreaterThanOrEqualTo(grid.prefHeight(-1) - 1);
        assertThat(grid.getWidth()).isGreaterThanOrEqualTo(grid.prefWidth(-1) - 1);
        assertThat(pane.getStylesheets()).anyMatch(sheet -> sheet.endsWith("tasklane.css"));
        save(pane.getScene(), "help.png");
        robot.interact(() -> shown.get().close());
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The nearest opaque background colour among the node's ancestors (the list's cells sit on it). */
    private static Color opaqueBackgroundBehind(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.layout.Region region && region.getBackground() != null) {
                java.util.Optional<Color> opaque = region.getBackground().getFills().stream().map(fill -> fill.getFill())
                        .filter(Color.class::isInstance).map(Color.class::cast).filter(c -> c.getOpacity() == 1.0).reduce((a, b) -> b);
                if (opaque.isPresent()) {
                    return opaque.get();
                }
            }
        }
        throw new AssertionError("no opaque background behind " + node);
    }

    private static Color over(Color top, Color below) {
        double a = top.getOpacity();
        return Color.color(top.getRed() * a + below.getRed() * (1 - a), top.getGreen() * a + below.getGreen() * (1 - a),
                top.getBlue() * a + below.getBlue() * (1 - a));
    }

    private static boolean horizontalScrollBarShown(Node list) {
        return list.lookupAll(".scroll-bar").stream().map(ScrollBar.class::cast)
                .anyMatch(bar -> bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible());
    }

    /** WCAG contrast ratio of two opaque colours. */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private Path save(String name) throws Exception {
        return save(scene, name);
    }

    private static Path save(Scene scene, String name) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> image.set(scene.snapshot(null))).get();
        WritableImage snapshot = image.get();
        int width = (int) snapshot.getWidth();
        int height = (int) snapshot.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = snapshot.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        ImageIO.write(buffered, "png", target.toFile());
        return target;
    }
}
