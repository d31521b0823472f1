package beamscope.app.stress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/**
 * The Stress menu's items and the bar that shows a running scenario (controller of {@code fxml/Stress.fxml}):
 * a dialog asks for the parameters, the bar shows progress with Cancel, then the figures.
 */
public final class StressView {
    @FXML private HBox bar;
    @FXML private Label title, text, figures;
    @FXML private ProgressBar progress;
    @FXML private Button cancel, dismiss;
    private StressViewModel vm;

    /** On a node without stress scenarios (a real BEAM node): the bar never shows. */
    public void hide() {
        bar.setVisible(false);
        bar.setManaged(false);
    }

    /** Fills {@code menu} with one item per scenario and binds the bar. */
    public void init(StressViewModel vm, MenuButton menu) {
        this.vm = vm;
        for (Scenario s : Scenarios.ALL) {
            MenuItem item = new MenuItem(s.title() + "…");
            item.setId("stress-" + s.id());
            item.setOnAction(e -> ask(s).ifPresent(values -> vm.start(s, values)));
            item.disableProperty().bind(vm.runningProperty());
            menu.getItems().add(item);
        }
        bar.visibleProperty().bind(vm.shownProperty());
        bar.managedProperty().bind(vm.shownProperty());
        title.textProperty().bind(vm.titleProperty());
        text.textProperty().bind(vm.textProperty());
        progress.progressProperty().bind(vm.progressProperty());
        figures.textProperty().bind(vm.figuresProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.figuresProperty().map(f -> f.replace(" · ", "\n")));
        figures.setTooltip(tip);
        figures.visibleProperty().bind(vm.figuresProperty().isNotEmpty());
        figures.managedProperty().bind(figures.visibleProperty());
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        dismiss.visibleProperty().bind(vm.runningProperty().not());
        dismiss.managedProperty().bind(dismiss.visibleProperty());
    }

    /** The parameters dialog; empty when the user closes it. A value out of bounds is refused in place. */
    private Optional<Map<String, Long>> ask(Scenario s) {
        Dialog<Map<String, Long>> d = new Dialog<>();
        d.setTitle("Stress: " + s.id());
        d.setHeaderText(s.title() + "\n" + s.description());
        d.initOwner(bar.getScene() == null ? null : bar.getScene().getWindow());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        Map<String, TextField> fields = new LinkedHashMap<>();
        int row = 0;
        for (Map.Entry<String, String> e : StressViewModel.defaultTexts(s).entrySet()) {
            Scenario.Parameter p = s.parameters().stream().filter(x -> x.key().equals(e.getKey())).findFirst().orElseThrow();
            TextField f = new TextField(e.getValue());
            f.setId("stressParam-" + p.key());
            f.setPrefColumnCount(10);
            grid.addRow(row++, new Label(p.label()), f);
            fields.put(p.key(), f);
        }
        Label error = new Label();
        error.setId("stressParamError");
        grid.add(error, 0, row, 2, 1);
        d.getDialogPane().setContent(grid);
        ButtonType start = new ButtonType("Start", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(start, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(start).setId("stressStart");
        d.getDialogPane().lookupButton(start).addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            try {
                StressViewModel.parse(s, texts(fields));
            } catch (IllegalArgumentException bad) {
                error.setText(bad.getMessage());
                ev.consume();
            }
        });
        d.setResultConverter(b -> b == start ? StressViewModel.parse(s, texts(fields)) : null);
        return d.showAndWait();
    }

    private static Map<String, String> texts(Map<String, TextField> fields) {
        Map<String, String> m = new LinkedHashMap<>();
        fields.forEach((k, f) -> m.put(k, f.getText()));
        return m;
    }

    @FXML private void cancel() { vm.cancel(); }

    @FXML private void dismiss() { vm.dismiss(); }
}
