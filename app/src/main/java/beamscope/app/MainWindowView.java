package beamscope.app;

import beamscope.app.events.EventLogView;
import beamscope.app.inspector.InspectorView;
import beamscope.app.observe.ProcessKind;
import beamscope.app.processes.ProcessTableView;
import beamscope.app.send.SendView;
import beamscope.app.shell.ShellView;
import beamscope.app.spawn.SpawnViewModel;
import beamscope.app.theme.Stylesheets;
import beamscope.app.theme.Theme;
import beamscope.runtime.Priority;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;

/**
 * The main window's controller: wires the toolbar, status bar and the included feature views to
 * {@link MainWindowViewModel}, and installs the keyboard shortcuts. {@link #treePane()} and
 * {@link #schedulersPane()} are where the supervision tree and scheduler lanes views plug in.
 */
public class MainWindowView {
    @FXML private ComboBox<ProcessKind> spawnKind;
    @FXML private Spinner<Integer> spawnCount;
    @FXML private ChoiceBox<Priority> spawnPriority;
    @FXML private TextField crashOn;
    @FXML private javafx.scene.control.CheckBox spawnSupervised;
    @FXML private Button spawnButton;
    @FXML private ProgressBar spawnProgress;
    @FXML private ComboBox<String> exitReason;
    @FXML private MenuButton processMenu, stressMenu;
    @FXML private beamscope.app.stress.StressView stressController;
    @FXML private Button pauseButton, stepButton, resumeButton;
    @FXML private ToggleButton slowMotion, darkToggle, presenterToggle;
    @FXML private Label processCount, rates, runQueue, slices, schedulerState, memoryAlarm, message, spawnCaption, nodeState, memory;
    /** The toolbar: a flow that wraps at narrow widths, so nothing hides behind an overflow chevron. */
    @FXML private javafx.scene.layout.FlowPane toolbar;
    @FXML private StackPane treePane, schedulersPane, consolePane;
    @FXML private javafx.scene.control.SplitPane upperSplit, mainSplit, lowerSplit;
    @FXML private javafx.scene.control.TabPane tabs;
    @FXML private javafx.scene.Node inspector, messagePane, eventLog;
    @FXML private ProcessTableView processTableController;
    @FXML private InspectorView inspectorController;
    @FXML private SendView sendController;
    @FXML private ShellView shellController;
    @FXML private EventLogView eventLogController;
    @FXML private javafx.scene.control.Tab chartsTab;
    @FXML private beamscope.app.charts.ChartsView chartsController;

    private MainWindowViewModel vm;
    /** The menu of a process table row. */
    private final ContextMenu rowMenu = new ContextMenu();
    private javafx.scene.layout.BorderPane root;
    /** Presenter mode: the inspector, message editor and event log as tabs in one column beside the main tabs. */
    private final javafx.scene.control.Tab inspectorTab = sidePane("Inspector"), messageTab = sidePane("Message"),
            eventsTab = sidePane("Events");
    private final javafx.scene.control.TabPane sidePanes = new javafx.scene.control.TabPane(inspectorTab, messageTab, eventsTab);
    private final javafx.scene.control.SplitPane presenterSplit = new javafx.scene.control.SplitPane();

