package beamscope.app.timeline;

import beamscope.record.Recorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The timeline bar under the views: the recording's size (a menu changes it), a slider to drag back in time with
 * marks for crashes, restarts and supervisors giving up (click one to jump there), play at ¼×, 1×, 4×, and Live.
 * A view over {@link TimelineViewModel}; one per window, while the view model outlives windows.
 */
public final class TimelineBar {
    private TimelineBar() {}

    /** Puts the bar at the bottom of the main window whose root is {@code root}. */
    public static void install(Parent root, TimelineViewModel vm) {
        if (!(root instanceof BorderPane pane)) return;
        MenuButton size = new MenuButton();
        size.setId("timelineSize");
        size.getStyleClass().add("timeline-size");
        size.textProperty().bind(vm.sizeProperty());
        size.setTooltip(new Tooltip("How much of the node's history is kept: click to change it"));
        for (int minutes : new int[] {1, 10, 30})
            for (int events : new int[] {100_000, 1_000_000, 5_000_000}) {
                MenuItem item = new MenuItem("last " + minutes + " min or " + TimelineViewModel.count(events) + " events");
                item.setOnAction(e -> vm.setLimits(new Recorder.Limits(Duration.ofMinutes(minutes), events)));
                size.getItems().add(item);
            }
        MenuItem off = new MenuItem("Off: keep no history");
        off.setId("timelineOff");
        off.setOnAction(e -> vm.setRecording(false));
        size.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), off);

        Slider slider = new Slider(0, 1, 1);
        slider.setId("timelineSlider");
        slider.setMaxWidth(Double.MAX_VALUE);
        slider.setTooltip(new Tooltip("Drag back to see the node as it was"));
        Pane marks = new Pane();
        marks.setId("timelineMarks");
        marks.setMinHeight(10);
        marks.setPrefHeight(10);
        marks.setMaxHeight(10);
        // the marks in a row of their own above the slider, so that a click on one never lands on the slider's track
        VBox track = new VBox(1, marks, slider);
        HBox.setHgrow(track, Priority.ALWAYS);
        track.setMinWidth(160);   // wide enough to drag on a projector; the as-of words give way first

        // the view model outlives this window: every listener on it is weak, and the bar's root keeps them (Listeners)
        Listeners held = new Listeners();
        boolean[] updating = {false};
        held.position = (o, a, v) -> {
            updating[0] = true;
            slider.setValue(v.doubleValue());
            updating[0] = false;
        };
        vm.positionProperty().addListener(new javafx.beans.value.WeakChangeListener<>(held.position));
        // from live, the window switches to the recording when the drag ends (a switch builds the views afresh, and
        // must not take the slider from under the mouse); on a recording, the views follow the drag
        slider.valueProperty().addListener((o, a, v) -> {
            if (!updating[0] && !(vm.liveProperty().get() && slider.isValueChanging())) vm.seek(v.doubleValue());
        });
        slider.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing && !updating[0] && vm.liveProperty().get()) vm.seek(slider.getValue());
        });

        Runnable layoutMarks = () -> {
            marks.getChildren().clear();
            double w = Math.max(0, track.getWidth() - 14);
            // latest first, so that where marks overlap the earliest is on top: a click goes to what happened first
            for (int i = vm.marks().size() - 1; i >= 0; i--) {
                TimelineViewModel.Mark m = vm.marks().get(i);
                Region r = new Region();
                r.setUserData(m);
                r.getStyleClass().addAll("timeline-mark", "timeline-mark-" + m.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                r.resize(6, 10);
                r.relocate(7 + vm.fraction(m) * w - 3, 0);
                r.setManaged(false);
                Tooltip.install(r, new Tooltip(m.label()));
                r.setOnMouseClicked(e -> vm.jumpTo(m));
                marks.getChildren().add(r);
            }
        };
        held.marks = c -> layoutMarks.run();
        vm.marks().addListener(new javafx.collections.WeakListChangeListener<>(held.marks));
        track.widthProperty().addListener((o, a, b) -> layoutMarks.run());

        Label moment = new Label();
        moment.setId("timelineMoment");
        moment.getStyleClass().add("mono");
        moment.textProperty().bind(vm.momentProperty());
        moment.setMinWidth(Region.USE_PREF_SIZE);

        Label asOf = new Label();
        asOf.setId("timelineAsOf");
        asOf.getStyleClass().add("timeline-size");
        asOf.textProperty().bind(vm.asOfProperty());
        asOf.setMinWidth(0);
        Tooltip asOfTip = new Tooltip();
        asOfTip.textProperty().bind(vm.asOfProperty());
        asOf.setTooltip(asOfTip);
        asOf.visibleProperty().bind(vm.asOfProperty().isNotEmpty());
        asOf.managedProperty().bind(asOf.visibleProperty());

        Button quarter = play("¼×", "timelineQuarter", vm, 0.25), one = play("1×", "timelineOne", vm, 1),
                four = play("4×", "timelineFour", vm, 4);
        Button live = new Button("Live");
        live.setId("timelineLive");
        live.setTooltip(new Tooltip("Back to the node now"));
        live.setOnAction(e -> vm.live());
        live.disableProperty().bind(vm.liveProperty());
        // on a narrow window (a projector's 1024 in presenter mode) the "as of" words and the slider give way; the
        // buttons keep their whole labels, and the size menu its own (the as-of words stay in their tooltip)
        for (Region keep : List.of(size, quarter, one, four, live)) keep.setMinWidth(Region.USE_PREF_SIZE);

        Label error = new Label();
        error.setId("timelineError");
        error.getStyleClass().add("timeline-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        HBox bar = new HBox(8, size, track, moment, asOf, quarter, one, four, live, error);
        bar.setId("timelineBar");
        bar.getStyleClass().add("timeline-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        pane.setBottom(bar);
        layoutMarks.run();
        vm.refreshSize();

        AnimationTimer player = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.tick(now);
            }
        };
        held.playing = (o, was, on) -> {
            if (on && showing(root)) player.start();
            else player.stop();
        };
        vm.playingProperty().addListener(new javafx.beans.value.WeakChangeListener<>(held.playing));
        root.getProperties().put(Listeners.class, held);
        Timeline sizeClock = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> vm.refreshSize()));
        sizeClock.setCycleCount(Timeline.INDEFINITE);
        // the clock and the player run only while this window shows: the toolkit's timer holds what runs, and a
        // window replaced (or closed) before its clock's first tick would stay in memory with it
        beamscope.app.Pulses.whileShowing(root, sizeClock::play, () -> {
            sizeClock.stop();
            player.stop();
        });
        root.getProperties().put(TimelineBar.class, sizeClock);
    }

    private static boolean showing(Parent root) {
        return root.getScene() != null && root.getScene().getWindow() != null && root.getScene().getWindow().isShowing();
    }

    /** The bar's listeners on the view model, which holds them weakly: as long as the window's root, no longer. */
    private static final class Listeners {
        javafx.beans.value.ChangeListener<Number> position;
        ListChangeListener<TimelineViewModel.Mark> marks;
        javafx.beans.value.ChangeListener<Boolean> playing;
    }

    /** Stops the bar's clock (the window closes). */
    public static void uninstall(Parent root) {
        if (root.getProperties().remove(TimelineBar.class) instanceof Timeline t) t.stop();
    }

    private static Button play(String text, String id, TimelineViewModel vm, double speed) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip("Play the recording forward at " + text));
        b.setOnAction(e -> {
            if (vm.shown() == null) vm.seek(0).thenRun(() -> vm.play(speed));
            else vm.play(speed);
        });
        return b;
    }

    /** Node ▸ Open recording…: asks for a file, then {@link #open}. */
    public static void chooseAndOpen(Parent root, TimelineViewModel vm) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open recording");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Beamscope recordings", "*.bsrec"),
                new FileChooser.ExtensionFilter("All files", "*"));
        java.io.File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) open(root, vm, f.toPath());
    }

    /** Opens a saved recording in the window; an unreadable file shows an error dialog saying why. */
    public static void open(Parent root, TimelineViewModel vm, Path file) {
        javafx.stage.Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        vm.open(file).thenAccept(ok -> {
            if (ok) return;
            Alert a = new Alert(Alert.AlertType.ERROR, vm.errorProperty().get(), ButtonType.CLOSE);
            a.setTitle("Cannot open the recording");
            a.setHeaderText("Cannot open the recording");
            if (owner != null && owner.isShowing()) a.initOwner(owner);
            a.show();
        });
    }
}
