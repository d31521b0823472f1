package beamscope.app;

import beamscope.app.demo.Demo;
import beamscope.app.demo.Examples;
import beamscope.app.observe.LocalNode;
import beamscope.runtime.Node;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts a node, opens the observer window on it, then starts the built-in demo tree on a background
 * thread, so the window shows it coming up (spawns in the event log, the table filling) and then selects
 * the bank account.
 */
public class BeamscopeApp extends Application {

    private Node node;
    private volatile Demo demo;
    private LocalNode observed;
    private MainWindow window;
    private final java.util.concurrent.CountDownLatch demoStarted = new java.util.concurrent.CountDownLatch(1);

    @Override
    public void init() {
        node = Node.start();
        observed = new LocalNode(node, Examples.CATALOGUE);
    }

    @Override
    public void start(Stage stage) {
        window = new MainWindow(observed, 1280, 800);
        stage.setTitle("Beamscope — " + node.config().name());
        stage.setScene(window.scene());
        stage.setMinWidth(800);
        stage.setMinHeight(600);
        stage.show();
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
