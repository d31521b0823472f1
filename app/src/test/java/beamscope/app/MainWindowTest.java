package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class MainWindowTest extends FxRobot {

    private javafx.application.Application app;

    @BeforeEach
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(BeamscopeApp.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void showsTheLiveProcessCountOfTheDemoNode() throws Exception {
        Label count = lookup("#processCount").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Integer.parseInt(count.getText()) >= 6);
        assertThat(Integer.parseInt(count.getText())).isGreaterThanOrEqualTo(6);
        Label details = lookup("#details").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !details.getText().startsWith("0 "));
        assertThat(details.getText()).contains("schedulers");
    }
}
