package beamscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.WindowTest;
import beamscope.record.Recorder;
import beamscope.record.RecordingFile;
import beamscope.runtime.Atom;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real window, headless: drag the timeline back, click a crash mark, Live, open a saved recording or a corrupt one. */
class TimelineWindowTest extends WindowTest {

    TimelineViewModel timeline() {
        return app.nodes().timeline();
    }

    boolean treeShows(Pid pid) {
        return app.window().tree().frame().item(pid) != null;
    }

    @Test
    void dragBackThenClickTheCrashMark_theTreeShowsTheKilledProcessAlive_andLiveReturns() throws Exception {
        Pid bank = app.node().whereis("bank").orElseThrow();
        waitUntil(() -> treeShows(bank));
        app.node().exit(bank, Atom.of("kill"));
        waitUntil(() -> app.node().whereis("bank").filter(p -> !p.equals(bank)).isPresent());
        Pid replacement = app.node().whereis("bank").orElseThrow();
        waitUntil(() -> treeShows(replacement));
        assertThat(lookup("#timelineSize").queryLabeled().getText()).startsWith("recording: last 10 min · ");

        drag("#timelineSlider .thumb", MouseButton.PRIMARY).moveBy(-2000, 0).release(MouseButton.PRIMARY);
        waitUntil(() -> !app.nodes().onEmbeddedProperty().get() && timeline().shown() != null);
        waitUntil(() -> lookup("#timelineSlider").queryAs(Slider.class).getValue() < 0.05);

        // the crash mark of the bank: click it, and the window shows the moment just before the kill
        int index = -1;
        for (int i = 0; i < timeline().marks().size(); i++)
            if (timeline().marks().get(i).kind() == TimelineViewModel.Kind.CRASH && timeline().marks().get(i).label().startsWith(bank.toString()))
                index = i;
        assertThat(index).as("a crash mark for %s in %s", bank, timeline().marks()).isNotNegative();
        TimelineViewModel.Mark crash = timeline().marks().get(index);
        javafx.scene.Node mark = lookup("#timelineMarks").queryAs(Pane.class).getChildren().stream()
                .filter(n -> crash.equals(n.getUserData())).findFirst().orElseThrow();
        clickOn(mark);
        try {
            waitUntil(() -> treeShows(bank) && !treeShows(replacement));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("at " + timeline().shown().nanos() + " mark " + crash + " state has bank: "
                    + timeline().shown().recordedState().processes().containsKey(bank) + " slider "
                    + lookup("#timelineSlider").queryAs(Slider.class).getValue() + " tree " + app.window().tree().frame().processes()
                    + " current " + app.nodes().current() + " fraction " + timeline().fraction(crash) + " mark bounds "
                    + mark.localToScreen(mark.getBoundsInLocal()) + " slider bounds " + lookup("#timelineSlider").query().localToScreen(lookup("#timelineSlider").query().getBoundsInLocal())
                    + " pick " + mark.isPickOnBounds() + " in scene " + (mark.getScene() == app.window().scene()), e);
        }

        clickOn("#timelineLive");
        waitUntil(() -> app.nodes().onEmbeddedProperty().get() && treeShows(replacement) && !treeShows(bank));
        assertThat(timeline().shown()).isNull();
        assertThat(lookup("#timelineSlider").queryAs(Slider.class).getValue()).isEqualTo(1.0);
    }

    @Test
    void recordingCanBeTurnedOff_andBackOnByChoosingAHistorySize() throws Exception {
        clickOn("#timelineSize");
        clickOn("#timelineOff");
        waitUntil(() -> lookup("#timelineSize").queryLabeled().getText().equals("recording: off (the node runs at full speed)"));
        assertThat(timeline().recording()).isFalse();
        clickOn("#timelineSize");
        clickOn("last 1 min or 100k events");
        waitUntil(() -> lookup("#timelineSize").queryLabeled().getText().startsWith("recording: last 1 min · "));
        assertThat(timeline().recording()).isTrue();
    }

    @Test
    void aSavedRecordingOpensWithoutARunningNode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("saved.bsrec");
        Pid worker;
        try (Node other = Node.start(); Recorder recorder = Recorder.manual(other, Recorder.Limits.DEFAULT)) {
            worker = other.spawn(Behaviors.receive((ctx, m) -> Behaviors.unhandled()));
            other.register("recorded_worker", worker);
            other.send(worker, Atom.of("kept"));
            recorder.snapshotNow();
            RecordingFile.save(recorder.recording(), file);
        }
        interact(() -> TimelineBar.open(app.window().scene().getRoot(), timeline(), file));
        waitUntil(() -> app.nodes().current() instanceof RecordedNode && timeline().shown() != null);
        waitUntil(() -> app.window().model().nodeStateTextProperty().get().contains("saved.bsrec"));
        assertThat(app.nodes().current().whereis("recorded_worker")).as("not yet spawned at the start").isEmpty();
        interact(() -> timeline().seek(1));
        assertThat(app.nodes().current().whereis("recorded_worker")).contains(worker);
        assertThat(app.nodes().current().info(worker, 10).orElseThrow().messages()).containsExactly(Atom.of("kept"));
        waitUntil(() -> app.window().tree().frame().processes() >= 1);
        clickOn("#timelineLive");
        waitUntil(() -> app.nodes().onEmbeddedProperty().get());
    }

    @Test
    void aCorruptFileShowsTheErrorAndTheWindowStaysOnTheNode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("corrupt.bsrec");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("BSCOPREC".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        bytes.writeBytes(new byte[] {0, 1, 'j', 'u', 'n', 'k'}); // version 1, then the file ends in the middle
        Files.write(file, bytes.toByteArray());
        interact(() -> TimelineBar.open(app.window().scene().getRoot(), timeline(), file));
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains("corrupt.bsrec").contains("corrupt recording");
        assertThat(lookup("#timelineError").queryAs(Label.class).getText()).contains("corrupt recording");
        assertThat(app.nodes().onEmbeddedProperty().get()).isTrue();
        interact(() -> ((javafx.stage.Stage) dialog.getScene().getWindow()).close());
    }
}
