package beamscope.app;

import beamscope.app.console.ConsoleViewModel;
import beamscope.app.console.ConsoleViewModel.Line;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.matcher.control.LabeledMatchers;

/** A window test in the Console tab: brought to the front, its shell process up, its input field focused. */
abstract class ConsoleTabTest extends WindowTest {

    @BeforeEach
    final void openConsole() throws Exception {
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Console")).<javafx.scene.Node>query());
        waitUntil(() -> !console().selfProperty().get().isEmpty());   // the shell process is up
        clickOn("#consoleInput");
    }

    ConsoleViewModel console() {
        return app.window().console();
    }

    /** The console's lines so far, oldest first. */
    List<Line> lines() throws Exception {
        return onFx(() -> List.copyOf(console().lines()));
    }

    /** The console's last line, or null while it has none. */
    Line last() throws Exception {
        List<Line> l = lines();
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }
}
