package beamscope.app;

import beamscope.app.remote.LocalBeam;
import beamscope.app.remote.RealNodesTest;
import beamscope.runtime.Pid;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes docs/real-node-tree.png: the window attached to a real Erlang node running the test fixture
 * application (bs_fixture: one_for_one over a rest_for_one over a one_for_all, and a simple_one_for_one), its
 * supervision tree tab at 1280×800. Runs with the screenshots group (see ScreenshotsTest); the node is started
 * and stopped here.
 */
@Tag("screenshots")
class RealNodeScreenshotTest extends WindowTest {
    private static final Path DOCS = Path.of(System.getProperty("beamscope.docs", "../docs"));

    @Test
    void aRealNodesSupervisionTree() throws Exception {
        Path ebin = RealNodesTest.compileFixture();
        try (LocalBeam beam = LocalBeam.start(LocalBeam.Shell.ERL, "demo", LocalBeam.randomCookie(), List.of("-pa", ebin.toString(),
                "-eval", "{ok, _} = application:ensure_all_started(bs_fixture), [supervisor:start_child(bs_dyn, []) || _ <- [1, 2, 3]]"))) {
            interact(() -> {
                Stage s = (Stage) app.window().scene().getWindow();
                s.setX(0);
                s.setY(0);
                s.setWidth(1280);
                s.setHeight(800);
                app.nodes().nodeNameProperty().set(beam.node());
                app.nodes().cookieProperty().set(beam.cookie());
                app.nodes().connect();
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.nodes().onEmbeddedProperty().get());
            Pid leaf = app.nodes().current().whereis("bs_leaf").orElseThrow();
            interact(() -> {
                var tabs = lookup("#tabs").queryAs(javafx.scene.control.TabPane.class);
                tabs.getTabs().stream().filter(t -> t.getText().equals("Processes")).findFirst().ifPresent(tabs.getSelectionModel()::select);
                app.window().state().select(leaf);
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.window().tree().frame().item(leaf) != null
                    && app.window().state().frameProperty().get().selected() != null);
            MainWindow w = app.window();
            long seq = w.state().frameProperty().get().seq();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.state().frameProperty().get().seq() > seq + 4);
            WaitForAsyncUtils.waitForFxEvents();
            save(w, DOCS.resolve("real-node-tree.png"));
        }
    }
}
