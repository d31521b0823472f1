package beamscope.app.console;

import beamscope.app.Views;
import beamscope.app.console.ConsoleViewModel.Line;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;

/**
 * The Console tab: the output as a virtualised list (one cell per visible line), the prompt and a multi-line
 * input. Enter evaluates a whole expression (or adds a line when it is not whole yet), Shift+Enter always adds
 * a line, Up on the first line and Down on the last go through the history, Ctrl+C (or Stop) interrupts.
 * The output follows new lines only while its end is in view: scrolled back, it stays where the user put it.
 */
public final class ConsoleView {
    private static final KeyCombination INTERRUPT = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    @FXML private Label self, prompt, placeholder;
    @FXML private Button stopButton, clearButton;
    @FXML private ListView<Line> output;
    @FXML private TextArea input;

    private ConsoleViewModel vm;
    private Parent root;

    public static ConsoleView load(ConsoleViewModel vm) {
        ConsoleView view = new ConsoleView();
        view.root = Views.load("Console", view, "console");
        view.init(vm);
        return view;
    }

    public Parent root() {
        return root;
    }

    /** The input area (focus it when the tab comes to the front). */
    public TextArea input() {
        return input;
    }

    private void init(ConsoleViewModel vm) {
        this.vm = vm;
        if (!vm.available()) {
            placeholder.setText(vm.elsewhereText());
            input.setDisable(true);
            stopButton.setDisable(true);
            self.setText("");
            prompt.setText("iex>");
            return;
        }
        self.textProperty().bind(vm.selfProperty().map(p -> p.isEmpty() ? "" : "self() = " + p));
        prompt.textProperty().bind(vm.promptProperty());
        input.textProperty().bindBidirectional(vm.inputProperty());
        stopButton.disableProperty().bind(vm.busyProperty().not());
        output.setItems(vm.lines());
        output.setCellFactory(l -> new LineCell());
        vm.lines().addListener((ListChangeListener<Line>) c -> follow());
        output.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            // Ctrl+C interrupts while something runs; with nothing running it copies as usual
            if (INTERRUPT.match(e) && vm.busyProperty().get()) {
                vm.interrupt();
                e.consume();
            }
        });
    }

    private void key(KeyEvent e) {
        String text = input.getText();
        int caret = input.getCaretPosition();
        switch (e.getCode()) {
            case ENTER -> {
                e.consume();
                if (e.isShiftDown() || !vm.enter()) input.replaceSelection("\n");
                else {
                    following = true;
                    follow();
                }
            }
            case UP -> {
                if (text.lastIndexOf('\n', caret - 1) < 0 && vm.historyUp()) {
                    e.consume();
                    input.positionCaret(input.getLength());
                }
            }
            case DOWN -> {
                if (text.indexOf('\n', caret) < 0 && vm.historyDown()) {
                    e.consume();
                    input.positionCaret(input.getLength());
                }
            }
            default -> { }
        }
    }

    /** Whether new lines scroll into view: from Enter until the user scrolls back, again once back at the end. */
    private boolean following = true;

    private boolean followPending;

    /** Once per pulse at most, after the list took the new lines: to the newest line, while following. */
    private void follow() {
        if (!following || followPending) return;
        followPending = true;
        javafx.application.Platform.runLater(() -> {
            followPending = false;
            if (following && !vm.lines().isEmpty()) output.scrollTo(vm.lines().size() - 1);
        });
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() > 0) following = false;
        else if (e.getDeltaY() < 0) javafx.application.Platform.runLater(() -> {
            if (output.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getLastVisibleCell() != null
                    && flow.getLastVisibleCell().getIndex() >= vm.lines().size() - 1) following = true;
        });
    }

    @FXML private void stop() { vm.interrupt(); }
    @FXML private void clear() { vm.clear(); }

    private static final class LineCell extends ListCell<Line> {
        LineCell() {
            // long lines wrap at the list's width instead of running off it
            setWrapText(true);
            setPrefWidth(0);
        }

        private static final String[] STYLES = {"console-input-line", "console-output-line", "console-result", "console-error", "console-note"};

        @Override
        protected void updateItem(Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(STYLES);
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line.text());
            getStyleClass().add(STYLES[line.kind().ordinal()]);
        }
    }
}
