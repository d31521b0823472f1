package beamscope.app;

import beamscope.app.lessons.LessonsViewModel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes docs/lesson-&lt;id&gt;.png: five lessons in presenter mode at 1024×768, each after the steps a
 * teacher would have clicked through (PageDown). Run with the other screenshots:
 * {@code mvn -pl app -am verify -Dgroups=screenshots -Dbeamscope.excludedGroups=}.
 */
@Tag("screenshots")
class LessonScreenshotsTest extends WindowTest {
    private static final Path DOCS = Path.of(System.getProperty("beamscope.docs", "../docs"));

    @BeforeEach
    void launch() throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> app.window().state().selected() != null);
    }

    @Test
    void fiveLessonsInPresenterMode() throws Exception {
        MainWindow w = app.window();
        interact(() -> {
            Stage s = (Stage) w.scene().getWindow();
            s.setX(0);
            s.setY(0);
            s.setWidth(1024);
            s.setHeight(768);
            w.state().presenterProperty().set(true);
        });
        shoot("bank-supervised", 2);
        shoot("strategies", 3);
        shoot("restart-intensity", 2);
        shoot("worker-pool", 1);
        shoot("monitor-down", 1);
    }

    /**
     * Opens the lesson from the Lessons menu (on a fresh node of its own, in a new window view), runs its first
     * {@code steps} steps as the clicker would, and saves the window.
     */
    private void shoot(String id, int steps) throws Exception {
        LessonMenus.open(this, app, id);
        MainWindow w = app.window();
        LessonsViewModel vm = w.lessons();
        for (int i = 0; i < steps; i++) {
            int step = i;
            interact(vm::next);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.busyProperty().get()
                    && vm.steps().get(step).status() != LessonsViewModel.Status.WAITING);
        }
        settle(w);
        save(w, DOCS.resolve("lesson-" + id + ".png"));
    }

    private static void settle(MainWindow w) throws Exception {
        long seq = w.state().frameProperty().get().seq();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.state().frameProperty().get().seq() > seq + 6);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
