package beamscope.app;

import beamscope.app.lessons.Lesson;
import beamscope.app.lessons.Lessons;
import beamscope.app.lessons.LessonsMenu;
import beamscope.app.lessons.Tutorial;
import javafx.geometry.Point2D;
import org.testfx.api.FxRobot;

/**
 * Opens a lesson as a teacher does: the Lessons menu, its tutorial's submenu, then the lesson's item; then waits
 * for the window on the fresh node the lesson gets, with the lesson started in it.
 */
final class LessonMenus {
    private LessonMenus() {}

    static void open(FxRobot robot, BeamscopeApp app, String id) throws java.util.concurrent.TimeoutException {
        Lesson l = Lessons.find(id).orElseThrow();
        String tutorial = Tutorial.of(l).subject(), item = LessonsMenu.label(l);
        robot.clickOn("#lessonsMenu");
        robot.clickOn(tutorial);
        // across to the submenu first, then along it: a diagonal path would hover (and open) another tutorial
        Point2D from = robot.point(tutorial).query(), to = robot.point(item).query();
        robot.moveTo(new Point2D(to.getX(), from.getY()));
        robot.clickOn(item);
        org.testfx.util.WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> {
            var vm = app.window().lessons();
            return vm.lessonProperty().get() == l && !vm.busyProperty().get() && !vm.steps().isEmpty();
        });
    }
}
