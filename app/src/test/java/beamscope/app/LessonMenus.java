package beamscope.app;

import beamscope.app.lessons.Lesson;
import beamscope.app.lessons.Lessons;
import beamscope.app.lessons.LessonsMenu;
import beamscope.app.lessons.Tutorial;
import javafx.geometry.Point2D;
import org.testfx.api.FxRobot;

/** Opens a lesson as a teacher does: the Lessons menu, its tutorial's submenu, then the lesson's item. */
final class LessonMenus {
    private LessonMenus() {}

    static void open(FxRobot robot, String id) {
        Lesson l = Lessons.find(id).orElseThrow();
        String tutorial = Tutorial.of(l).subject(), item = LessonsMenu.label(l);
        robot.clickOn("#lessonsMenu");
        robot.clickOn(tutorial);
        // across to the submenu first, then along it: a diagonal path would hover (and open) another tutorial
        Point2D from = robot.point(tutorial).query(), to = robot.point(item).query();
        robot.moveTo(new Point2D(to.getX(), from.getY()));
        robot.clickOn(item);
    }
}
