package beamscope.app.lessons;

import beamscope.app.Views;
import beamscope.app.lessons.LessonsViewModel.Status;
import beamscope.app.lessons.LessonsViewModel.StepRow;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Lessons panel: a lesson chooser, the explanation, the steps as buttons with a tick or a note each,
 * the Elixir code and the transcript, and Prev / Run step / Next / Reset. Binds to {@link LessonsViewModel}.
 */
public final class LessonsView {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current"),
            HAPPENED = PseudoClass.getPseudoClass("happened"), MISSED = PseudoClass.getPseudoClass("missed");

    @FXML private ComboBox<Lesson> chooser;
    @FXML private Button closeButton, previousButton, runButton, nextButton, resetButton;
    @FXML private Label title, explanation, status;
    @FXML private VBox stepBox;
    @FXML private TextArea code, transcript;
    @FXML private TabPane pages;
    @FXML private javafx.scene.control.Tab aboutTab, stepsTab;
    @FXML private javafx.scene.control.ScrollPane stepScroll;
    @FXML private Button runCodeButton;
    @FXML private Label runCodeNote;

    private LessonsViewModel vm;
    private Runnable onClose = () -> {};

    /** Loads the panel for {@code vm}. */
    public static LessonsView load(LessonsViewModel vm) {
        LessonsView view = new LessonsView();
        view.root = Views.load("Lessons", view, "lessons");
        view.init(vm);
        return view;
    }

    private Parent root;

    public Parent root() {
        return root;
    }

    private void init(LessonsViewModel vm) {
        this.vm = vm;
        chooser.setItems(vm.lessons());
        chooser.setCellFactory(l -> new LessonCell());
        chooser.setButtonCell(new LessonCell());
        chooser.setVisibleRowCount(14);
        chooser.setOnAction(e -> {
            Lesson l = chooser.getValue();
            if (l != null && l != vm.lessonProperty().get()) vm.open(l);
        });
        vm.lessonProperty().addListener((o, a, l) -> {
            chooser.setValue(l);
            title.setText(l == null ? "" : l.id() + "  ·  " + Tutorial.of(l).from());
            pages.getSelectionModel().select(aboutTab);   // a new lesson opens on what it is about
            explanation.setText(l == null ? "" : l.explanation());
            code.setText(l == null ? "" : l.elixir());
        });
        closeButton.setOnAction(e -> onClose.run());
        transcript.textProperty().bind(vm.transcriptProperty());
        vm.transcriptProperty().addListener((o, a, t) -> transcript.setScrollTop(Double.MAX_VALUE));
        status.textProperty().bind(vm.statusProperty());
        vm.steps().addListener((ListChangeListener<StepRow>) c -> showSteps());
        vm.currentProperty().addListener((o, a, i) -> showSteps());
        // once a step runs, the steps are what the class looks at
        vm.busyProperty().addListener((o, a, busy) -> {
            if (busy && !vm.steps().isEmpty() && pages.getSelectionModel().getSelectedItem() == aboutTab)
                pages.getSelectionModel().select(stepsTab);
        });
        for (Button b : new Button[] {previousButton, runButton, nextButton, resetButton}) b.setMinWidth(Button.USE_PREF_SIZE);
        for (Button b : new Button[] {previousButton, runButton, nextButton, resetButton})
            b.disableProperty().bind(vm.busyProperty().or(vm.lessonProperty().isNull()));
    }

    /** The Elixir tab's "Run this code" button and the note beside it (the window wires them to its console). */
    public Button runCodeButton() { return runCodeButton; }
    public Label runCodeNote() { return runCodeNote; }

    /** What the close button does (the window hides the panel and calls {@link LessonsViewModel#leave()}). */
    public void setOnClose(Runnable r) {
        onClose = r;
    }

    /** One row per step: its button, then a tick or a note. At most a handful of rows: rebuilt on change. */
    private void showSteps() {
        stepBox.getChildren().clear();
        for (StepRow row : vm.steps()) {
            Label mark = new Label(row.statusText());
            mark.getStyleClass().add("step-mark");
            Button b = new Button((row.index() + 1) + ".  " + row.button());
            b.setId("lessonStep" + (row.index() + 1));
            b.getStyleClass().add("step-button");
            b.setWrapText(true);
            b.setMnemonicParsing(false);   // :one_for_one keeps its underscores
            b.setMaxWidth(Double.MAX_VALUE);
            b.disableProperty().bind(vm.busyProperty());
            b.setOnAction(e -> vm.run(row.index()));
            Label note = new Label(row.status() == Status.MISSED ? row.note()
                    : row.status() == Status.HAPPENED ? "Happened: " + row.expected() : "Expect: " + row.expected());
            note.getStyleClass().add("step-note");
            note.setWrapText(true);
            note.setId("lessonNote" + (row.index() + 1));
            VBox text = new VBox(b, note);
            text.getStyleClass().add("step-text");
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox line = new HBox(mark, text);
            line.getStyleClass().add("step-row");
            line.pseudoClassStateChanged(CURRENT, row.index() == vm.currentProperty().get());
            line.pseudoClassStateChanged(HAPPENED, row.status() == Status.HAPPENED);
            line.pseudoClassStateChanged(MISSED, row.status() == Status.MISSED);
            stepBox.getChildren().add(line);
        }
        // the current step in view: scrolled to its row once laid out
        int current = vm.currentProperty().get();
        if (current > 0 && current < stepBox.getChildren().size()) {
            javafx.scene.Node row = stepBox.getChildren().get(current);
            javafx.application.Platform.runLater(() -> {
                double h = stepBox.getHeight() - stepScroll.getViewportBounds().getHeight();
                if (h > 0) stepScroll.setVvalue(Math.min(1, row.getBoundsInParent().getMinY() / h));
            });
        }
    }

    /**
     * The clicker keys, while the panel shows: PageDown next step, PageUp previous step, F9 run the current
     * step, Home reset.
     */
    public void installShortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.PAGE_DOWN), when(vm::next));
        acc.put(new KeyCodeCombination(KeyCode.PAGE_UP), when(vm::previous));
        acc.put(new KeyCodeCombination(KeyCode.F9), when(vm::runStep));
        acc.put(new KeyCodeCombination(KeyCode.HOME), when(vm::reset));
    }

    /** Only while the panel is showing; else the key does nothing here. */
    private Runnable when(Runnable r) {
        return () -> {
            if (root.isVisible() && root.getScene() != null && root.getParent() != null) r.run();
        };
    }

    @FXML private void previous() { vm.previous(); }
    @FXML private void runStep() { vm.runStep(); }
    @FXML private void next() { vm.next(); }
    @FXML private void reset() { vm.reset(); }

    private static final class LessonCell extends ListCell<Lesson> {
        @Override
        protected void updateItem(Lesson l, boolean empty) {
            super.updateItem(l, empty);
            setText(empty || l == null ? "Choose a lesson…" : l.title());
        }
    }
}
