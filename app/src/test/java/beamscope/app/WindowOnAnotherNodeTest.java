package beamscope.app;

import static beamscope.app.WindowTest.closeWindow;
import static beamscope.app.WindowTest.showWindow;
import static beamscope.app.WindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.demo.Demo;
import beamscope.app.demo.Examples;
import beamscope.app.observe.LocalNode;
import beamscope.app.observe.NodeState;
import beamscope.app.observe.Observed;
import beamscope.app.theme.Stylesheets;
import beamscope.runtime.Node;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The real window, headless, on a node seen only through what every node answers ({@link Observed} without
 * {@link beamscope.app.observe.EmbeddedControls}), as a remote BEAM node will be, and whose connection the
 * test sets. Under it runs an embedded node with the demo tree, so there is something to read.
 */
class WindowOnAnotherNodeTest extends FxRobot {

    Node node;
    Demo demo;
    LocalNode local;
    final AtomicReference<NodeState> connection = new AtomicReference<>(NodeState.CONNECTED);
    MainWindow window;

    /** {@code target} through the common interface only: no embedded controls, the test's connection state. */
    static Observed commonPartOnly(Observed target, AtomicReference<NodeState> state) {
        return (Observed) Proxy.newProxyInstance(Observed.class.getClassLoader(), new Class<?>[] {Observed.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "state" -> state.get();
                    case "embedded" -> Optional.empty();
                    case "close" -> null;      // the test closes the node under it
                    default -> {
                        try {
                            yield m.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    @BeforeEach
    void open() throws Exception {
        node = Node.start();
        demo = Demo.start(node);
        local = new LocalNode(node, Examples.CATALOGUE);
        window = showWindow(() -> new MainWindow(commonPartOnly(local, connection), 1280, 800));
    }

    @AfterEach
    void close() throws Exception {
        closeWindow(window);
        demo.stop();
        local.close();
        node.close();
    }

    /** Whether {@code n} and every parent of it are visible. */
    static boolean shown(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return true;
    }

    @Nested
    class Controls {
        @Test
        void theToolbarHasNoSpawnPauseStepOrSlowMotion_butKeepsExitAndTheProcessMenu() throws Exception {
            javafx.scene.layout.FlowPane toolbar = lookup(".main-toolbar").queryAs(javafx.scene.layout.FlowPane.class);
            List<String> ids = toolbar.getChildren().stream().map(javafx.scene.Node::getId).toList();
            assertThat(ids).doesNotContain("spawnKind", "spawnCount", "spawnButton", "pauseButton", "stepButton",
                    "resumeButton", "slowMotion");
            assertThat(ids).contains("presenterToggle", "exitReason", "exitButton", "processMenu");
            // no stress scenarios there: their progress bar (Cancel, Close) never shows
            assertThat(shown(lookup("#stressBar").query())).isFalse();
            List<String> menu = lookup("#processMenu").queryAs(MenuButton.class).getItems().stream()
                    .map(MenuItem::getText).filter(java.util.Objects::nonNull).toList();
            assertThat(menu).contains("Suspend", "Link to shell", "Monitor from shell")
                    .doesNotContain("New supervisor…", "Priority", "Link to process…", "Monitor process…");
        }

        @Test
        void theSchedulersTabShowsTheLanesWithoutPauseStepOrSlowMotion() throws Exception {
            clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Schedulers"))
                    .<javafx.scene.Node>query());
            waitUntil(() -> shown(lookup("#schedLanes").query()));
            for (String id : List.of("#schedPause", "#schedStep", "#schedResume"))
                assertThat(shown(lookup(id).query())).as(id).isFalse();
        }

        @Test
        void thePauseShortcutLeavesTheNodeRunning_andSaysWhy() throws Exception {
            type(KeyCode.F8);
            Label status = lookup("#statusMessage").queryAs(Label.class);
            waitUntil(() -> status.getText().contains("cannot"));
            assertThat(node.schedulersPaused()).isFalse();
        }

        @Test
        void theNodeIsStillReadLive() throws Exception {
            Label count = lookup("#processCount").queryAs(Label.class);
            waitUntil(() -> Integer.parseInt(count.getText().replace(",", "")) == node.processCount());
            assertThat(Integer.parseInt(count.getText().replace(",", ""))).isGreaterThanOrEqualTo(15);
        }
    }

    @Nested
    class Connection {
        boolean dimmed() {
            BorderPane root = (BorderPane) window.scene().getRoot();
            return root.getPseudoClassStates().contains(Stylesheets.DISCONNECTED) && root.getCenter().getOpacity() < 1;
        }

        @Test
        void whenTheNodeIsNotConnected_everyViewIsDimmedAndTheHeaderSaysSo_untilItIsBack() throws Exception {
            Label chip = lookup("#nodeState").queryAs(Label.class);
            waitUntil(() -> chip.getText().endsWith("· connected"));
            assertThat(dimmed()).isFalse();

            connection.set(NodeState.RECONNECTING);
            waitUntil(() -> chip.getText().contains("reconnecting") && dimmed());
            assertThat(chip.getPseudoClassStates()).contains(Stylesheets.state(NodeState.RECONNECTING));

            connection.set(NodeState.DOWN);
            waitUntil(() -> chip.getText().contains("down") && dimmed());

            connection.set(NodeState.CONNECTED);
            waitUntil(() -> chip.getText().endsWith("· connected") && !dimmed());
            assertThat(chip.getPseudoClassStates()).contains(Stylesheets.state(NodeState.CONNECTED))
                    .doesNotContain(Stylesheets.state(NodeState.DOWN));
        }
    }
}
