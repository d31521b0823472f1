package beamscope.app.connect;

import beamscope.app.Views;
import beamscope.app.theme.Stylesheets;
import beamscope.app.theme.Theme;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Connect to node…": the node name and the cookie (prefilled from ~/.erlang.cookie), Connect, and while it
 * connects (off the FX thread) a progress indicator and Cancel. A failure stays in the dialog in the
 * connection layer's words (wrong cookie, no epmd, node down, bad name); success closes it.
 */
public final class ConnectDialogView {

    @FXML private TextField node, cookie;
    @FXML private Label error, status;
    @FXML private ProgressIndicator progress;
    @FXML private Button connect, cancel;

    private NodeChoiceViewModel vm;
    private Stage stage;

    /** Opens the dialog over {@code owner}, styled as the window is. */
    public static Stage open(Window owner, NodeChoiceViewModel vm, ObjectProperty<Theme> theme, BooleanProperty presenter) {
        FXMLLoader loader = Views.load("ConnectDialog");
        ConnectDialogView view = loader.getController();
        Parent root = loader.getRoot();
        Stylesheets.follow(root, theme, presenter);
        Stage s = new Stage();
        s.initOwner(owner);
        s.setTitle("Connect to node");
        s.setScene(new Scene(root));
        view.bind(vm, s);
        s.show();
        view.node.requestFocus();
        return s;
    }

    private void bind(NodeChoiceViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
        if (vm.cookieProperty().get() == null || vm.cookieProperty().get().isEmpty()) vm.cookieProperty().set(NodeChoiceViewModel.defaultCookie());
        node.textProperty().bindBidirectional(vm.nodeNameProperty());
        cookie.textProperty().bindBidirectional(vm.cookieProperty());
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        // the dialog keeps its size: a long error wraps in the room kept for it (connectError's min height)
        status.textProperty().bind(vm.statusProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        connect.disableProperty().bind(vm.busyProperty().or(node.textProperty().isEmpty()));
        node.disableProperty().bind(vm.busyProperty());
        cookie.disableProperty().bind(vm.busyProperty());
    }

    @FXML
    private void connect() {
        vm.connect().thenAccept(ok -> {
            if (ok) stage.close();
        });
    }

    /** Cancels the attempt under way, or closes the dialog when none is. */
    @FXML
    private void cancel() {
        if (vm.busyProperty().get()) vm.cancel();
        else stage.close();
    }
}
