package beamscope.app;

import static beamscope.app.WindowTest.closeWindow;
import static beamscope.app.WindowTest.showWindow;
import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.demo.Examples;
import beamscope.app.observe.LocalNode;
import beamscope.app.observe.NodeState;
import beamscope.runtime.Node;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** The Console tab on a node that is not the embedded one: it says where it runs, and starts no shell. */
class ConsoleOnAnotherNodeTest extends FxRobot {
    Node node;
    LocalNode local;
    MainWindow window;

    @BeforeEach
    void open() throws Exception {
        node = Node.start();
        local = new LocalNode(node, Examples.CATALOGUE);
        window = showWindow(() -> new MainWindow(WindowOnAnotherNodeTest.commonPartOnly(local, new AtomicReference<>(NodeState.CONNECTED)), 1280, 800));
    }

    @AfterEach
    void close() throws Exception {
        closeWindow(window);
        local.close();
        node.close();
    }

    @Test
    void theConsoleTab_saysItRunsOnTheEmbeddedNodeOnly_andTakesNoInput() throws Exception {
        int before = node.processCount();
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Console")).<javafx.scene.Node>query());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#consolePlaceholder").queryAs(Label.class).getText()).contains("embedded node only");
        assertThat(lookup("#consoleInput").queryAs(TextArea.class).isDisabled()).isTrue();
        assertThat(window.console().available()).isFalse();
        assertThat(node.processCount()).isEqualTo(before);   // no shell process started on that node
    }
}
