package beamscope.app.schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;

/**
 * The schedulers view (controller of {@code fxml/Schedulers.fxml}): controls, lanes, totals. Embed it
 * with {@code SchedulersView.load(viewModel)}.
 */
public final class SchedulersView {

    private static final PseudoClass PAUSED = PseudoClass.getPseudoClass("paused");
    static final String STYLESHEET = SchedulersView.class.getResource("/beamscope/css/schedulers.css").toExternalForm();

    private final SchedulerViewModel viewModel;
    @FXML private Parent root;
    @FXML private SchedulerCanvas lanes;
    @FXML private Button pause, step, resume;
    @FXML private Slider slowMotion;
    @FXML private Label slowMotionValue, pausedBadge, runQueue, reductions, messages, processes, memory, slices;

    private SchedulersView(SchedulerViewModel viewModel) {
        this.viewModel = viewModel;
    }

    public static Parent load(SchedulerViewModel viewModel) {
        FXMLLoader loader = new FXMLLoader(SchedulersView.class.getResource("/beamscope/fxml/Schedulers.fxml"));
        loader.setControllerFactory(c -> new SchedulersView(viewModel));
        try {
            Parent root = loader.load();
            keepFirstInScene(root, STYLESHEET);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FXML
    private void initialize() {
        lanes.setViewModel(viewModel);
        runQueue.textProperty().bind(viewModel.runQueueText());
        reductions.textProperty().bind(viewModel.reductionsText());
        messages.textProperty().bind(viewModel.messagesText());
        processes.textProperty().bind(viewModel.processesText());
        memory.textProperty().bind(viewModel.memoryText());
        slices.textProperty().bind(viewModel.slicesText());
        slowMotionValue.textProperty().bind(viewModel.slowMotionText());
        slowMotion.valueProperty().bindBidirectional(viewModel.slowMotionMillisProperty());
        pausedBadge.visibleProperty().bind(viewModel.pausedProperty());
        pausedBadge.managedProperty().bind(viewModel.pausedProperty());
        pause.disableProperty().bind(viewModel.pausedProperty());
        resume.disableProperty().bind(viewModel.pausedProperty().not());
        step.disableProperty().bind(viewModel.pausedProperty().not().or(viewModel.steppingProperty()));
        viewModel.pausedProperty().addListener((o, a, p) -> root.pseudoClassStateChanged(PAUSED, p));
        root.pseudoClassStateChanged(PAUSED, viewModel.pausedProperty().get());
    }

    @FXML private void pause() { viewModel.pause(); }

    @FXML private void step() { viewModel.step(); }

    @FXML private void resume() { viewModel.resume(); }

    /** Keeps the view's stylesheet first in its scene (fallback tokens that any theme overrides). */
    static void keepFirstInScene(Parent view, String stylesheet) {
        ListChangeListener<String> restore = c -> {
            @SuppressWarnings("unchecked")
            ObservableList<String> list = (ObservableList<String>) c.getList();
            if (!list.contains(stylesheet)) Platform.runLater(() -> {
                if (!list.contains(stylesheet)) list.add(0, stylesheet);
            });
        };
        view.sceneProperty().addListener((o, old, scene) -> {
            if (old != null) old.getStylesheets().removeListener(restore);
            if (scene == null) return;
            if (!scene.getStylesheets().contains(stylesheet)) scene.getStylesheets().add(0, stylesheet);
            scene.getStylesheets().addListener(restore);
        });
    }
}
