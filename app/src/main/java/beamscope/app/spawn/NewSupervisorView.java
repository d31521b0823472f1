package beamscope.app.spawn;

import beamscope.app.Views;
import beamscope.app.observe.ProcessKind;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorFlags;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.stage.Window;

/** The "new supervisor" form: strategy, intensity, period and how many children of the chosen kind. */
public class NewSupervisorView {

    /** What the form asks for. */
    public record Request(SupervisorFlags flags, int children) {}

    @FXML private ComboBox<Strategy> strategy;
    @FXML private Spinner<Integer> intensity, period, children;
    @FXML private Label childrenLabel;

    @FXML
    private void initialize() {
        strategy.getItems().setAll(Strategy.values());
        strategy.setValue(Strategy.ONE_FOR_ONE);
        strategy.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(Strategy s) { return s == null ? "" : s.atomName(); }
            @Override public Strategy fromString(String s) { return Strategy.valueOf(s.toUpperCase(java.util.Locale.ROOT)); }
        });
        intensity.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 1000, 3));
        period.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 3600, 5));
        children.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 100, 3));
    }

    private Request request() {
        return new Request(new SupervisorFlags(strategy.getValue(), intensity.getValue(), period.getValue()),
                children.getValue());
    }

    /** Shows the form; empty when cancelled. */
    public static Optional<Request> ask(Window owner, ProcessKind childKind) {
        FXMLLoader loader = Views.load("NewSupervisor");
        NewSupervisorView view = loader.getController();
        view.childrenLabel.setText("Children (" + childKind.label() + ")");
        Dialog<Request> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("New supervisor");
        d.setHeaderText("Start a supervisor (Elixir's defaults: at most 3 restarts in 5 seconds)");
        d.getDialogPane().setContent(loader.getRoot());
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? view.request() : null);
        return d.showAndWait();
    }
}
