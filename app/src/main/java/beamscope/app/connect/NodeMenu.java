package beamscope.app.connect;

import beamscope.app.AppState;
import beamscope.app.remote.LocalBeam;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * The main window's Node menu and cluster selector, put at the start of its status row: Connect to node…, Start a
 * local node (erl or iex, whichever is installed), Back to the embedded node, the destructive-actions switch
 * (off for every new connection), and a selector of the cluster's nodes while a real node is shown. While
 * destructive actions are off on a real node the Exit and Send buttons are disabled.
 */
public final class NodeMenu {
    private NodeMenu() {}

    /** Puts the menu into the toolbar of the main window whose root is {@code root}. */
    public static void install(Parent root, NodeChoiceViewModel vm, AppState state) {
        javafx.scene.layout.Pane toolbar = (javafx.scene.layout.Pane) root.lookup(".main-toolbar");
        MenuButton menu = new MenuButton("Node");
        menu.setId("nodeMenu");
        menu.setFocusTraversable(false);
        menu.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        menu.setTooltip(new Tooltip("Observe a real Erlang or Elixir node, or the embedded one"));

        MenuItem connect = item("Connect to node…", "connectItem",
                () -> ConnectDialogView.open(root.getScene().getWindow(), vm, state.themeProperty(), state.presenterProperty()));
        Menu start = new Menu("Start a local node");
        start.setId("startLocalMenu");
        for (LocalBeam.Shell shell : NodeChoiceViewModel.installedShells()) {
            start.getItems().add(item(shell == LocalBeam.Shell.IEX ? "Elixir (iex)" : "Erlang (erl)", null,
                    () -> vm.startLocal(shell).thenAccept(ok -> {
                        if (ok) showRemsh(root, vm.statusProperty().get());
                    })));
        }
        if (start.getItems().isEmpty()) {
            MenuItem none = new MenuItem("neither erl nor elixir is on the PATH");
            none.setDisable(true);
            start.getItems().add(none);
        }
        MenuItem embedded = item("Back to the embedded node", "embeddedItem", vm::backToEmbedded);
        embedded.disableProperty().bind(vm.onEmbeddedProperty());
        CheckMenuItem destructive = new CheckMenuItem("Destructive actions (send, call, exit, kill, link, suspend)");
        destructive.setId("destructiveItem");
        destructive.selectedProperty().bindBidirectional(vm.destructiveProperty());
        destructive.disableProperty().bind(vm.onEmbeddedProperty());
        MenuItem startChild = item("Start a child under the selected supervisor…", "startChildItem", () -> askChildSpec(root, vm, state));
        // like kill, exit and send: only on a real node with destructive actions on
        startChild.disableProperty().bind(vm.onEmbeddedProperty().or(vm.destructiveProperty().not()));
        MenuItem openRecording = item("Open recording…", "openRecordingItem",
                () -> beamscope.app.timeline.TimelineBar.chooseAndOpen(root, vm.timeline()));
        menu.getItems().setAll(connect, start, embedded, openRecording, new SeparatorMenuItem(), destructive, startChild);
        menu.disableProperty().bind(vm.busyProperty());

        ComboBox<String> cluster = new ComboBox<>(vm.cluster());
        cluster.setId("clusterSelector");
        cluster.setTooltip(new Tooltip("The attached node and every node it is connected to: pick one to observe it"));
        cluster.valueProperty().bindBidirectional(vm.selectedNodeProperty());
        cluster.setOnShowing(e -> vm.refreshCluster());
        cluster.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cluster.visibleProperty().bind(vm.onEmbeddedProperty().not());
        cluster.managedProperty().bind(cluster.visibleProperty());

        Label status = new Label();
        status.setId("nodeStatus");
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        status.visibleProperty().bind(vm.busyProperty());
        status.managedProperty().bind(status.visibleProperty());

        // at the start of the row about the node (its process count, rates and connection chip); the toolbar
        // has no room left at 1280 px
        javafx.scene.layout.HBox statusBar = (javafx.scene.layout.HBox) root.lookup(".status-bar");
        statusBar.getChildren().addAll(0, java.util.List.of(menu, cluster, status));

        // a real node's destructive actions are off until switched on: the buttons say so by being disabled
        Runnable guard = () -> {
            boolean off = !vm.onEmbeddedProperty().get() && !vm.destructiveProperty().get();
            java.util.List<javafx.scene.Node> targets = new java.util.ArrayList<>();
            for (javafx.scene.Node n : toolbar.getChildren()) if ("exitButton".equals(n.getId())) targets.add(n);
            javafx.scene.Node send = root.lookup("#sendButton");
            if (send != null) targets.add(send);
            for (javafx.scene.Node n : targets) if (!n.disableProperty().isBound()) n.setDisable(off);
        };
        // the view model outlives this window: listen weakly, and keep the listener as long as the window
        javafx.beans.value.ChangeListener<Boolean> onChange = (o, a, b) -> guard.run();
        root.getProperties().put(NodeMenu.class, onChange);
        vm.destructiveProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onChange));
        vm.onEmbeddedProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onChange));
        guard.run();
    }

    /** Asks for a child spec (or a simple_one_for_one's arguments) and starts the child; the status says how it went. */
    private static void askChildSpec(Parent root, NodeChoiceViewModel vm, AppState state) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog("%{id: :worker, start: {MyWorker, :start_link, []}}");
        d.initOwner(root.getScene().getWindow());
        d.setTitle("Start a child");
        d.setHeaderText("Under " + state.selected() + ": a child spec, or for a simple_one_for_one supervisor the extra"
                + " arguments ([]). Its code must be on the node: Beamscope loads nothing.");
        d.showAndWait().ifPresent(spec -> vm.startChild(state.selected(), spec).thenAccept(pid -> {
            Alert a = new Alert(pid != null ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING, vm.statusProperty().get(), ButtonType.CLOSE);
            a.initOwner(root.getScene().getWindow());
            a.show();
            if (pid != null) state.select(pid);
        }));
    }

    /** How to attach a shell to the node just started, in a field the user can copy from. */
    private static void showRemsh(Parent root, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.initOwner(root.getScene().getWindow());
        a.setTitle("Local node started");
        a.setHeaderText(text.substring(0, text.indexOf(". ") + 1));
        TextField command = new TextField(text.substring(text.indexOf(": ") + 2));
        command.setEditable(false);
        command.setId("remshCommand");
        command.getStyleClass().add("mono");
        command.setPrefColumnCount(60);
        a.getDialogPane().setContent(command);
        a.show();
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (id != null) m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }
}
