package beamscope.app.tree;

import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;

/**
 * The supervision tree view (controller of {@code fxml/SupervisionTree.fxml}): a toolbar and a
 * {@link TreeCanvas}. Embed it with {@code SupervisionTreeView.load(viewModel)}.
 */
public final class SupervisionTreeView {

    private final TreeViewModel viewModel;
    @FXML private TreeCanvas canvas;
    @FXML private Label summary, hint, restartsLegend;
    @FXML private javafx.scene.layout.HBox intro;
    @FXML private javafx.scene.control.ChoiceBox<Flights.Speed> flightSpeed;

    private SupervisionTreeView(TreeViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Loads the view for this view model. */
    public static Parent load(TreeViewModel viewModel) {
        return beamscope.app.Views.load("SupervisionTree", new SupervisionTreeView(viewModel), "tree");
    }

    @FXML
    private void initialize() {
        canvas.setViewModel(viewModel);
        flightSpeed.getItems().setAll(Flights.Speed.values());
        flightSpeed.valueProperty().bindBidirectional(viewModel.flightSpeedProperty());
        hint.managedProperty().bind(hint.visibleProperty());
        intro.managedProperty().bind(intro.visibleProperty());
        intro.visibleProperty().bind(viewModel.introProperty());
        restartsLegend.setTooltip(new javafx.scene.control.Tooltip(TreeViewModel.RESTARTS_MEANING));
        viewModel.frameProperty().addListener((o, a, f) -> summary.setText(summaryOf(f)));
        summary.setText(summaryOf(viewModel.frame()));
    }

    static String summaryOf(TreeFrame f) {
        long sups = f.items().stream().filter(i -> i.kind() == TreeItem.Kind.SUPERVISOR).count();
        return String.format(Locale.ROOT, "%,d processes · %d supervisors shown", f.processes(), sups);
    }

    @FXML private void zoomIn() { canvas.zoomIn(); }

    @FXML private void zoomOut() { canvas.zoomOut(); }

    @FXML private void fit() { canvas.fit(); }

    @FXML private void dismissIntro() {
        viewModel.dismissIntro();
        Intro.dismissed();
    }
}
