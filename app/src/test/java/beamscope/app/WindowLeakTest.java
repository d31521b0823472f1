package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A window view replaced by Reset node, by a lesson's fresh node or by another node is garbage: nothing long-lived
 * (the stage, the Node menu's view model, the toolkit's timers, the app) keeps its scene graph or view models.
 */
class WindowLeakTest extends WindowTest {

    @BeforeEach
    void launch() throws Exception {
        waitUntil(() -> app.window().state().selected() != null);
    }

    /** Brings every tab of the window to the front once, so that each view was built and shown. */
    void visitEveryTab() throws Exception {
        TabPane tabs = onFx(() -> app.window().view().tabs());
        int n = onFx(() -> tabs.getTabs().size());
        for (int i = 0; i < n; i++) {
            int at = i;
            interact(() -> tabs.getSelectionModel().select(at));
            WaitForAsyncUtils.waitForFxEvents();
            waitUntil(() -> onFx(() -> tabs.getTabs().get(at).getContent().getScene() != null));
        }
        interact(() -> tabs.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Weak references to a window and the parts of it a leak would keep: its scene, root, view models. */
    static List<WeakReference<Object>> parts(MainWindow w) {
        List<WeakReference<Object>> refs = new ArrayList<>();
        for (Object o : new Object[] {w, w.scene(), w.scene().getRoot(), w.view(), w.model(), w.state(), w.tree(),
                w.schedulers(), w.sampler(), w.charts(), w.console(), w.sequence(), w.grid(), w.bulk(), w.lessons()})
            if (o != null) refs.add(new WeakReference<>(o));
        return refs;
    }

    /**
     * TestFX keeps every event fired at the stage since it was registered, and the last window the robot aimed at
     * (a menu's popup, say): both hold nodes of the windows replaced since. A fresh registration and the current
     * window as the target let them go, as closing the test does.
     */
    void forgetWhatTheRobotTouched() throws Exception {
        FxToolkit.registerPrimaryStage();
        targetWindow(onFx(() -> app.window().scene().getWindow()));
    }

    /** Collects garbage until every reference is cleared, or the deadline passes; returns those still alive. */
    static List<String> alive(List<WeakReference<Object>> refs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> left;
        do {
            System.gc();
            WaitForAsyncUtils.waitForFxEvents();   // pending FX work (a pulse, a runLater) may still hold a part
            left = refs.stream().map(WeakReference::get).filter(java.util.Objects::nonNull)
                    .map(o -> o.getClass().getName()).toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        return left;
    }

    @Test
    void windowsReplacedByResetNodeAndByALesson_areCollected() throws Exception {
        List<WeakReference<Object>> replaced = new ArrayList<>();
        visitEveryTab();
        MainWindow first = app.window();
        replaced.addAll(parts(first));
        replaced.add(new WeakReference<>(app.node()));   // the node thrown away with its window
        MainWindow second = onFx(() -> app.resetNode(app.startDemo)).get(60, TimeUnit.SECONDS);
        assertThat(second).isNotSameAs(first);
        first = null;
        waitUntil(() -> app.window().state().selected() != null);
        visitEveryTab();
        replaced.addAll(parts(second));
        replaced.add(new WeakReference<>(app.node()));
        second = null;
        LessonMenus.open(this, app, "bank-supervised");
        visitEveryTab();
        MainWindow lesson = app.window();
        replaced.addAll(parts(lesson));
        replaced.add(new WeakReference<>(app.node()));
        lesson = null;
        // a window replaced at once, before any clock of its own ticked
        replaced.addAll(parts(onFx(() -> app.resetNode(app.startDemo)).get(60, TimeUnit.SECONDS)));
        replaced.add(new WeakReference<>(app.node()));
        onFx(() -> app.resetNode(n -> {})).get(60, TimeUnit.SECONDS);
        onFx(() -> app.resetNode(app.startDemo)).get(60, TimeUnit.SECONDS);
        waitUntil(() -> app.window().state().selected() != null);
        forgetWhatTheRobotTouched();
        List<String> left = alive(replaced);
        if (!left.isEmpty() && Boolean.getBoolean("beamscope.leakDump")) dump();
        assertThat(left).as("parts of replaced windows still reachable").isEmpty();
    }

    @Test
    void windowsReplacedBySwitchingToTheRecordingAndBack_areCollected() throws Exception {
        var timeline = app.nodes().timeline();
        waitUntil(() -> onFx(() -> app.window().tree().frame().processes() > 1));
        visitEveryTab();
        List<WeakReference<Object>> replaced = new ArrayList<>(parts(app.window()));
        WeakReference<Object> live = replaced.get(0);
        onFx(() -> timeline.seek(0.5)).get(60, TimeUnit.SECONDS);
        waitUntil(() -> onFx(() -> app.window() != live.get() && timeline.shown() != null));
        visitEveryTab();
        replaced.addAll(parts(app.window()));
        onFx(() -> {
            timeline.live();
            return null;
        });
        waitUntil(() -> onFx(() -> app.nodes().onEmbeddedProperty().get() && timeline.shown() == null));
        waitUntil(() -> onFx(() -> app.window().tree().frame().processes() > 0));
        forgetWhatTheRobotTouched();
        List<String> left = alive(replaced);
        if (!left.isEmpty() && Boolean.getBoolean("beamscope.leakDump")) dump();
        assertThat(left).as("parts of replaced windows still reachable").isEmpty();
    }

    /** What the GUI tests sharing one JVM rely on: an app closed by its test is garbage once the next one runs. */
    @Test
    void aClosedApp_isCollected_onceTheNextOneRuns() throws Exception {
        visitEveryTab();
        List<WeakReference<Object>> closed = new ArrayList<>(parts(app.window()));
        closed.add(new WeakReference<>(app));
        closed.add(new WeakReference<>(app.node()));
        FxToolkit.cleanupApplication(app);
        app = (BeamscopeApp) FxToolkit.setupApplication(BeamscopeApp.class);
        assertThat(app.awaitDemo(java.time.Duration.ofSeconds(30))).isTrue();
        waitUntil(() -> app.window().state().selected() != null);
        forgetWhatTheRobotTouched();
        List<String> left = alive(closed);
        if (!left.isEmpty() && Boolean.getBoolean("beamscope.leakDump")) dump();
        assertThat(left).as("parts of the closed app still reachable").isEmpty();
    }

    /** -Dbeamscope.leakDump=true: writes target/leak.hprof (live objects) when a replaced window stays reachable. */
    static void dump() throws Exception {
        var bean = java.lang.management.ManagementFactory.newPlatformMXBeanProxy(
                java.lang.management.ManagementFactory.getPlatformMBeanServer(),
                "com.sun.management:type=HotSpotDiagnostic", com.sun.management.HotSpotDiagnosticMXBean.class);
        java.nio.file.Path out = java.nio.file.Path.of("target", "leak.hprof");
        java.nio.file.Files.deleteIfExists(out);
        bean.dumpHeap(out.toString(), true);
    }
}
