package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.lessons.LessonsViewModel;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessInfo;
import java.util.Set;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.matcher.control.LabeledMatchers;

/** A lesson of helper lessons-a (secret-agent) in the real window: its step buttons act on the live agent process. */
class MoreLessonsAWindowTest extends LessonWindowTest {

    @Test
    void secretAgent_theSetPriorityButton_raisesTheAgentsPriority_theTerminateButtonEndsIt() throws Exception {
        String id = "secret-agent";
        LessonMenus.open(this, app, id);
        waitUntil(() -> lookup("#lessonStep2").tryQuery().isPresent() && !lessons().busyProperty().get());
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Steps")).<javafx.scene.Node>query());

        clickOn("#lessonStep2");
        waitUntil(() -> lessons().steps().get(1).status() == LessonsViewModel.Status.HAPPENED);
        Set<Pid> lit = lessons().highlightedProperty().get();
        assertThat(lit).hasSize(1);
        Pid agent = lit.iterator().next();
        assertThat(app.node().processInfo(agent).map(ProcessInfo::priority)).contains(Priority.HIGH);
        waitUntil(() -> treeShows(agent) && tree().isHighlighted(agent));
        assertThat(lookup("#lessonNote2").queryAs(Label.class).getText()).startsWith("Happened:");
        assertThat(lookup("#lessonTranscript").queryTextInputControl().getText())
                .contains("Agent priority changed to: high", "{:priority, :high}");

        clickOn("#lessonStep3");
        waitUntil(() -> lessons().steps().get(2).status() == LessonsViewModel.Status.HAPPENED);
        assertThat(app.node().isAlive(agent)).isFalse();
        waitUntil(() -> !treeShows(agent) || tree().isPhantom(agent));
        assertThat(lookup("#lessonTranscript").queryTextInputControl().getText()).contains("Agent signing off. Over and out.");
    }
}
