package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.stress.MillionScenario;
import beamscope.app.stress.StressViewModel;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Stress menu in the real window, headless: start a scenario, watch its progress, cancel it. */
class StressMenuTest extends FxRobot {
    private BeamscopeApp app;
    private CssWarnings css;

    @BeforeEach
    void launch() throws Exception {
        css = CssWarnings.record();
        FxToolkit.registerPrimaryStage();
        app = (BeamscopeApp) FxToolkit.setupApplication(BeamscopeApp.class);
        interact(() -> {
            javafx.stage.Window w = app.window().scene().getWindow();
            w.setWidth(1280);
            w.setHeight(800);
        });
        assertThat(app.awaitDemo(java.time.Duration.ofSeconds(15))).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        css.close();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(15, TimeUnit.SECONDS);
    }

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
