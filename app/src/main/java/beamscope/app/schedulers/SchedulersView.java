package beamscope.app.schedulers;

import javafx.css.PseudoClass;
import javafx.fxml.FXML;
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

    private final SchedulerViewModel viewModel;
    @FXML private Parent root;
    @FXML private SchedulerCanvas lanes;
    @FXML private Button pause, step, resume;
    @FXML private javafx.scene.layout.HBox stepControls, slowControls;
    @FXML private Slider slowMotion;
    @FXML private Label slowMotionValue, pausedBadge, runQueue, reductions, messages, processes, memory, slices;

    private SchedulersView(SchedulerViewModel viewModel) {
        this.viewModel = viewModel;
    }

    public static Parent load(SchedulerViewModel viewModel) {
        return beamscope.app.Views.load("Schedulers", new SchedulersView(viewModel), "schedulers");
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
        // the badge keeps its place while hidden: pausing must not shift Step under the pointer
        pause.disableProperty().bind(viewModel.pausedProperty());
        resume.disableProperty().bind(viewModel.pausedProperty().not());
        step.disableProperty().bind(viewModel.pausedProperty().not().or(viewModel.steppingProperty()));
        for (javafx.scene.Node group : java.util.List.of(stepControls, slowControls)) {
            group.setVisible(viewModel.controllable());     // a node that cannot be paused shows no controls
            group.setManaged(viewModel.controllable());
        }
        viewModel.pausedProperty().addListener((o, a, p) -> root.pseudoClassStateChanged(PAUSED, p));
        root.pseudoClassStateChanged(PAUSED, viewModel.pausedProperty().get());
    }

    @FXML private void pause() { viewModel.pause(); }

    @FXML private void step() { viewModel.step(); }

    @FXML private void resume() { viewModel.resume(); }

}
