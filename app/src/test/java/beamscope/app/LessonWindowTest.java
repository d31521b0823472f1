package beamscope.app;

import beamscope.app.lessons.Lessons;
import beamscope.app.lessons.LessonsViewModel;
import beamscope.app.tree.TreeViewModel;
import beamscope.runtime.Pid;
import javafx.scene.control.Label;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * A window test about lessons: the app's window once it has selected the demo's bank, the Lessons panel's view
 * model and the tree at hand, and a lesson opened from the Lessons menu as a teacher opens it.
 */
abstract class LessonWindowTest extends WindowTest {

    @BeforeEach
    final void demoSelected() throws Exception {
        waitUntil(() -> app.window().state().selected() != null);
    }

    LessonsViewModel lessons() {
        return app.window().lessons();
    }

    TreeViewModel tree() {
        return app.window().tree();
    }

    boolean treeShows(Pid pid) {
        return pid != null && tree().frame().item(pid) != null;
    }

    /** Opens a lesson from the Lessons menu (its tutorial's submenu, then its item) and waits for its panel. */
    void open(String id) throws Exception {
        LessonMenus.open(this, app, id);
        waitUntil(() -> lookup("#lessonExplanation").queryAs(Label.class).getText().equals(
                Lessons.find(id).orElseThrow().explanation()));
        waitUntil(() -> lookup("#lessonStep1").tryQuery().isPresent() && !lessons().busyProperty().get());
    }

    /** The panel opens on the lesson's About page; its steps are on the Steps tab. */
    void showSteps() {
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Steps")).<javafx.scene.Node>query());
    }
}
