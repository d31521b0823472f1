package beamscope.app.sequence;

import static beamscope.app.WindowTest.onFx;
import static beamscope.app.WindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.theme.Stylesheets;
import beamscope.app.theme.Theme;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The canvas draws only the rows in view, and stays where the user scrolled while steps keep coming. */
class SequenceCanvasTest extends FxRobot {
    static final Pid A = Pid.of(80), B = Pid.of(81);
    SequenceViewModel vm;
    SequenceCanvas canvas;
    beamscope.runtime.Node node;

    @BeforeEach
    void mount() throws Exception {
        // a node that never mentions A or B: the test feeds the model itself, on the FX thread
        node = beamscope.runtime.Node.start();
        vm = new SequenceViewModel(new beamscope.app.observe.LocalNode(node, beamscope.app.demo.Examples.CATALOGUE), Runnable::run, Runnable::run);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            SequenceView view = SequenceView.load(vm, new SimpleObjectProperty<Pid>());
            canvas = view.canvas();
            Scene scene = new Scene(new StackPane(view.root()), 900, 500);
            scene.getStylesheets().setAll(Stylesheets.sheets(Theme.LIGHT, false));
            stage.setScene(scene);
            stage.setWidth(900);
            stage.setHeight(500);
            stage.show();
        });
        interact(() -> {
            vm.model().add(A, null, "a");
            vm.model().add(B, null, "b");
        });
    }

    @AfterEach
    void unmount() throws Exception {
        FxToolkit.cleanupStages();
        node.close();
    }

    void exchange(int from, int count) throws Exception {
        interact(() -> {
            for (int i = from; i < from + count; i++) {
                Object m = (long) i;
                vm.model().accept(new Event.Send(i, A, B, m));
                vm.model().accept(new Event.Receive(i, B, m));
            }
        });
    }

    @Test
    void drawsOnlyTheRowsInViewAndFollowsTheNewestWhileAtTheBottom() throws Exception {
        exchange(0, 20_000);
        long end = onFx(() -> vm.model().end());
        waitUntil(() -> onFx(() -> canvas.drawnArrows().stream().anyMatch(d -> d.arrow().sentAt() == end - 1)));
        int rows = onFx(canvas::visibleRows);
        assertThat(onFx(() -> canvas.drawnArrows().size())).isBetween(1, rows + 1);
        assertThat(onFx(() -> vm.model().size())).isEqualTo(vm.model().capacity());
        assertThat(onFx(canvas::canvasStyle).unstyled()).isEmpty();
    }

    @Test
    void theViewStaysWhereTheUserScrolledWhileStepsKeepComing() throws Exception {
        exchange(0, 500);
        waitUntil(() -> onFx(() -> canvas.top() > 0));   // following: the newest rows are in view
        interact(() -> canvas.scrollTo(100));
        waitUntil(() -> onFx(() -> canvas.top() == 100));
        exchange(500, 500);
        long end = onFx(() -> vm.model().end());
        waitUntil(() -> onFx(() -> vm.model().changes()) > 0 && onFx(() -> canvas.drawnArrows().stream().anyMatch(d -> d.arrow().sentAt() == 100)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(canvas::top)).isEqualTo(100);   // not moved, though follow newest is on
        assertThat(end).isEqualTo(1000);

        // back at the bottom, it follows again
        interact(() -> canvas.scrollTo(Long.MAX_VALUE / 2));
        exchange(1000, 10);
        waitUntil(() -> onFx(() -> canvas.drawnArrows().stream().anyMatch(d -> d.arrow().sentAt() == 1009)));
    }
}
