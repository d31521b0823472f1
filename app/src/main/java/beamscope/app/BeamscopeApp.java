package beamscope.app;

import beamscope.app.demo.Demo;
import beamscope.app.observe.LocalNode;
import beamscope.runtime.Node;
import javafx.application.Application;
import javafx.stage.Stage;

/** Starts a node with the built-in demo and opens the observer window on it. */
public class BeamscopeApp extends Application {

    private Node node;
    private Demo demo;
    private LocalNode observed;
    private MainWindow window;

    /** Starts the node and the demo tree on the launcher thread: the FX thread never waits for the node. */
    @Override
    public void init() {
        node = Node.start();
        demo = Demo.start(node);
        observed = new LocalNode(node);
    }

    @Override
    public void start(Stage stage) {
        window = new MainWindow(observed, 1280, 800);
        stage.setTitle("Beamscope — " + node.config().name());
        stage.setScene(window.scene());
        stage.setMinWidth(800);
        stage.setMinHeight(600);
        stage.show();
    }

    /** The window, for tests that drive it. */
    public MainWindow window() {
        return window;
    }

    public Node node() {
        return node;
    }

    @Override
    public void stop() {
        if (window != null) window.close();
        if (demo != null) demo.stop();
        if (observed != null) observed.close();
        if (node != null) node.close();
    }
}
