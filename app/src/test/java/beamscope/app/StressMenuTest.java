package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.stress.MillionScenario;
import beamscope.app.stress.StressViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.Test;

/** The Stress menu in the real window, headless: start a scenario, watch its progress, cancel it. */
class StressMenuTest extends WindowTest {

    /**
     * Selects a field's whole text with the keyboard and types over it. (A double click on a busy machine can
     * arrive as two single clicks, which select nothing: the typed text was appended to the default.)
     */
    void replaceText(String query, String text) throws Exception {
        clickOn(query);
        push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write(text);
        waitUntil(() -> onFx(() -> lookup(query).queryAs(javafx.scene.control.TextInputControl.class).getText()).equals(text));
    }

    @Test
    void aScenarioStartedFromTheMenu_showsProgress_andCancelLeavesNoneOfItsProcesses() throws Exception {
        int before = app.node().snapshot().processes();
        clickOn("#stressMenu");
        clickOn(new MillionScenario().title() + "…");
        replaceText("#stressParam-count", "20000");
        replaceText("#stressParam-waitMillis", "600000");   // they would sleep ten minutes
        clickOn("#stressStart");
        StressViewModel vm = app.window().model().stress();
        // progress shows: the bar moves past the spawning half while the sleepers wait
        waitUntil(() -> onFx(() -> lookup("#stressProgress").queryAs(ProgressBar.class).getProgress() >= 0.5));
        assertThat(onFx(() -> lookup("#stressText").queryAs(Label.class).getText())).contains("alive");
        assertThat(app.node().snapshot().processes()).isGreaterThanOrEqualTo(before + 20_000 - 100);
        clickOn("#stressCancel");
        waitUntil(() -> onFx(() -> !vm.runningProperty().get()));
        assertThat(onFx(() -> lookup("#stressText").queryAs(Label.class).getText())).isEqualTo("cancelled");
        assertThat(onFx(() -> lookup("#stressFigures").queryAs(Label.class).getText()))
                .contains("still alive when cancelled (killed): 20,000");
        waitUntil(() -> app.node().snapshot().processes() < before + 100);
        // the end pops up a notification with the figures
        waitUntil(() -> onFx(() -> app.window().model().notices().stream()
                .anyMatch(n -> n.title().startsWith("Stress test ended") && n.text().startsWith("cancelled"))));
        clickOn("#stressDismiss");
        waitUntil(() -> onFx(() -> !lookup("#stressBar").query().isVisible()));
    }
}
