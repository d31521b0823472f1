package beamscope.app;

import beamscope.app.schedulers.SchedulerControls;
import beamscope.app.schedulers.SchedulerViewModel;
import beamscope.app.schedulers.SchedulersView;
import beamscope.app.tree.SupervisionTreeView;
import beamscope.app.tree.TreeViewModel;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.ContextMenu;

import beamscope.app.observe.Observed;
import beamscope.app.sampler.Sampler;
import beamscope.app.theme.Stylesheets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * The observer window on one observed node: its scene, view model and the sampler that feeds it. Built
 * on the FX thread; {@link #close()} stops the sampler and the background executor (not the node).
 */
public final class MainWindow implements AutoCloseable {
    public static final Duration SAMPLE_PERIOD = Duration.ofMillis(150);

    private final AppState state = new AppState();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "beamscope-background");
        t.setDaemon(true);
        return t;
    });
    private final Sampler sampler;
    private final MainWindowViewModel model;
    private final MainWindowView view;
    private final Scene scene;
    private TreeViewModel tree;
    private SchedulerViewModel schedulers;
    private final FxCost fxCost = new FxCost();
    private beamscope.app.lessons.LessonsViewModel lessons;
    private beamscope.app.lessons.LessonsView lessonsView;
    private ExecutorService lessonThread;
    private beamscope.app.charts.ChartsViewModel charts;
    private beamscope.app.processes.ProcessCsvExport processExport;
    private beamscope.app.console.ConsoleViewModel console;
    private beamscope.app.sequence.SequenceViewModel sequence;
    private beamscope.app.sequence.SequenceView sequenceView;
    private ContextMenu treeMenu;

    public MainWindow(Observed node, double width, double height) {
        MainWindowViewModel[] vm = new MainWindowViewModel[1];
        sampler = new Sampler(node, Platform::runLater, f -> fxCost.frame(() -> vm[0].show(f)));
        model = vm[0] = new MainWindowViewModel(node, sampler::update, state, Platform::runLater, background);
        FXMLLoader loader = Views.load("MainWindow");
        Parent root = loader.getRoot();
        view = loader.getController();
        view.init(model);
        scene = new Scene(root, width, height);
        Stylesheets.follow(root, state.themeProperty(), state.presenterProperty());
        view.installShortcuts(scene);
        mountDenseViews(node);
        mountCharts(node);
        model.events().kinds().addListener((javafx.collections.SetChangeListener<beamscope.app.events.EventKind>) c -> askForMessages());
        tree.flightSpeedProperty().addListener(o -> askForMessages());
        askForMessages();
        mountConsole(node);
        mountSequence(node);
        mountGrid(node, loader);
        if (node instanceof beamscope.app.observe.LocalNode local) mountLessons(local.node());
        sampler.start(SAMPLE_PERIOD);
    }

    /**
     * The supervision tree and the scheduler lanes: their view models share the selection, and get
     * their parts of each frame the one sampler takes.
     */
    private void mountDenseViews(Observed node) {
        tree = new TreeViewModel(state.selectedProperty());
        tree.setFollowedRestartTo(state::followedRestartTo);
        tree.setOnShapeChange(sampler::walkNow); // folded or paged: a new walk at once
        ContextMenu menu = treeMenu = view.processMenu();
        tree.setOnNodeContextMenu((pid, x, y) -> {
            state.select(pid);
            menu.show(view.treePane(), x, y);
        });
        // a node without embedded controls (a remote one) cannot be paused: the view hides its controls
        SchedulerControls controls = node.embedded().<SchedulerControls>map(e -> new SchedulerControls() {
            @Override public void pause() { model.pause(); }
            @Override public CompletableFuture<Void> step() { return e.stepSlice(); }
            @Override public void resume() { model.resume(); }
            @Override public void slowMotion(Duration d) { e.slowMotion(d); }
        }).orElse(null);
        schedulers = new SchedulerViewModel(controls, state.selectedProperty());
        schedulers.setRefresh(() -> sampler.update(q -> q));
        schedulers.slowMotionMillisProperty().bindBidirectional(model.slowMotionMillisProperty());   // Slow and the slider agree
        view.treePane().getChildren().setAll(SupervisionTreeView.load(tree));
        view.schedulersPane().getChildren().setAll(SchedulersView.load(schedulers));
        sampler.attachTree(tree);
        state.frameProperty().addListener((o, old, f) -> {
            if (f == null) return;
            // between walks frames carry the same tree: nothing to lay out again
            flights(f);        // before the new tree: an exit signal flies to the supervisor the process had
            if (f.tree() != null && (old == null || f.tree() != old.tree())) tree.apply(f.tree());
            if (f.schedulers() != null) schedulers.apply(f.schedulers());
        });
    }

    /**
     * The Charts tab (beamscope.app.charts): a sample a second from the frames the window already gets, and
     * the process table's CSV export, which walks the node on a thread of its own.
     */
    private void mountCharts(Observed node) {
        charts = new beamscope.app.charts.ChartsViewModel();
        processExport = new beamscope.app.processes.ProcessCsvExport(node,
                r -> Thread.ofPlatform().daemon().name("beamscope-export").start(r), Platform::runLater);
        view.charts().init(charts, processExport, view.chartsTab().selectedProperty());
        Runtime rt = Runtime.getRuntime();
        state.frameProperty().addListener((o, old, f) -> {
            long committed = rt.totalMemory();
            charts.accept(f, System.currentTimeMillis(), committed - rt.freeMemory(), committed,
                    model.memoryAlarmProperty().get());
        });
    }

    /** Frames carry message traffic while a view shows it (the event log's send and receive chips, flights). */
    private void askForMessages() {
        sampler.wantMessages(model.events().wantsMessages() || tree.flightSpeedProperty().get() != beamscope.app.tree.Flights.Speed.OFF);
    }

    /** A frame's messages and signals to the tree's flights (in slow motion or paused, every message flies). */
    private void flights(beamscope.app.sampler.Frame f) {
        beamscope.app.sampler.Traffic t = f.traffic();
        double secs = Math.max(0.15, t.spanNanos() / 1e9);
        java.util.List<beamscope.app.tree.Flights.Rate> rates = new java.util.ArrayList<>(t.flows().size());
        for (beamscope.app.sampler.Traffic.Flow fl : t.flows()) rates.add(new beamscope.app.tree.Flights.Rate(fl.from(), fl.to(), fl.count() / secs));
        boolean slowed = f.node().paused() || f.node().slowMotionNanos() > 0;
        tree.flights(t.events(), rates, f.events(), slowed);
    }

    /** The load charts' history (tests). */
    public beamscope.app.charts.ChartsViewModel charts() { return charts; }

    /** The Charts tab's view (tests). */
    public beamscope.app.charts.ChartsView chartsView() { return view.charts(); }

    /** The process table's CSV export (tests). */
    public beamscope.app.processes.ProcessCsvExport processExport() { return processExport; }

    /**
     * The Sequence tab (beamscope.app.sequence), last, and "Add to sequence diagram" in the menus of tree
     * boxes and table rows (every selected row of the table, or the selected process).
     */
    private void mountSequence(Observed node) {
        sequence = new beamscope.app.sequence.SequenceViewModel(node, background, Platform::runLater);
        sequenceView = beamscope.app.sequence.SequenceView.load(sequence, state.selectedProperty());
        var tab = new javafx.scene.control.Tab("Sequence", sequenceView.root());
        tab.setId("sequenceTab");
        view.tabs().getTabs().add(tab);
        java.util.function.Supplier<javafx.scene.control.MenuItem> item = () -> {
            javafx.scene.control.MenuItem m = new javafx.scene.control.MenuItem("Add to sequence diagram");
            m.getStyleClass().add("add-to-sequence");
            return m;
        };
        javafx.scene.control.MenuItem fromTree = item.get(), fromTable = item.get();
        fromTree.setOnAction(e -> sequence.add(java.util.List.of(state.selected())));
        var table = view.processTable().table();
        fromTable.setOnAction(e -> {
            java.util.List<beamscope.runtime.Pid> pids = table.getSelectionModel().getSelectedItems().stream()
                    .filter(java.util.Objects::nonNull).map(r -> r.pid()).toList();
            sequence.add(pids.isEmpty() ? java.util.Collections.singletonList(state.selected()) : pids);
        });
        treeMenu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), fromTree);
        view.rowMenu().getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), fromTable);
    }

    /** The Sequence tab's view model: {@code sequence().show(pids)} draws those processes' lifelines. */
    public beamscope.app.sequence.SequenceViewModel sequence() { return sequence; }

    private beamscope.app.bulk.BulkViewModel bulk;
    private beamscope.app.grid.GridViewModel grid;
    private final ExecutorService gridPainter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "beamscope-grid");
        t.setDaemon(true);
        return t;
    });

    /**
     * The process grid (painted on a thread of its own from each walk's strip) and the bulk actions on
     * the selection it shares with the table; a process selected anywhere else becomes the selection.
     */
    private void mountGrid(Observed node, FXMLLoader loader) {
        bulk = new beamscope.app.bulk.BulkViewModel(node, background, Platform::runLater);
        grid = new beamscope.app.grid.GridViewModel(gridPainter, Platform::runLater, bulk.selectionProperty(), state.selectedProperty());
        ((javafx.scene.layout.StackPane) loader.getNamespace().get("gridPane")).getChildren()
                .setAll(beamscope.app.grid.GridView.create(grid, bulk));
        state.frameProperty().addListener((o, old, f) -> {
            if (f != null) grid.show(f.strip());
        });
        ((beamscope.app.processes.ProcessTableView) loader.getNamespace().get("processTableController")).selectMany(bulk);
        state.selectedProperty().addListener((o, old, pid) -> {
            if (pid != null && !bulk.selection().contains(pid)) bulk.select(beamscope.app.bulk.Selection.of(pid));
        });
    }

    public beamscope.app.bulk.BulkViewModel bulk() { return bulk; }
    public beamscope.app.grid.GridViewModel grid() { return grid; }

    /** Adds the Node menu and cluster selector (beamscope.app.connect) to the toolbar. */
    public void offerNodes(beamscope.app.connect.NodeChoiceViewModel nodes) {
        beamscope.app.connect.NodeMenu.install(scene.getRoot(), nodes, state);
        bulk.destructiveProperty().bind(nodes.onEmbeddedProperty().or(nodes.destructiveProperty()));
        beamscope.app.timeline.TimelineBar.install(scene.getRoot(), nodes.timeline());
    }

    /** The window's size on a screen with these visual bounds: 1280×800, or the whole screen when smaller. */
    public static javafx.geometry.Dimension2D fitting(javafx.geometry.Rectangle2D screen) {
        return new javafx.geometry.Dimension2D(Math.min(1280, screen.getWidth()), Math.min(800, screen.getHeight()));
    }

    /** What the toolbar's "Reset node" does (the app starts a fresh node); hidden until set. */
    public void setOnResetNode(Runnable reset) {
        view.setOnResetNode(reset);
    }

    /**
     * The Lessons panel (beamscope.app.lessons) and its menu (first in the status bar), on the embedded node
     * only: the menu opens a lesson, the panel shows on the left, the tree tab comes to the front and rings
     * the processes each step is about. Lessons run their blocking work on a thread of their own.
     */
    private void mountLessons(beamscope.runtime.Node runtimeNode) {
        lessonThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "beamscope-lessons");
            t.setDaemon(true);
            return t;
        });
        lessons = new beamscope.app.lessons.LessonsViewModel(runtimeNode, lessonThread, Platform::runLater);
        lessonsView = beamscope.app.lessons.LessonsView.load(lessons);
        lessonsView.installShortcuts(scene);
        tree.highlightedProperty().bind(lessons.highlightedProperty());
        sampler.walkWhenDone(lessons.busyProperty());   // the tree shows what a step did, not a walk from before it
        sequenceView.suggest(lessons.highlightedProperty());   // the Sequence tab's "Lesson's processes"
        javafx.scene.layout.BorderPane root = (javafx.scene.layout.BorderPane) scene.getRoot();
        javafx.scene.control.MenuButton menu = beamscope.app.lessons.LessonsMenu.of(lessons);   // a submenu per tutorial part
        // first in the status bar: the toolbar is full at 1280 px, and an item added there pushes Resume into its overflow
        ((javafx.scene.layout.Pane) root.lookup(".status-bar")).getChildren().add(0, menu);
        // In presenter mode (1024×768) the lesson panel takes the side column's width: the side column folds
        // away while a lesson is open (its divider can be dragged back), so the tree keeps its room.
        Runnable fold = () -> {
            if (root.lookup("#presenterSplit") instanceof javafx.scene.control.SplitPane split && split.getScene() != null)
                split.setDividerPositions(lessons.lessonProperty().get() == null ? 0.68 : 1.0);
        };
        state.presenterProperty().addListener((o, a, on) -> fold.run());
        lessons.lessonProperty().addListener((o, a, l) -> {
            if (l == null) {
                root.setLeft(null);
                fold.run();
                return;
            }
            root.setLeft(lessonsView.root());
            fold.run();
            if (root.lookup("#tabs") instanceof javafx.scene.control.TabPane tabs)
                tabs.getTabs().stream().filter(t -> t.getContent() == view.treePane()).findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        offerRunCode();
        lessonsView.setOnClose(() -> {
            lessons.leave();
            model.showStatus("The lesson's processes are gone. Process ▸ Reset node brings the demo back.");
        });
        lessons.setOnStarted(state::select);   // the tree brings the lesson's top supervisor into view
    }

    /**
     * The Console tab (beamscope.app.console): an Elixir shell on the embedded node, started the first time the
     * tab comes to the front (its process then shows in the tree and table); on a real node it says it runs on
     * the embedded node only. A reset node gets a new window, so a new console with a shell on the new node.
     */
    private void mountConsole(Observed node) {
        console = node instanceof beamscope.app.observe.LocalNode local
                ? new beamscope.app.console.ConsoleViewModel(local.node(), Platform::runLater, background)
                : beamscope.app.console.ConsoleViewModel.elsewhere(node.nodeName());
        beamscope.app.console.ConsoleView consoleView = beamscope.app.console.ConsoleView.load(console);
        view.consolePane().getChildren().setAll(consoleView.root());
        consoleTab().selectedProperty().addListener((o, was, selected) -> {
            if (!selected) return;
            console.start();
            Platform.runLater(consoleView.input()::requestFocus);
        });
    }

    private javafx.scene.control.Tab consoleTab() {
        return view.tabs().getTabs().stream().filter(t -> t.getContent() == view.consolePane()).findFirst().orElseThrow();
    }

    /** Brings the Console tab to the front and evaluates {@code code} there, as if typed (a lesson's "Run this code"). */
    public void runInConsole(String code) {
        view.tabs().getSelectionModel().select(consoleTab());
        console.evaluate(code);
    }

    /** The Console tab's view model. */
    public beamscope.app.console.ConsoleViewModel console() { return console; }

    /**
     * The lesson's "Run this code": enabled once the lesson's Elixir is known to run on Beamscope
     * ({@link beamscope.app.console.Trial}, tried once on a scratch node); else the note beside it says why.
     */
    private void offerRunCode() {
        javafx.scene.control.Button run = lessonsView.runCodeButton();
        javafx.scene.control.Label note = lessonsView.runCodeNote();
        lessons.lessonProperty().addListener((o, a, l) -> {
            run.setDisable(true);
            note.setText(l == null ? "" : "Checking whether this code runs on Beamscope…");
            if (l == null) return;
            beamscope.app.console.Trial.of(l.elixir()).thenAccept(v -> Platform.runLater(() -> {
                if (lessons.lessonProperty().get() != l) return;
                run.setDisable(!v.runs());
                note.setText(!v.runs() ? v.why() : v.outcome() == beamscope.app.console.Trial.Outcome.KEEPS_RUNNING
                        ? "Runs it in the Console tab (it keeps running, as a server does)." : "Runs it in the Console tab.");
                note.setTooltip(new javafx.scene.control.Tooltip(v.why()));
            }));
        });
        run.setOnAction(e -> {
            beamscope.app.lessons.Lesson l = lessons.lessonProperty().get();
            if (l != null) runInConsole(l.elixir());
        });
    }

    /** The Lessons panel's view model (null on a node without embedded controls). */
    public beamscope.app.lessons.LessonsViewModel lessons() { return lessons; }

    public Scene scene() { return scene; }
    public AppState state() { return state; }
    public MainWindowViewModel model() { return model; }
    public MainWindowView view() { return view; }
    public Sampler sampler() { return sampler; }
    public TreeViewModel tree() { return tree; }
    public SchedulerViewModel schedulers() { return schedulers; }
    /** FX-thread time per frame and per pulse. */
    public FxCost fxCost() { return fxCost; }

    @Override
    public void close() {
        sampler.close();
        console.close();
        sequence.close();
        background.shutdownNow();
        processExport.cancel();
        gridPainter.shutdownNow();
        if (lessons != null) {
            lessons.leave();
            lessonThread.shutdown();
        }
    }
}
