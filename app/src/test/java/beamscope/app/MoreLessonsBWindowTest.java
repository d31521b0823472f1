package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.lessons.LessonsViewModel;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.otp.GenServer;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/** Tutorial 001's practical examples in the real window: the pubsub lesson's buttons, and what the tree shows. */
class MoreLessonsBWindowTest extends LessonWindowTest {

    /** Opens a lesson as the base does, on its Steps tab. */
    @Override
    void open(String id) throws Exception {
        super.open(id);
        showSteps();
    }

    @SuppressWarnings("unchecked")
    List<Pid> subscribers(String topic) {
        Map<Object, List<Pid>> topics = (Map<Object, List<Pid>>) GenServer.getState(app.node(), "PubSub");
        return topics.getOrDefault(Atom.of(topic), List.of());
    }

    @Test
    void pubsub_theSubscribeButtonShowsTheListenersInTheTree_andPublishEndsOnlyTheNewsListener() throws Exception {
        open("pubsub");
        clickOn("#lessonStep1");
        waitUntil(() -> lessons().steps().get(0).status() == LessonsViewModel.Status.HAPPENED);
        Pid news = subscribers("news").getFirst(), sports = subscribers("sports").getFirst();   // newest first
        waitUntil(() -> treeShows(news) && treeShows(sports));
        assertThat(tree().isHighlighted(news)).isTrue();
        assertThat(tree().isHighlighted(sports)).isTrue();

        clickOn("#lessonStep2");
        waitUntil(() -> lessons().steps().get(1).status() == LessonsViewModel.Status.HAPPENED);
        assertThat(app.node().isAlive(news)).as("the :news listener printed and ended").isFalse();
        assertThat(app.node().isAlive(sports)).as("the :sports listener still waits").isTrue();
        waitUntil(() -> !treeShows(news) || tree().isPhantom(news));
        assertThat(treeShows(sports)).isTrue();
        assertThat(lookup("#lessonNote2").queryAs(Label.class).getText()).startsWith("Happened:");
        assertThat(lookup("#lessonTranscript").queryTextInputControl().getText())
                .contains("Received on news: Breaking news!", "{:message, :news, \"Breaking news!\"}");
        assertThat(css.lines()).isEmpty();

        // what a class sees at this point, to look at (target/, not docs/)
        interact(() -> beamscope.app.tree.Png.write(app.window().scene(), java.nio.file.Path.of("target/more-lessons-b-pubsub.png")));
    }
}