    public void init(MainWindowViewModel vm) {
        this.vm = vm;
        AppState state = vm.state();
        vm.notices().addListener((javafx.collections.ListChangeListener<Notice>) c -> {
            while (c.next()) for (Notice n : c.getAddedSubList()) pop(n);
        });
        SpawnViewModel spawn = vm.spawn();
        spawnKind.getItems().setAll(ProcessKind.values());
        spawnKind.valueProperty().bindBidirectional(spawn.kindProperty());
        spawnCount.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, SpawnViewModel.MAX_COUNT, 1));
        spawnCount.getValueFactory().valueProperty().addListener((o, a, n) -> spawn.countProperty().set(n == null ? 1 : n));
        spawnPriority.getItems().setAll(Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.MAX);
        spawnPriority.setConverter(new javafx.util.StringConverter<>() {
            public String toString(Priority p) { return p == null ? "" : p.name().toLowerCase(Locale.ROOT); }
            public Priority fromString(String s) { return Priority.valueOf(s.toUpperCase(Locale.ROOT)); }
        });
        spawnPriority.valueProperty().bindBidirectional(spawn.priorityProperty());
        crashOn.textProperty().bindBidirectional(spawn.crashOnProperty());
        spawnSupervised.selectedProperty().bindBidirectional(spawn.supervisedProperty());
        crashOn.visibleProperty().bind(spawn.kindProperty().isEqualTo(ProcessKind.CRASHER));
        crashOn.managedProperty().bind(crashOn.visibleProperty());
        spawnButton.disableProperty().bind(spawn.busyProperty());
        spawnProgress.progressProperty().bind(spawn.progressProperty());
        spawnProgress.visibleProperty().bind(spawn.busyProperty());
        spawnProgress.managedProperty().bind(spawn.busyProperty());

        exitReason.getItems().setAll(":kill", ":shutdown", ":normal", "{:shutdown, :maintenance}");
        exitReason.valueProperty().bindBidirectional(vm.exitReasonProperty());
        processMenu.getItems().setAll(processActions());
        if (vm.embedded()) processMenu.getItems().addAll(0, java.util.List.of(
                item("New supervisor…", "newSupervisorItem", this::newSupervisor), new SeparatorMenuItem()));
        else withoutEmbeddedControls();

        pauseButton.disableProperty().bind(vm.pausedProperty());
        resumeButton.disableProperty().bind(vm.pausedProperty().not());
        slowMotion.selectedProperty().bindBidirectional(vm.slowMotionProperty());
        darkToggle.setSelected(state.themeProperty().get() == Theme.DARK);
        darkToggle.selectedProperty().addListener((o, a, on) -> state.themeProperty().set(on ? Theme.DARK : Theme.LIGHT));
        state.themeProperty().addListener((o, a, t) -> darkToggle.setSelected(t == Theme.DARK));
        presenterToggle.selectedProperty().bindBidirectional(state.presenterProperty());
        // Presenter mode has a light and a dark theme (Dark stays), and its toolbar keeps, in one row at
        // 1024 px, what a presenter reaches for at large type: spawn a kind, exit (with the reason chosen
        // before; a box's menu offers the others), the process menu, pause, step, resume, slow.
        for (javafx.scene.Node n : java.util.List.of(spawnCaption, spawnCount, spawnPriority, spawnSupervised, exitReason)) {
            n.visibleProperty().bind(state.presenterProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }
        root = (javafx.scene.layout.BorderPane) mainSplit.getParent();
        sidePanes.setId("sidePanes");
        sidePanes.getStyleClass().add("side-panes");
        sidePanes.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        presenterSplit.setId("presenterSplit");
        state.presenterProperty().addListener((o, a, on) -> layOut(on));
        layOut(state.presenterProperty().get());

        processCount.textProperty().bind(vm.processCountProperty());
        rates.textProperty().bind(vm.ratesProperty());
        runQueue.textProperty().bind(vm.runQueueProperty());
        slices.textProperty().bind(vm.slicesTextProperty());
        schedulerState.textProperty().bind(vm.pausedProperty().map(p -> p ? "PAUSED" : "running"));
        vm.pausedProperty().addListener((o, a, p) -> schedulerState.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("paused"), p));
        memory.textProperty().bind(vm.memoryProperty());
        memoryAlarm.textProperty().bind(vm.memoryAlarmTextProperty());
        memoryAlarm.visibleProperty().bind(vm.memoryAlarmProperty());
        memoryAlarm.managedProperty().bind(vm.memoryAlarmProperty());
        nodeState.textProperty().bind(vm.nodeStateTextProperty());
        vm.nodeStateProperty().addListener((o, a, s) -> showConnection(s));
        showConnection(vm.nodeStateProperty().get());
        spawn.statusProperty().addListener((o, a, s) -> message.setText(s));
        vm.messageProperty().addListener((o, a, s) -> message.setText(s));

        rowMenu.getItems().setAll(rowActions());
        processTableController.init(vm.processes(), state.selectedProperty(), rowMenu, state.presenterProperty());
        inspectorController.init(vm.inspector(), state.selectedProperty());
        sendController.init(vm.send());
        shellController.init(vm.shell());
        eventLogController.init(vm.events(), state.selectedProperty());
        if (vm.stress() != null) stressController.init(vm.stress(), stressMenu);
        else {
            stressController.hide();
            stressMenu.setVisible(false);
            stressMenu.setManaged(false);
        }
    }

    /**
     * Where the panes go. Normal (1280×800): the tabs with the inspector beside them, the message editor
     * and the event log below. Presenter (1024×768 at large type): the tabs get the whole height and two
     * thirds of the width, and the inspector, message editor and event log share the column beside them
     * as tabs, each with the full height (below the tabs they had a third of it, which at presenter type
     * left the table eight rows and the shell inbox none).
     */
    private void layOut(boolean presenter) {
        upperSplit.getItems().clear();
        lowerSplit.getItems().clear();
        presenterSplit.getItems().clear();
        for (javafx.scene.control.Tab t : sidePanes.getTabs()) t.setContent(null);
        if (presenter) {
            inspectorTab.setContent(inspector);
            messageTab.setContent(messagePane);
            eventsTab.setContent(eventLog);
            presenterSplit.getItems().setAll(tabs, sidePanes);
            presenterSplit.setDividerPositions(0.68);
            root.setCenter(presenterSplit);
        } else {
            upperSplit.getItems().setAll(tabs, inspector);
            lowerSplit.getItems().setAll(messagePane, eventLog);
            upperSplit.setDividerPositions(0.70);
            lowerSplit.setDividerPositions(0.5);
            mainSplit.setDividerPositions(0.64);
            root.setCenter(mainSplit);
        }
    }

    /**
     * A node that offers no embedded controls (a remote one) gets no spawn, pause, step or slow-motion
     * controls: the toolbar keeps the themes, exit and the process menu.
     */
    private void withoutEmbeddedControls() {
        var items = toolbar.getChildren();
        int spawnFrom = items.indexOf(spawnCaption), spawnTo = items.indexOf(exitReason);   // with its separator
        items.remove(items.indexOf(processMenu) + 1, items.size());                        // separator, pause… slow
        items.remove(spawnFrom, spawnTo);
    }

    /** The connection chip's colour, and the views dimmed while what they show is not live. */
    private void showConnection(beamscope.app.observe.NodeState s) {
        for (beamscope.app.observe.NodeState each : beamscope.app.observe.NodeState.values())
            nodeState.pseudoClassStateChanged(Stylesheets.state(each), each == s);
        root.pseudoClassStateChanged(Stylesheets.DISCONNECTED, s != beamscope.app.observe.NodeState.CONNECTED);
    }

    private static javafx.scene.control.Tab sidePane(String name) {
        javafx.scene.control.Tab t = new javafx.scene.control.Tab(name);
        t.setId("side" + name);
        return t;
    }

    /** Puts the caret in the message editor (in presenter mode, on the Message side tab first). */
    private void editMessage() {
        if (vm.state().presenterProperty().get()) sidePanes.getSelectionModel().select(messageTab);
        sendController.messageField().requestFocus();
    }

    /** The actions on one process, as a context menu (table rows, tree boxes). */
    public ContextMenu processMenu() {
        return new ContextMenu(rowActions().toArray(MenuItem[]::new));
    }

    private java.util.List<MenuItem> rowActions() {
        java.util.List<MenuItem> items = new java.util.ArrayList<>();
        items.add(item("Kill", "killItem", () -> vm.exitSelected(":kill")));
        items.add(item("Exit with :shutdown", null, () -> vm.exitSelected(":shutdown")));
        items.add(item("Exit with :normal", null, () -> vm.exitSelected(":normal")));
        items.add(item("Exit with reason…", null, () -> exitReason.requestFocus()));
        items.add(new SeparatorMenuItem());
        items.addAll(processActions());
        items.add(new SeparatorMenuItem());
        items.add(item("Send a message…", null, this::editMessage));
        return items;
    }

    /** What the process menu offers; priorities and links between two other processes only on the embedded node. */
    private java.util.List<MenuItem> processActions() {
        java.util.List<MenuItem> items = new java.util.ArrayList<>(java.util.List.of(
                item("Suspend", null, vm::suspendSelected),
                item("Resume", null, vm::resumeSelected)));
        if (vm.embedded()) {
            Menu priority = new Menu("Priority");
            for (Priority p : Priority.values())
                priority.getItems().add(item(p.name().toLowerCase(Locale.ROOT), null, () -> vm.setPriority(p)));
            items.add(priority);
        }
        items.addAll(java.util.List.of(
                new SeparatorMenuItem(),
                item("Link to shell", null, vm::linkSelected),
                item("Unlink from shell", null, vm::unlinkSelected),
                item("Monitor from shell", null, vm::monitorSelected)));
        if (vm.embedded()) items.addAll(java.util.List.of(
                item("Link to process…", null, () -> askPid("Link to", vm::linkSelectedTo)),
                item("Unlink from process…", null, () -> askPid("Unlink from", vm::unlinkSelectedFrom)),
                item("Monitor process…", null, () -> askPid("Monitor", vm::monitorFromSelected))));
        return items;
    }

    /** Asks for a second process (pid or registered name) for a link, unlink or monitor. */
    private void askPid(String what, java.util.function.Consumer<String> then) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
        d.setTitle(what);
        d.setHeaderText(what + " which process? A pid like #PID<0.42.0>, or a registered name.");
        d.showAndWait().ifPresent(then);
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (id != null) m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }

    /** Keyboard shortcuts; call once the scene exists. */
    public void installShortcuts(Scene scene) {
        AppState state = vm.state();
        Runnable presenter = () -> state.presenterProperty().set(!state.presenterProperty().get());
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.F5), presenter);
        acc.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), presenter);
        acc.put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN),
                () -> state.themeProperty().set(state.themeProperty().get() == Theme.DARK ? Theme.LIGHT : Theme.DARK));
        acc.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), vm.spawn()::spawn);
        acc.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), () -> vm.exitSelected(":kill"));
        acc.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                () -> processTableController.filterField().requestFocus());
        acc.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), this::editMessage);
        acc.put(new KeyCodeCombination(KeyCode.F8), () -> {
            if (vm.pausedProperty().get()) vm.resume();
            else vm.pause();
        });
        acc.put(new KeyCodeCombination(KeyCode.F10), vm::step);
        processTableController.table().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) vm.exitSelected(":kill");
        });
    }

    @FXML private void spawn() { vm.spawn().spawn(); }

    /**
     * Puts "Reset node" first in the Process menu (the app says what a reset starts): a fresh node after a
     * crash loop took the demo down, or a flood.
     */
    public void setOnResetNode(Runnable reset) {
        processMenu.getItems().removeIf(i -> "resetNode".equals(i.getId()) || "resetNodeSeparator".equals(i.getId()));
        if (reset == null) return;
        SeparatorMenuItem separator = new SeparatorMenuItem();
        separator.setId("resetNodeSeparator");
        processMenu.getItems().addAll(0, java.util.List.of(item("Reset node (a fresh node with the demo)", "resetNode", reset), separator));
    }

    /** Asks for a strategy, intensity, period and children, then starts the supervisor in the background. */
    private void newSupervisor() {
        beamscope.app.spawn.NewSupervisorView.ask(spawnButton.getScene().getWindow(), vm.spawn().kindProperty().get())
                .ifPresent(r -> vm.spawn().startSupervisor(r.flags(), r.children()));
    }
    @FXML private void exitSelected() { vm.exitSelected(); }
    @FXML private void pause() { vm.pause(); }
    @FXML private void step() { vm.step(); }
    @FXML private void resume() { vm.resume(); }

    /** Where the supervision tree view goes (beamscope.app.tree). */
    public StackPane treePane() { return treePane; }

    /** Where the scheduler lanes view goes (beamscope.app.schedulers). */
    public StackPane schedulersPane() { return schedulersPane; }

    /** Shows a notice as a ControlsFX notification in the window's lower right corner, for eight seconds. */
    private void pop(Notice n) {
        if (toolbar.getScene() == null || toolbar.getScene().getWindow() == null) return;
        var popup = org.controlsfx.control.Notifications.create()
                .title(n.title()).text(n.text())
                .owner(toolbar.getScene().getWindow())
                .position(javafx.geometry.Pos.BOTTOM_RIGHT)
                .hideAfter(javafx.util.Duration.seconds(8));
        if (n.level() == Notice.Level.WARNING) popup.showWarning();
        else popup.showInformation();
    }

    public javafx.scene.control.Tab chartsTab() { return chartsTab; }

    public beamscope.app.charts.ChartsView charts() { return chartsController; }

    /** Where the Elixir console goes (beamscope.app.console), and the tabs that hold it. */
    public StackPane consolePane() { return consolePane; }

    /** The process table's controller, and the menu of its rows. */
    public ProcessTableView processTable() { return processTableController; }

    public ContextMenu rowMenu() { return rowMenu; }

    /** The main tabs (tree, processes, schedulers…). */
    public javafx.scene.control.TabPane tabs() { return tabs; }
}
