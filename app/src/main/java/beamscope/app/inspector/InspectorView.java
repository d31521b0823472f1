package beamscope.app.inspector;

import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.otp.ChildView;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The inspector's controller: binds labels and lists; pids in links and monitors select on click. */
public class InspectorView {
    /** A list row's height in em of the inspector's type (modena's cell padding around one line). */
    private static final double ROW_EM = 1.9;
    @FXML private Label heading, title, exitReason, state;
    @FXML private VBox deadBox, stateBox, aliveBox;
    @FXML private TableView<InspectorViewModel.Field> fields;
    @FXML private TableColumn<InspectorViewModel.Field, String> fieldName, fieldValue;
    @FXML private ListView<String> mailbox;
    @FXML private FlowPane links, monitors, monitoredBy;
    @FXML private VBox supervisorBox;
    @FXML private Label supervisor, childrenMore;
    @FXML private ListView<ChildView> children;

    public void init(InspectorViewModel vm, ObjectProperty<Pid> selected) {
        title.textProperty().bind(vm.titleProperty());
        exitReason.textProperty().bind(vm.exitReasonProperty());
        state.textProperty().bind(vm.stateProperty());
        show(deadBox, vm.deadProperty());
        show(aliveBox, vm.aliveProperty());
        show(stateBox, vm.stateProperty().isNotEmpty());
        fieldName.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        fieldValue.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        fields.setItems(vm.fields());
        beamscope.app.TypeScale.columns(supervisor, fields.getColumns());
        // the lists in rows of the type: each wants all its rows (children up to eight) and keeps at least
        // a few when the inspector is short, which then scrolls as a whole rather than squeezing them to one
        Runnable fitLists = () -> {
            double row = Math.ceil(ROW_EM * supervisor.getFont().getSize());
            int n = fields.getItems().size(), c = Math.max(1, children.getItems().size());
            fields.setFixedCellSize(row);
            fields.setPrefHeight(row * n + 2);
            fields.setMinHeight(row * Math.min(n, 5) + 2);
            children.setFixedCellSize(row);
            children.setPrefHeight(row * Math.min(c, 8) + row * 0.7);   // and its horizontal scroll bar
            children.setMinHeight(row * Math.min(c, 3) + row * 0.7);
        };
        supervisor.fontProperty().addListener(o -> fitLists.run());
        vm.fields().addListener((ListChangeListener<InspectorViewModel.Field>) c -> fitLists.run());
        vm.children().addListener((ListChangeListener<ChildView>) c -> fitLists.run());
        fitLists.run();
        heading.managedProperty().bind(heading.visibleProperty());   // hidden under a tab that names it (app.css)
        mailbox.setItems(vm.mailbox());
        supervisor.textProperty().bind(vm.supervisorProperty());
        show(supervisorBox, vm.supervisorProperty().isNotEmpty());
        children.setItems(vm.children());
        children.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ChildView c, boolean empty) {
                super.updateItem(c, empty);
                getStyleClass().remove("restarted");
                if (empty || c == null) {
                    setText(null);
                    return;
                }
                setText(Terms.inspect(c.id()) + "  " + Terms.inspect(c.child())
                        + (c.type() == beamscope.runtime.otp.ChildType.SUPERVISOR ? "  sup" : "")
                        + (c.restart() == null || c.restart() == beamscope.runtime.otp.Restart.PERMANENT ? ""
                                : "  " + c.restart().name().toLowerCase(java.util.Locale.ROOT))
                        // -1: the supervisor does not count per child (a real BEAM node)
                        + (c.restartCount() == 0 ? "" : c.restartCount() < 0 ? "  ↻ —" : "  ↻" + c.restartCount()));
                if (c.restartCount() > 0) getStyleClass().add("restarted");
            }
        });
        children.setOnMouseClicked(e -> {
            ChildView c = children.getSelectionModel().getSelectedItem();
            if (c != null) c.pid().ifPresent(selected::set);
        });
        childrenMore.textProperty().bind(vm.childrenMoreProperty());
        show(childrenMore, vm.childrenMoreProperty().isNotEmpty());
        pidLinks(links, vm.linksProperty(), "links", selected);
        pidLinks(monitors, vm.monitorsProperty(), "monitors", selected);
        pidLinks(monitoredBy, vm.monitoredByProperty(), "monitors", selected);
    }

    private static void show(Node n, javafx.beans.value.ObservableValue<Boolean> when) {
        n.visibleProperty().bind(when);
        n.managedProperty().bind(when);
    }

    /** A link per pid on the page (at most {@link PidLinks#PAGE}), then how many there are; built once per new page. */
    private static void pidLinks(FlowPane pane, javafx.beans.value.ObservableValue<PidLinks> page, String what,
                                 ObjectProperty<Pid> selected) {
        Runnable rebuild = () -> {
            PidLinks p = page.getValue();
            List<Node> nodes = new java.util.ArrayList<>();
            for (Object o : p.page()) {
                if (o instanceof Pid pid) {
                    Hyperlink h = new Hyperlink(pid.toString());
                    h.getStyleClass().add("pid-link");
                    h.setOnAction(e -> selected.set(pid));
                    nodes.add(h);
                } else nodes.add(new Label(Terms.inspect(o)));
            }
            String more = p.more(what);
            if (nodes.isEmpty() || !more.isEmpty()) {
                Label note = new Label(nodes.isEmpty() ? (more.isEmpty() ? "none" : more) : "… " + more);
                note.getStyleClass().add("muted");
                nodes.add(note);
            }
            pane.getChildren().setAll(nodes);
        };
        page.addListener(o -> rebuild.run());
        rebuild.run();
    }
}
