package beamscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.BeamscopeApp;
import beamscope.app.sequence.Arrow;
import beamscope.app.sequence.Lane;
import beamscope.app.sequence.SequenceViewModel;
import beamscope.app.sequence.Step;
import beamscope.record.Recording;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 11's "done when", in the real window headless: a user kills a worker, drags the timeline back two seconds
 * (to before the kill), and plays forward: the crash, the EXIT signal to the supervisor and the restart happen again,
 * in the tree and in the Sequence tab's diagram.
 */
class PastMomentWindowTest extends FxRobot {
    BeamscopeApp app;

    @BeforeEach
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (BeamscopeApp) FxToolkit.setupApplication(BeamscopeApp.class);
        interact(() -> {
            javafx.stage.Window w = app.window().scene().getWindow();
            w.setWidth(1280);
            w.setHeight(800);
        });
        assertThat(app.awaitDemo(java.time.Duration.ofSeconds(30))).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    /** As {@link #waitUntil(Callable)}, saying at a timeout what was there instead. */
    static void waitUntil(Callable<Boolean> condition, Callable<String> instead) throws Exception {
        try {
            waitUntil(condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; instead: " + onFx(instead), e);
        }
    }

    /** What the tree shows of {@code pids} (absent, a box, or a phantom), and the moment shown. */
    String treeOf(Pid... pids) {
        StringBuilder b = new StringBuilder();
        var tree = app.window().tree();
        for (Pid p : pids) b.append(p).append(tree.frame().item(p) == null ? " absent" : tree.isPhantom(p) ? " phantom" : " shown").append("; ");
        var shown = timeline().shown();
        return b.append("moment ").append(shown == null ? "live" : shown.nanos()).append(", phantoms ").append(tree.phantoms()).toString();
    }

    static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    TimelineViewModel timeline() {
        return app.nodes().timeline();
    }

    boolean treeShows(Pid pid) {
        return app.window().tree().frame().item(pid) != null;
    }

    /** The diagram shows {@code killed} exit, its EXIT signal reach {@code supervisor}, and the lifeline restart as {@code replacement}. */
    static boolean crashExitRestart(SequenceViewModel vm, Pid killed, Pid supervisor, Pid replacement) {
        List<Lane> lanes = vm.model().lanes();
        int sup = lanes.stream().filter(l -> l.pid().equals(supervisor)).mapToInt(Lane::index).findFirst().orElse(-1);
        List<Step> steps = vm.model().steps();
        boolean exited = steps.stream().anyMatch(s -> s instanceof Step.Exited x && x.pid().equals(killed.toString()) && x.reason().equals(":killed"));
        boolean signal = steps.stream().anyMatch(s -> s instanceof Step.Sent sent && sent.arrow().kind() == Arrow.Kind.EXIT
                && sent.arrow().to() == sup);
        boolean restarted = steps.stream().anyMatch(s -> s instanceof Step.Started st && st.restart() && st.pid().equals(replacement.toString()));
        return exited && signal && restarted;
    }

    @Test
    void aKilledWorker_theTimelineDraggedBackTwoSeconds_crashesExitsAndRestartsAgain_inTheTreeAndTheSequenceDiagram() throws Exception {
        Pid bank = app.node().whereis("bank").orElseThrow();
        Pid top = app.node().whereis("demo_sup").orElseThrow();
        waitUntil(() -> treeShows(bank));
        SequenceViewModel live = app.window().sequence();
        interact(() -> live.show(List.of(top, bank)));
        waitUntil(() -> onFx(() -> live.model().lanes().size() == 2 && !live.busy()));
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Sequence")).<javafx.scene.Node>query());

        app.node().exit(bank, Atom.of("kill"));
        waitUntil(() -> app.node().whereis("bank").filter(p -> !p.equals(bank)).isPresent());
        Pid replacement = app.node().whereis("bank").orElseThrow();
        waitUntil(() -> treeShows(replacement));
        waitUntil(() -> onFx(() -> crashExitRestart(live, bank, top, replacement)));   // the live diagram saw it happen

        // into the past: a small drag, then back to two seconds ago (or further, to before the kill on a slow machine)
        drag("#timelineSlider .thumb", MouseButton.PRIMARY).moveBy(-4, 0).release(MouseButton.PRIMARY);
        waitUntil(() -> !app.nodes().onEmbeddedProperty().get() && timeline().shown() != null);
        Recording rec = timeline().shown().recording();
        long crash = timeline().marks().stream().filter(m -> m.kind() == TimelineViewModel.Kind.CRASH && m.label().startsWith(bank.toString()))
                .findFirst().orElseThrow().nanos();
        long target = Math.max(rec.startNanos(), Math.min(rec.endNanos() - 2_000_000_000L, crash - 1_500_000_000L));
        Slider slider = lookup("#timelineSlider").queryAs(Slider.class);
        double track = slider.getWidth() - lookup("#timelineSlider .thumb").query().getBoundsInParent().getWidth();
        double dx = ((double) (target - rec.startNanos()) / (rec.endNanos() - rec.startNanos()) - slider.getValue()) * track;
        drag("#timelineSlider .thumb", MouseButton.PRIMARY).moveBy(dx, 0).release(MouseButton.PRIMARY);
        waitUntil(() -> onFx(() -> timeline().shown().nanos() < crash));

        // the Sequence tab, still in front, draws the same lifelines up to the moment: the worker alive, no exit yet
        assertThat(onFx(() -> app.window().view().tabs().getSelectionModel().getSelectedItem().getId())).isEqualTo("sequenceTab");
        SequenceViewModel past = app.window().sequence();
        waitUntil(() -> onFx(() -> past.model().lanes().size() == 2 && !past.busy()
                && past.model().lanes().stream().anyMatch(l -> l.pid().equals(bank))));
        assertThat(onFx(() -> crashExitRestart(past, bank, top, replacement))).as("not yet at the moment shown").isFalse();
        assertThat(onFx(() -> past.model().steps().stream().noneMatch(s -> s instanceof Step.Exited))).isTrue();

        // the tree (a tab of its own): the worker before its kill
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Tree")).<javafx.scene.Node>query());
        waitUntil(() -> treeShows(bank) && !treeShows(replacement), () -> treeOf(bank, replacement) + ", crash at " + crash);

        // play forward: it happens again, in the tree, then in the diagram
        clickOn("#timelineFour");
        waitUntil(() -> treeShows(replacement) && !treeShows(bank), () -> treeOf(bank, replacement));
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Sequence")).<javafx.scene.Node>query());
        waitUntil(() -> onFx(() -> crashExitRestart(past, bank, top, replacement)));

        // the Schedulers tab shows the lanes as sampled at the moment, and the bar says as of when
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Schedulers")).<javafx.scene.Node>query());
        int schedulers = app.node().snapshot().schedulers().size();
        waitUntil(() -> onFx(() -> app.window().schedulers().lanes().size() == schedulers));
        assertThat(lookup("#timelineAsOf").queryLabeled().getText()).startsWith("statuses, reductions as of ").contains(" · lanes ");

        clickOn("#timelineLive");
        waitUntil(() -> app.nodes().onEmbeddedProperty().get());
    }
}
