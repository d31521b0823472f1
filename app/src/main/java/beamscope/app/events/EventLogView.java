package beamscope.app.events;

import beamscope.runtime.Pid;
import javafx.beans.property.ObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;

/** The event log's controller: kind toggles, a text filter, and the list; a click selects the event's pid. */
public class EventLogView {
    @FXML private FlowPane kindToggles;
    @FXML private TextField filter;
    @FXML private Label dropped;
    @FXML private ListView<EventLogViewModel.Entry> list;

    public void init(EventLogViewModel vm, ObjectProperty<Pid> selected) {
        for (EventKind k : EventKind.values()) {
            ToggleButton t = new ToggleButton(k.label());
            t.setId("eventKind-" + k.label());
            t.getStyleClass().addAll("kind-toggle", "event-" + k.label());
            t.setSelected(vm.kinds().contains(k));
            t.selectedProperty().addListener((o, a, on) -> {
                if (on) vm.kinds().add(k);
                else vm.kinds().remove(k);
            });
            kindToggles.getChildren().add(t);
        }
        filter.textProperty().bindBidirectional(vm.filterProperty());
        dropped.textProperty().bind(vm.droppedProperty());
        list.setItems(vm.shown());
        list.setCellFactory(l -> new ListCell<>() {
            {
                // long lines wrap at the list's width (a narrow pane, large type) instead of running off it
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(EventLogViewModel.Entry e, boolean empty) {
                super.updateItem(e, empty);
                getStyleClass().removeIf(c -> c.startsWith("event-"));
                if (empty || e == null) {
                    setText(null);
                    return;
                }
                setText(vm.time(e) + "  " + (e.pid() == null ? "" : e.pid() + "  ") + e.text());
                getStyleClass().add("event-" + e.kind().label());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> {
            if (e != null && e.pid() != null) selected.set(e.pid());
        });
    }
}
