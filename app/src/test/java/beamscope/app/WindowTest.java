package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A test of the app's real window, headless, driven by the robot it extends. Before each test the app opens on
 * TestFX's primary stage at 1280×800 (the stage is shared by every GUI test in the JVM, and an earlier one may have
 * left it another size) and its demo tree has started; after it, the app is closed as the user closes it. The CSS
 * engine's warnings in between are recorded ({@link #css}). A subclass's own {@code @BeforeEach} runs after the app
 * opened, its {@code @AfterEach} before the app closes.
 *
 * <p>Every wait has one deadline, {@value #DEADLINE_SECONDS} s, generous for a busy 2-core machine: a condition that
 * holds sooner ends it sooner. Tests without the app use the waits alone, and {@link #showWindow} for a window of
 * their own.
 */
public abstract class WindowTest extends FxRobot {
    public static final long DEADLINE_SECONDS = 60;

    /** The app under test. */
    protected BeamscopeApp app;
    /** What the CSS engine warned about since the app began to open. */
    CssWarnings css;

    @BeforeEach
    protected final void openApp() throws Exception {
        css = CssWarnings.record();
        FxToolkit.registerPrimaryStage();
        app = (BeamscopeApp) FxToolkit.setupApplication(BeamscopeApp.class);
        interact(() -> {
            javafx.stage.Window w = app.window().scene().getWindow();
            w.setWidth(1280);
            w.setHeight(800);
        });
        assertThat(app.awaitDemo(java.time.Duration.ofSeconds(DEADLINE_SECONDS))).as("the demo tree started").isTrue();
    }

    @AfterEach
    protected final void closeApp() throws Exception {
        try {
            if (app != null) FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
            afterClose();
        } finally {
            css.close();
        }
    }

    /** Checks made once the app has closed (its CSS warnings are still at hand). */
    protected void afterClose() throws Exception {}

    /** Shows a window of the test's own (no app) on TestFX's primary stage at 1280×800; returns it once shown. */
    public static MainWindow showWindow(java.util.function.Supplier<MainWindow> make) throws Exception {
        FxToolkit.registerPrimaryStage();
        MainWindow[] w = new MainWindow[1];
        FxToolkit.setupStage(stage -> {
            w[0] = make.get();
            stage.setScene(w[0].scene());
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return w[0];
    }

    /** Closes a window shown by {@link #showWindow} (its sampler and threads, not its node) and hides the stage. */
    public static void closeWindow(MainWindow w) throws Exception {
        FxToolkit.setupFixture(w::close);
        FxToolkit.cleanupStages();
    }

    /** Writes what window {@code w} shows now to {@code file}, a PNG (its folder is made if need be). */
    protected void save(MainWindow w, java.nio.file.Path file) throws Exception {
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        interact(() -> img[0] = w.scene().snapshot(null));
        Pngs.write(img[0], file);
    }

    /**
     * Clicks the node {@code query} finds, looked up on the FX thread: the window changes its scene graph all the
     * time, and a lookup walking it from the test's thread can trip over a child list that shrinks under it.
     */
    @Override
    public FxRobot clickOn(String query, javafx.scene.input.MouseButton... buttons) {
        javafx.scene.Node target;
        try {
            target = onFx(() -> lookup(query).query());
        } catch (Exception e) {
            throw new IllegalStateException("nothing in the window for " + query, e);
        }
        return (FxRobot) clickOn(target, buttons);
    }

    /** Waits until {@code condition} holds (polled on the test's thread). */
    public static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS, condition);
    }

    /** Runs {@code read} on the FX thread and returns what it returned. */
    public static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
}
