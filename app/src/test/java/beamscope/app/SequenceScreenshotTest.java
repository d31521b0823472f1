package beamscope.app;

import beamscope.app.sequence.Arrow;
import beamscope.app.sequence.SequenceViewModel;
import beamscope.app.sequence.Step;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes docs/sequence.png: the demo's ticker casting to two counters, one counter suspended so its
 * casts wait in its mailbox, then counter2 killed, and counter_sup (one_for_all) restarting both on the
 * same lifelines. Run it with {@code -Dgroups=screenshots -Dbeamscope.excludedGroups=}.
 */
@Tag("screenshots")
class SequenceScreenshotTest extends WindowTest {
    private static final Path DOCS = Path.of(System.getProperty("beamscope.docs", "../docs"));

    @BeforeEach
    void launch() throws Exception {
        waitUntil(() -> app.window().state().selected() != null);
        interact(() -> {
            javafx.stage.Window w = app.window().scene().getWindow();
            w.setX(0);
            w.setY(0);
            w.setWidth(1280);
            w.setHeight(800);
        });
    }

    long count(SequenceViewModel vm, java.util.function.Predicate<Step> p) throws Exception {
        return onFx(() -> vm.model().steps().stream().filter(p).count());
    }

    @Test
    void sequenceTab() throws Exception {
        beamscope.runtime.Node rt = app.node();
        Pid ticker = rt.whereis("ticker").orElseThrow(), sup = rt.whereis("counter_sup").orElseThrow(),
                c1 = rt.whereis("counter1").orElseThrow(), c2 = rt.whereis("counter2").orElseThrow();
        SequenceViewModel vm = app.window().sequence();
        interact(() -> vm.show(List.of(ticker, c1, c2, sup)));
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Sequence")).<Node>query());
        waitUntil(() -> onFx(() -> vm.model().lanes().size() == 4 && !vm.busy()));
        waitUntil(() -> count(vm, s -> s instanceof Step.Sent) >= 3);
        rt.suspend(c1);                                   // its casts wait in the mailbox
        waitUntil(() -> onFx(() -> vm.model().waitingFor(1).size() >= 2));
        rt.resume(c1);
        waitUntil(() -> count(vm, s -> s instanceof Step.Received) >= 2);
        rt.exit(c2, Atom.KILL);                           // counter_sup is one_for_all: both come back
        waitUntil(() -> onFx(() -> vm.model().lanes().stream().filter(l -> l.restarts() > 0).count() == 2));
        waitUntil(() -> onFx(() -> vm.model().steps().stream().anyMatch(s -> s instanceof Step.Sent(long q, Arrow a)
                && a.to() == 2 && vm.model().lanes().get(2).restarts() > 0 && q > firstRestart(vm))));
        // stop following and bring the crash and the restarts into view, as a user scrolling back would
        interact(() -> vm.followProperty().set(false));
        long killed = onFx(() -> vm.model().steps().stream().filter(s -> s instanceof Step.Exited).mapToLong(Step::seq).min().orElseThrow());
        beamscope.app.sequence.SequenceCanvas canvas = lookup("#sequenceView").queryAs(beamscope.app.sequence.SequenceCanvas.class);
        interact(() -> canvas.scrollTo(killed - 6));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> onFx(() -> canvas.top() == Math.max(vm.model().first(), killed - 6)));
        WaitForAsyncUtils.waitForFxEvents();
        interact(() -> beamscope.app.tree.Png.write(app.window().scene(), DOCS.resolve("sequence.png")));
    }

    static long firstRestart(SequenceViewModel vm) {
        return vm.model().steps().stream().filter(s -> s instanceof Step.Started st && st.restart())
                .mapToLong(Step::seq).min().orElse(Long.MAX_VALUE);
    }

}
