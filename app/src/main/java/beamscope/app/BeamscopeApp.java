package beamscope.app;

import beamscope.app.demo.Demo;
import beamscope.app.demo.Examples;
import beamscope.app.connect.NodeChoiceViewModel;
import beamscope.app.observe.LocalNode;
import beamscope.app.observe.Observed;
import beamscope.runtime.MemoryWatermark;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import javafx.application.Application;
import javafx.application.Platform;
import beamscope.app.theme.Theme;
import javafx.stage.Stage;

/**
 * Starts a node, opens the observer window on it, then starts the built-in demo tree on a background
 * thread, so the window shows it coming up (spawns in the event log, the table filling) and then selects
 * the bank account.
 *
 * <p>The Node menu ({@link NodeChoiceViewModel}) switches the window to a real BEAM node and back: each switch
 * builds the views afresh on the new node and stops the old ones off the FX thread. With
 * {@code -Dattach=NODE [-Dcookie=C]} the window attaches to that node as it opens (the Connect dialog opens
 * with the error if it cannot).
 *
 * <p>With {@code -Dbeamscope.startupProbe=true} (bench/startup.sh) the app prints
 * {@code demo tree shown after N ms (epoch E ms)} at the first pulse whose tree holds the demo's bank
 * account, N counted from the JVM process's start, and exits.
 */
public class BeamscopeApp extends Application {

    /** The node's memory watermark: messages queued in all mailboxes before the window shows the alarm. */
    public static final long WATERMARK = 1_000_000;

    static final String STARTUP_PROBE = "beamscope.startupProbe";

