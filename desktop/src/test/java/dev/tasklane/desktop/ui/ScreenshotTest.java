package dev.tasklane.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.TestDesktop;
import dev.tasklane.desktop.service.tasks.TaskService;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
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
 * Renders the main window with sample tasks in both themes and saves PNGs under
 * {@code target/screenshots/} (the README's screenshot comes from here). Fails if the window
 * renders as a blank image.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {

    private TestDesktop desktop;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        desktop = new TestDesktop(Files.createTempDirectory("tasklane-shot"), Platform::runLater);
        TaskService tasks = desktop.context.tasks();
        tasks.quickAdd("Pay rent tomorrow 9am !high #home every month");
        tasks.quickAdd("Submit expense report 2026-11-24 !medium #work");
        Task standup = tasks.quickAdd("Team standup every weekday 09:30 #work");
        tasks.update(standup.id(), t -> t.withReminder(Optional.of(new Reminder.BeforeDue(Duration.ofMinutes(5)))));
        tasks.quickAdd("Buy oat milk today #errands");
        tasks.quickAdd("Book dentist appointment next monday !low");
        tasks.quickAdd("Water the plants every sunday #home");
        tasks.quickAdd("Read \"The Pragmatic Programmer\" #books");
        Task call = tasks.quickAdd("Call grandma sunday 17:00 #family");
        tasks.complete(tasks.quickAdd("Renew passport #admin").id());
        MainView view = new MainView(desktop.context.mainViewModel(), desktop.context.editorViewModel());
        scene = new Scene(view.root(), 1200, 720);
        Themes.apply(scene, false);
        stage.setScene(scene);
        stage.setTitle("Tasklane");
        stage.show();
        desktop.context.mainViewModel().load();
        desktop.context.mainViewModel().selectedTaskIdProperty().set(call.id());
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    @Test
    void savesLightAndDarkScreenshots(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path light = save("main-window.png");
        robot.interact(() -> Themes.apply(scene, true));
        WaitForAsyncUtils.waitForFxEvents();
        Path dark = save("main-window-dark.png");
        assertThat(distinctColours(light)).isGreaterThan(50);
        assertThat(distinctColours(dark)).isGreaterThan(50);
    }

    private Path save(String name) throws Exception {
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

    private static long distinctColours(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
