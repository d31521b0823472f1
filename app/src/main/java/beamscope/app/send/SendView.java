package beamscope.app.send;

import beamscope.app.observe.ProcessKind.Delivery;
import beamscope.app.observe.ProcessKind.Suggestion;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** The message editor's controller. Enter sends, Up/Down walk the history; errors mark the column. */
public class SendView {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    @FXML private Label target;
    @FXML private HBox deliveries;
    @FXML private TextField message;
    @FXML private Button send;
    @FXML private TextFlow error;
    @FXML private FlowPane suggestions;
    @FXML private Label status;

    private SendViewModel vm;

    public void init(SendViewModel vm) {
        this.vm = vm;
        ToggleGroup group = new ToggleGroup();
        for (Delivery d : Delivery.values()) {
            ToggleButton b = new ToggleButton(d.name().toLowerCase(Locale.ROOT));
            b.setId("deliver-" + d.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(group);
            b.setUserData(d);
            b.setFocusTraversable(false);
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            deliveries.getChildren().add(b);
            if (vm.deliveryProperty().get() == d) b.setSelected(true);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) a.setSelected(true);       // always one selected
            else vm.deliveryProperty().set((Delivery) t.getUserData());
        });
        vm.deliveryProperty().addListener((o, a, d) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == d)));

        target.textProperty().bind(vm.targetProperty().map(p -> "to " + p).orElse("no process selected"));
        message.textProperty().bindBidirectional(vm.textProperty());
        message.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case ENTER -> { vm.submit(); e.consume(); }
                case UP -> { vm.historyBack(); message.end(); e.consume(); }
                case DOWN -> { vm.historyForward(); message.end(); e.consume(); }
                default -> { }
            }
        });
        send.setOnAction(e -> vm.submit());
        status.textProperty().bind(vm.statusProperty());

        vm.errorProperty().addListener((o, a, err) -> showError(err));
        showError(null);
        vm.suggestions().addListener((ListChangeListener<Suggestion>) c -> showSuggestions());
        showSuggestions();
    }

    /** Shows the text with the offending character underlined, and what was expected. */
    private void showError(Message.SyntaxError err) {
        message.pseudoClassStateChanged(ERROR, err != null);
        error.setVisible(err != null);
        error.setManaged(err != null);
        if (err == null) {
            error.getChildren().clear();
            return;
        }
        String in = err.input();
        int p = Math.min(err.position(), in.length());
        Text before = new Text(in.substring(0, p));
        Text at = new Text(p < in.length() ? in.substring(p, p + 1) : " ");
        Text after = new Text(p < in.length() ? in.substring(p + 1) : "");
        Text caret = new Text("\n" + " ".repeat(p) + "^ " + err.message());
        before.getStyleClass().add("error-input");
        at.getStyleClass().addAll("error-input", "error-mark");
        after.getStyleClass().add("error-input");
        caret.getStyleClass().add("error-caret");
        error.getChildren().setAll(before, at, after, caret);
    }

    private void showSuggestions() {
        suggestions.getChildren().clear();
        for (Suggestion s : vm.suggestions()) {
            Button b = new Button(s.delivery().name().toLowerCase(Locale.ROOT) + "  " + s.text());
            b.getStyleClass().add("suggestion");
            b.setFocusTraversable(false);
            b.setOnAction(e -> {
                vm.use(s);
                message.requestFocus();
                message.end();
            });
            suggestions.getChildren().add(b);
        }
    }

    public TextField messageField() {
        return message;
    }
}
