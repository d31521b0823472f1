package beamscope.app.timeline;

import beamscope.app.MainWindow;
import beamscope.app.Pngs;
import beamscope.app.WindowTest;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes docs/timeline.png: the demo's bank killed, the timeline dragged back and its crash mark clicked, so the
 * window shows the bank alive just before. Run on purpose: {@code -Dgroups=screenshots -Dbeamscope.excludedGroups=}.
 */
@Tag("screenshots")
class TimelineScreenshotTest extends WindowTest {
    private static final Path DOCS = Path.of(System.getProperty("beamscope.docs", "../docs"));

    @Test
    void theTimelineDraggedBackBeforeAKill() throws Exception {
        interact(() -> {
            Stage s = (Stage) app.window().scene().getWindow();
            s.setX(0);
            s.setY(0);
            s.setWidth(1280);
            s.setHeight(800);
        });
        Pid bank = app.node().whereis("bank").orElseThrow();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.window().tree().frame().item(bank) != null);
        app.node().exit(bank, Atom.KILL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.node().whereis("bank").filter(p -> !p.equals(bank)).isPresent());
        TimelineViewModel vm = app.nodes().timeline();
        drag("#timelineSlider .thumb", MouseButton.PRIMARY).moveBy(-2000, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.shown() != null);
        TimelineViewModel.Mark crash = vm.marks().stream().filter(m -> m.label().startsWith(bank.toString())).findFirst().orElseThrow();
        interact(() -> vm.jumpTo(crash));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.window().tree().frame().item(bank) != null);
        MainWindow w = app.window();
        interact(() -> w.state().select(bank));
        long seq = w.state().frameProperty().get().seq();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.state().frameProperty().get().seq() > seq + 4);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        interact(() -> img[0] = w.scene().snapshot(null));
        Pngs.write(img[0], DOCS.resolve("timeline.png"));
    }
}
