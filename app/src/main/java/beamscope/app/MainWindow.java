package beamscope.app;

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

    public MainWindow(Observed node, double width, double height) {
        MainWindowViewModel[] vm = new MainWindowViewModel[1];
        sampler = new Sampler(node, Platform::runLater, f -> vm[0].show(f));
        model = vm[0] = new MainWindowViewModel(node, sampler::update, state, Platform::runLater, background);
        FXMLLoader loader = Views.load("MainWindow");
        Parent root = loader.getRoot();
        view = loader.getController();
        view.init(model);
        scene = new Scene(root, width, height);
        Stylesheets.follow(root, state.themeProperty(), state.presenterProperty());
        view.installShortcuts(scene);
        sampler.start(SAMPLE_PERIOD);
    }

    public Scene scene() { return scene; }
    public AppState state() { return state; }
    public MainWindowViewModel model() { return model; }
    public MainWindowView view() { return view; }
    public Sampler sampler() { return sampler; }

    @Override
    public void close() {
        sampler.close();
        background.shutdownNow();
    }
}
