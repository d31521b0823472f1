package beamscope.app.shell;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/** The shell inbox's controller: a list that follows the newest message. */
public class ShellView {
    @FXML private Label title;
    @FXML private ListView<ShellViewModel.Line> lines;

    public void init(ShellViewModel vm) {
        title.textProperty().bind(vm.titleProperty());
        lines.setItems(vm.lines());
        lines.setCellFactory(l -> new ListCell<>() {
            {
                // long lines wrap at the list's width (a narrow pane, large type) instead of running off it
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(ShellViewModel.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().remove("reply");
                setText(empty || line == null ? null : line.text());
                if (!empty && line != null && line.reply()) getStyleClass().add("reply");
            }
        });
        vm.lines().addListener((ListChangeListener<ShellViewModel.Line>) c -> lines.scrollTo(vm.lines().size() - 1));
    }
}
