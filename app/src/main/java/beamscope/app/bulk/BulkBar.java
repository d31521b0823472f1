package beamscope.app.bulk;

import beamscope.runtime.Priority;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/**
 * The bulk actions' bar, for the table and the grid (one each, on the same {@link BulkViewModel}): the
 * selection's count, exit with a reason, suspend, resume, priority, and while an action runs its
 * progress and Cancel. An action on more than {@link BulkViewModel#CONFIRM_ABOVE} processes asks first.
 * Ids start with {@code prefix} ({@code gridBulkExit}, {@code tableBulkExit}…).
 */
public final class BulkBar {
    private BulkBar() {}

    public static FlowPane create(BulkViewModel vm, String prefix) {
        Label summary = new Label();
        summary.setId(prefix + "BulkSummary");
        // disabled buttons show no tooltip: while destructive actions are off the summary says so instead
        summary.textProperty().bind(Bindings.when(vm.destructiveProperty().not()).then(BulkViewModel.DESTRUCTIVE_OFF)
                .otherwise(Bindings.when(vm.summaryProperty().isEmpty())
                        .then("Select processes (click, drag, Shift/Ctrl+click) to act on many at once").otherwise(vm.summaryProperty())));
        summary.getStyleClass().add("muted");

        var none = Bindings.createBooleanBinding(() -> vm.selection().count() == 0, vm.selectionProperty()).or(vm.busyProperty());
        ComboBox<String> reason = new ComboBox<>();
        reason.setId(prefix + "BulkReason");
        reason.setEditable(true);
        reason.setPrefWidth(110);
        reason.getStyleClass().add("mono");
        reason.getItems().setAll(":kill", ":shutdown", ":normal");
        reason.valueProperty().bindBidirectional(vm.exitReasonProperty());
        reason.setTooltip(new Tooltip("The exit reason, any term (Elixir syntax)"));

        Button exit = button(prefix + "BulkExit", "danger");
        exit.textProperty().bind(Bindings.createStringBinding(
                () -> new ProcessAction.Exit(null).label(vm.selection().count()), vm.selectionProperty()));
        exit.setOnAction(e -> vm.exit(q -> confirm(exit, q)));
        Button suspend = button(prefix + "BulkSuspend", null);
        suspend.setText("Suspend");
        suspend.setOnAction(e -> vm.start(new ProcessAction.Suspend(), q -> confirm(suspend, q)));
        Button resume = button(prefix + "BulkResume", null);
        resume.setText("Resume");
        resume.setOnAction(e -> vm.start(new ProcessAction.Resume(), q -> confirm(resume, q)));
        MenuButton priority = new MenuButton("Priority");
        priority.setId(prefix + "BulkPriority");
        for (Priority p : Priority.values()) {
            MenuItem item = new MenuItem(p.name().toLowerCase(Locale.ROOT));
            item.setOnAction(e -> vm.start(new ProcessAction.SetPriority(p), q -> confirm(priority, q)));
            priority.getItems().add(item);
        }
        for (javafx.scene.control.Control c : java.util.List.of(reason, exit, suspend, resume)) c.disableProperty().bind(none.or(vm.destructiveProperty().not()));
        priority.disableProperty().bind(none);
        String why = vm.unsupported(new ProcessAction.SetPriority(Priority.NORMAL));
        if (why != null) {
            priority.disableProperty().unbind();
            priority.setDisable(true);
            // a disabled control shows no tooltip: the reason goes on a wrapper that stays enabled
        }

        ProgressBar progress = new ProgressBar();
        progress.setId(prefix + "BulkProgress");
        progress.setPrefWidth(120);
        progress.progressProperty().bind(vm.progressProperty());
        Button cancel = button(prefix + "BulkCancel", null);
        cancel.setText("Cancel");
        cancel.setOnAction(e -> vm.cancel());
        for (javafx.scene.Node n : java.util.List.of(progress, cancel)) {
            n.visibleProperty().bind(vm.busyProperty());
            n.managedProperty().bind(vm.busyProperty());
        }
        Label status = new Label();
        status.setId(prefix + "BulkStatus");
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());

        FlowPane bar = new FlowPane(8, 4);
        bar.getStyleClass().add("bulk-bar");
        bar.getStylesheets().add(beamscope.app.Views.css("grid"));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.Node priorityNode = priority;
        if (why != null) {
            Label wrapper = new Label(null, priority);
            wrapper.setId(prefix + "BulkPriorityWhy");
            wrapper.setTooltip(new Tooltip(why));
            priorityNode = wrapper;
        }
        bar.getChildren().addAll(summary, reason, exit, suspend, resume, priorityNode, progress, cancel, status);
        return bar;
    }

    private static Button button(String id, String styleClass) {
        Button b = new Button();
        b.setId(id);
        if (styleClass != null) b.getStyleClass().add(styleClass);
        return b;
    }

    /** The confirmation dialog: "Exit 12,345 processes with :kill? This cannot be undone." OK or Cancel. */
    private static boolean confirm(javafx.scene.Node owner, String question) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        a.setHeaderText(null);
        a.setTitle("Bulk action");
        if (owner.getScene() != null) a.initOwner(owner.getScene().getWindow());
        return a.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }
}
