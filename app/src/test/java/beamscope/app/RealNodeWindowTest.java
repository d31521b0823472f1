package beamscope.app;

import static beamscope.app.WindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.observe.NodeState;
import beamscope.app.processes.ProcessRowModel;
import beamscope.app.remote.LocalBeam;
import beamscope.app.tree.TreeItem;
import beamscope.runtime.Pid;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The window on a real BEAM node, driven as a user drives it: Node ▸ Connect to node…, a wrong cookie (the
 * dialog says so), the right one; then the node's supervision tree in the tree view and its processes in the
 * table; back to the embedded node. The node is started here with the fixture application and stopped in
 * {@link #stopNode()}.
 */
@Tag("beam")
class RealNodeWindowTest extends FxRobot {

    static LocalBeam fixture;
    private BeamscopeApp app;

    @BeforeAll
    static void startNode() throws Exception {
        Path ebin = beamscope.app.remote.RealNodesTest.compileFixture();
        // a short name and cookie: the test types them, a key at a time
        fixture = LocalBeam.start(LocalBeam.Shell.ERL, "bsw" + LocalBeam.randomName().substring("beamscope_node_".length()),
                LocalBeam.randomCookie().substring(0, 8),
                List.of("-pa", ebin.toString(), "-eval", "{ok, _} = application:ensure_all_started(bs_fixture)"));
    }

    @AfterAll
    static void stopNode() {
        if (fixture != null) fixture.close();
    }

    void launch() throws Exception {
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
        System.clearProperty("attach");
        System.clearProperty("cookie");
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /** Types into a field as a user does: select what is there, type over it. */
    void typeInto(String id, String text) {
        TextField f = lookup(id).queryAs(TextField.class);
        clickOn(f);
        interact(f::selectAll);
        write(text);
    }

    @Test
    void connectingToARealNode_showsTheWrongCookieError_thenItsTreeAndProcesses_andBackToEmbedded() throws Exception {
        launch();
        clickOn("#nodeMenu").clickOn("Connect to node…");
        waitUntil(() -> lookup("#connectNode").tryQuery().isPresent());
        typeInto("#connectNode", fixture.node().substring(0, fixture.node().indexOf('@'))); // a short name means this host, as with -sname
        typeInto("#connectCookie", "WRONG");
        clickOn("#connectButton");
        Label error = lookup("#connectError").queryAs(Label.class);
        waitUntil(() -> error.getText().contains("refused the cookie"));
        assertThat(error.isVisible()).isTrue();
        assertThat(app.nodes().onEmbeddedProperty().get()).as("the window stays on the embedded node").isTrue();

        typeInto("#connectCookie", fixture.cookie());
        clickOn("#connectButton");
        waitUntil(() -> !app.nodes().onEmbeddedProperty().get() && app.window().model().nodeStateProperty().get() == NodeState.CONNECTED);
        waitUntil(() -> lookup("#connectNode").tryQuery().isEmpty());          // the dialog closed itself
        assertThat(app.window().model().nodeStateTextProperty().get()).isEqualTo(fixture.node() + " · connected");

        Pid top = app.nodes().current().whereis("bs_top").orElseThrow();
        Pid leaf = app.nodes().current().whereis("bs_leaf").orElseThrow();
        // the new view's tab headers exist once a pulse has laid it out (later on a busy machine)
        var treeTab = org.testfx.matcher.control.LabeledMatchers.hasText("Tree");
        waitUntil(() -> lookup(".tab-label").match(treeTab).tryQuery().isPresent());
        clickOn(lookup(".tab-label").match(treeTab).<javafx.scene.Node>query());
        waitUntil(() -> {
            TreeItem it = app.window().tree().frame().item(leaf);
            return it != null && it.supervisor() != null;
        });
        TreeItem topItem = app.window().tree().frame().item(top);
        assertThat(topItem.kind()).isEqualTo(TreeItem.Kind.SUPERVISOR);
        assertThat(topItem.supervisor().label()).isEqualTo("one_for_one 10/5s");
        assertThat(app.window().tree().frame().item(leaf).supervisor().label()).isEqualTo("one_for_all 10/5s");

        clickOn("Processes");
        @SuppressWarnings("unchecked")
        TableView<ProcessRowModel> table = lookup("#processList").queryAs(TableView.class);
        waitUntil(() -> table.getItems().stream().anyMatch(r -> r.pid().equals(top)));
        assertThat(table.getItems()).anySatisfy(r -> assertThat(r.pid()).isEqualTo(app.nodes().current().whereis("bs_counter").orElseThrow()));
        // destructive actions are off for a new connection: the window will not exit a process
        assertThat(lookup("#exitButton").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(lookup("#spawnButton").tryQuery()).as("no embedded controls on a real node").isEmpty();

        clickOn("#nodeMenu").clickOn("Back to the embedded node");
        waitUntil(() -> app.nodes().onEmbeddedProperty().get()
                && app.window().model().nodeStateTextProperty().get().startsWith(app.node().config().name()));
        waitUntil(() -> lookup("#spawnButton").tryQuery().isPresent());
        assertThat(((Stage) app.window().scene().getWindow()).getTitle()).contains(app.node().config().name());
    }

    /** {@code mvn compile exec:exec -Dattach=NODE -Dcookie=C} without -Dprint: the window opens attached to the node. */
    @Test
    void startedWithAttach_theWindowOpensOnThatNode() throws Exception {
        System.setProperty("attach", fixture.node().substring(0, fixture.node().indexOf('@')));
        System.setProperty("cookie", fixture.cookie());
        launch();
        waitUntil(() -> !app.nodes().onEmbeddedProperty().get()
                && app.window().model().nodeStateTextProperty().get().equals(fixture.node() + " · connected"));
        Pid top = app.nodes().current().whereis("bs_top").orElseThrow();
        waitUntil(() -> app.window().tree().frame().item(top) != null);
        assertThat(((Stage) app.window().scene().getWindow()).getTitle()).isEqualTo("Beamscope — " + fixture.node());
    }
}
