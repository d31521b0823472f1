package beamscope.app.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;

/**
 * The supervision tree view (controller of {@code fxml/SupervisionTree.fxml}): a toolbar and a
 * {@link TreeCanvas}. Embed it with {@code SupervisionTreeView.load(viewModel)}.
 */
public final class SupervisionTreeView {

    private final TreeViewModel viewModel;
    @FXML private TreeCanvas canvas;
    @FXML private Label summary;

    private SupervisionTreeView(TreeViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Loads the view for this view model. */
    public static Parent load(TreeViewModel viewModel) {
        FXMLLoader loader = new FXMLLoader(SupervisionTreeView.class.getResource("/beamscope/fxml/SupervisionTree.fxml"));
        loader.setControllerFactory(c -> new SupervisionTreeView(viewModel));
        try {
            Parent root = loader.load();
            keepFirstInScene(root, STYLESHEET);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String STYLESHEET = SupervisionTreeView.class.getResource("/beamscope/css/tree.css").toExternalForm();

    /**
     * Puts the view's stylesheet first in its scene's list, and back there if a theme switch replaces
     * the list: its {@code .root} block then defines fallback tokens that every theme file added after
     * it overrides, while its rules style this view.
     */
    static void keepFirstInScene(Parent view, String stylesheet) {
        javafx.collections.ListChangeListener<String> restore = c -> {
            javafx.collections.ObservableList<String> list = (javafx.collections.ObservableList<String>) c.getList();
            if (!list.contains(stylesheet)) javafx.application.Platform.runLater(() -> {
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

    @FXML
    private void initialize() {
        canvas.setViewModel(viewModel);
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
}