    private volatile Node node;
    private volatile Demo demo;
    private volatile LocalNode observed;
    private volatile MainWindow window;
    private Stage stage;
    private NodeChoiceViewModel nodes;
    /** Attaching, listing clusters, starting local nodes, stopping old views: never on the FX thread. */
    private final java.util.concurrent.ExecutorService nodeWork = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "beamscope-nodes");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.CountDownLatch demoStarted = new java.util.concurrent.CountDownLatch(1);

    /** The node reset under way, if any (FX thread). */
    private java.util.concurrent.CompletableFuture<MainWindow> resetting = java.util.concurrent.CompletableFuture.completedFuture(null);

    /** What "Reset node" starts on the fresh node: the built-in demo. */
    public final java.util.function.Consumer<Node> startDemo = n -> demo = Demo.start(n);

    @Override
    public void init() {
        node = freshNode();
        observed = new LocalNode(node, Examples.CATALOGUE);
    }

    private static Node freshNode() {
        return Node.start(NodeConfig.defaults().withMemoryWatermark(MemoryWatermark.messages(WATERMARK)));
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        nodes = new NodeChoiceViewModel(observed, this::show, Platform::runLater, nodeWork);
        // fits the screen it opens on: 1280×800 where there is room, all of a 1024×768 projector where not
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        javafx.geometry.Dimension2D size = MainWindow.fitting(screen);
        window = new MainWindow(observed, size.getWidth(), size.getHeight());
        window.offerNodes(nodes);
        stage.setTitle("Beamscope — " + node.config().name());
        stage.setScene(window.scene());
        offerResets(window);
        stage.setX(screen.getMinX() + (screen.getWidth() - size.getWidth()) / 2);
        stage.setY(screen.getMinY() + (screen.getHeight() - size.getHeight()) / 2);
        stage.setMinWidth(Math.min(800, size.getWidth()));
        stage.setMinHeight(Math.min(600, size.getHeight()));
        stage.show();
        if (Boolean.getBoolean(STARTUP_PROBE)) probeStartup(stage);
        String attach = System.getProperty("attach", "");
        if (!attach.isBlank()) {
            nodes.nodeNameProperty().set(attach.strip());
            nodes.cookieProperty().set(System.getProperty("cookie", "").strip());
            nodes.connect().thenAccept(ok -> {
                if (!ok) beamscope.app.connect.ConnectDialogView.open(stage, nodes, window.state().themeProperty(),
                        window.state().presenterProperty());
            });
        }
        Thread.ofPlatform().daemon().name("beamscope-demo").start(() -> {
            try {
                demo = Demo.start(node);
                node.whereis("bank").ifPresent(bank -> Platform.runLater(() -> {
                    if (window.state().selected() == null) window.state().select(bank);
                }));
            } finally {
                demoStarted.countDown();
            }
        });
    }

    /** Prints when a laid-out pulse first shows the demo tree (its bank account), then exits. */
    private void probeStartup(Stage stage) {
        boolean[] done = {false};
        stage.getScene().addPostLayoutPulseListener(() -> {
            if (done[0] || demoStarted.getCount() > 0) return;
            var bank = node.whereis("bank");
            if (bank.isEmpty() || !window.tree().frame().indexByPid().containsKey(bank.get())) return;
            done[0] = true;
            long now = System.currentTimeMillis();
            long start = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(now);
            System.out.println("demo tree shown after " + (now - start) + " ms (epoch " + now + " ms)");
            System.out.flush();
            Platform.exit();
        });
    }

    /**
     * Shows {@code o}'s views in place of the current ones (FX thread), keeping the theme, presenter mode and
     * window size; the old views stop off the FX thread, and the future completes when they have.
     */
    /** Whether the window shows the embedded node's recent past (the timeline dragged back). */
    private boolean showingRecording;

    private java.util.concurrent.CompletableFuture<Void> show(Observed o) {
        MainWindow old = window;
        javafx.scene.Scene scene = old.scene();
        MainWindow next = new MainWindow(o, scene.getWidth(), scene.getHeight());
        next.state().themeProperty().set(old.state().themeProperty().get());
        next.state().presenterProperty().set(old.state().presenterProperty().get());
        next.offerNodes(nodes);
        if (o.embedded().isPresent()) offerResets(next);
        boolean past = o instanceof beamscope.app.timeline.RecordedNode r && r.ofEmbedded();
        boolean carry = past || showingRecording && o.embedded().isPresent();
        showingRecording = past;
        if (carry) {
            // the timeline dragged back, or Live again: the same lifelines on the Sequence tab, and the same tab in front
            next.sequence().follow(old.sequence().model().lanes());
            next.view().tabs().getSelectionModel().select(old.view().tabs().getSelectionModel().getSelectedIndex());
        }
        window = next;
        stage.setScene(next.scene());
        stage.setTitle("Beamscope — " + o.nodeName());
        return java.util.concurrent.CompletableFuture.runAsync(old::close, nodeWork);
    }

    /**
     * Process ▸ Reset node (a fresh node with the demo), and lessons that open (and reset) on a fresh node with
     * only their own processes: the new window's Lessons panel starts the lesson.
     */
    private void offerResets(MainWindow w) {
        w.setOnResetNode(() -> resetNode(startDemo));
        if (w.lessons() != null)
            w.lessons().setOnFreshNode(l -> resetNode(n -> {}).thenAccept(fresh -> fresh.lessons().start(l)));
    }

    /** Which node the window shows, and the actions that switch it (tests). */
    public NodeChoiceViewModel nodes() {
        return nodes;
    }

    /**
     * Throws the node away and starts a fresh one: closes the window's sampler, the node (every process
     * in it) and its observer, starts a new node and runs {@code setup} on it (off the FX thread: it may
     * block until a supervision tree is up), then shows it in a new window view on the same stage, in the
     * same theme and presenter mode, with empty tables, tree and event log. Call on the FX thread; the
     * future completes on the FX thread once the new view shows. A lesson resets with its own setup.
     */
    public java.util.concurrent.CompletableFuture<MainWindow> resetNode(java.util.function.Consumer<Node> setup) {
        if (!resetting.isDone()) return resetting;   // one reset at a time: a second click gets the first's window
        MainWindow old = window;
        Theme theme = old.state().themeProperty().get();
        boolean presenter = old.state().presenterProperty().get();
        old.close();
        Node oldNode = node;
        LocalNode oldObserved = observed;
        java.util.concurrent.CompletableFuture<MainWindow> shown = resetting = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().daemon().name("beamscope-reset").start(() -> {
            try {
                oldObserved.close();
                oldNode.close();
                Node fresh = freshNode();
                LocalNode freshObserved = new LocalNode(fresh, Examples.CATALOGUE);
                node = fresh;
                observed = freshObserved;
                demo = null;   // gone with its node; startDemo starts another, a lesson's setup none
                setup.accept(fresh);
                Platform.runLater(() -> {
                    try {
                        MainWindow w = new MainWindow(freshObserved, stage.getScene().getWidth(), stage.getScene().getHeight());
                        w.state().themeProperty().set(theme);
                        w.state().presenterProperty().set(presenter);
                        offerResets(w);
                        if (!old.tree().introProperty().get()) w.tree().dismissIntro();   // a card put away stays away
                        nodes.replaceEmbedded(freshObserved);
                        w.offerNodes(nodes);
                        window = w;
                        stage.setTitle("Beamscope — " + fresh.config().name());
                        stage.setScene(w.scene());
                        fresh.whereis("bank").ifPresent(w.state()::select);
                        w.model().showStatus("Fresh node: every process of the old one is gone.");
                        shown.complete(w);
                    } catch (RuntimeException e) {
                        shown.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                shown.completeExceptionally(e);
            }
        });
        return shown;
    }

    /** The window, for tests that drive it. */
    public MainWindow window() {
        return window;
    }

    public Node node() {
        return node;
    }

    /** Waits until the demo tree has started (tests). */
    public boolean awaitDemo(java.time.Duration timeout) throws InterruptedException {
        return demoStarted.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (window != null) window.close();
        if (nodes != null) nodes.close();
        nodeWork.shutdownNow();
        try {
            demoStarted.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (demo != null) demo.stop();
        if (observed != null) observed.close();
        if (node != null) node.close();
    }
}
