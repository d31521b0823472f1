package beamscope.app.tree;

import beamscope.app.schedulers.SchedulerControls;
import beamscope.app.theme.Stylesheets;
import beamscope.app.theme.Theme;
import beamscope.app.schedulers.SchedulerSource;
import beamscope.app.schedulers.SchedulerViewModel;
import beamscope.app.schedulers.SchedulersView;
import beamscope.runtime.Atom;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.SpawnOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the views to PNGs for docs/, with the window's screenshots (run on demand:
 * {@code mvn -pl app -am verify -Dgroups=screenshots -Dbeamscope.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false},
 * or add {@code -Dtest=ViewScreenshotsTest} for these alone).
 */
@Tag("screenshots")
class ViewScreenshotsTest extends FxRobot {

    static final Path DOCS = Path.of(System.getProperty("beamscope.docs", "../docs"));
    Node node;
    Stage stage;

    @BeforeEach
    void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (node != null) {
            node.resumeSchedulers();
            node.close();
        }
    }

    /** Shows a view in the app's own stylesheets: light or dark, presenter mode or not. */
    void show(Parent view, int w, int h, Theme theme, boolean presenter) throws Exception {
        FxToolkit.setupStage(s -> {
            StackPane root = new StackPane(view);
            Stylesheets.apply(root, theme, presenter);
            Scene scene = new Scene(root, w, h);
            s.setScene(scene);
            s.setWidth(w);
            s.setHeight(h);
            s.show();
        });
    }

    void shoot(String file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents(5);
        interact(() -> Png.write(stage.getScene(), DOCS.resolve(file)));
    }

    void waitFor(java.util.function.Supplier<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(45, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c::get).get());
    }

    TreeItem named(TreeViewModel vm, String name) {
        return vm.frame().items().stream().filter(i -> name.equals(i.name())).findFirst().orElse(null);
    }

    void tree(String file, int w, int h, Theme theme, boolean presenter) throws Exception {
        node = Node.start(NodeConfig.defaults().withSchedulers(2));
        TreeDemo.start(node);
        AtomicLong clock = new AtomicLong(System.nanoTime());
        TreeViewModel vm = new TreeViewModel(new SimpleObjectProperty<>(), clock::get);
        try (TreeSource src = new TreeSource(node, vm, TreeDemo.probe(node), Duration.ofMillis(100))) {
            show(SupervisionTreeView.load(vm), w, h, theme, presenter);
            waitFor(() -> named(vm, "w4") != null && named(vm, "bank") != null);
            Pid bank = WaitForAsyncUtils.asyncFx(() -> named(vm, "bank").pid()).get();
            for (int i = 0; i < 191; i++) node.send(bank, Atom.of("deposit"));
            Pid pool = TreeDemo.pool(node, "conn_pool", 5000);
            var dyn = (beamscope.runtime.otp.StartResult.Ok) beamscope.runtime.otp.DynamicSupervisor.start(node, 3, 5,
                    beamscope.runtime.otp.DynamicSupervisor.INFINITY, beamscope.runtime.otp.StartOptions.named("session_sup"));
            for (int i = 0; i < 3; i++)
                beamscope.runtime.otp.DynamicSupervisor.startChild(node, dyn.pid(), beamscope.runtime.otp.ChildSpec.worker(
                        "session", beamscope.runtime.otp.ChildStart.spawnLink(TreeDemo.worker("Session.loop/1"))));
            waitFor(() -> vm.frame().items().stream().anyMatch(i -> i.kind() == TreeItem.Kind.AGGREGATE));
            // crash counter_b (one_for_all restarts all three) and kill w2 twice (rest_for_one)
            Pid b = WaitForAsyncUtils.asyncFx(() -> named(vm, "counter_b").pid()).get();
            node.exit(b, Atom.KILL);
            waitFor(() -> named(vm, "counter_b") != null && !named(vm, "counter_b").pid().equals(b));
            Pid w3 = WaitForAsyncUtils.asyncFx(() -> named(vm, "w3").pid()).get();
            clock.addAndGet(5_000_000_000L);
            node.exit(w3, Atom.KILL);
            waitFor(() -> named(vm, "w3") != null && !named(vm, "w3").pid().equals(w3));
            Pid logger = node.spawn(TreeDemo.worker("Logger.loop/1"));
            waitFor(() -> vm.frame().item(logger) != null);
            clock.addAndGet(1_200_000_000L);  // the rest_for_one restart is showing its new pids
            node.exit(logger, Atom.KILL);
            waitFor(() -> vm.isPhantom(logger) && vm.frame().item(logger) != null);
            clock.addAndGet(200_000_000L);   // freeze the animations part-way
            interact(() -> vm.selectionProperty().set(bank));
            shoot(file);
        }
    }

    @Test
    void tree() throws Exception {
        tree("tree.png", 1280, 800, Theme.LIGHT, false);
    }

    @Test
    void treeWithAnOpenAggregate() throws Exception {
        node = Node.start(NodeConfig.defaults().withSchedulers(2));
        TreeViewModel vm = new TreeViewModel(new SimpleObjectProperty<>());
        try (TreeSource src = new TreeSource(node, vm, TreeDemo.probe(node), Duration.ofMillis(100))) {
            show(SupervisionTreeView.load(vm), 1280, 800, Theme.LIGHT, false);
            Pid pool = TreeDemo.pool(node, "conn_pool", 5000);
            waitFor(() -> vm.frame().items().stream().anyMatch(i -> i.kind() == TreeItem.Kind.AGGREGATE && i.aggregate().count() == 5000));
            interact(() -> vm.toggle(vm.frame().items().stream().filter(i -> i.kind() == TreeItem.Kind.AGGREGATE).findFirst().orElseThrow()));
            waitFor(() -> vm.frame().items().size() > 50);
            interact(() -> vm.page(vm.frame().items().stream().filter(i -> i.kind() == TreeItem.Kind.AGGREGATE).findFirst().orElseThrow(), 2));
            waitFor(() -> vm.frame().items().stream().anyMatch(i -> i.aggregate() != null && i.aggregate().page() == 2));
            shoot("../app/target/shots/tree-aggregate.png");
        }
    }

    @Test
    void treePresenter() throws Exception {
        tree("tree-presenter.png", 1024, 768, Theme.LIGHT, true);
    }

    @Test
    void treeDark() throws Exception {
        tree("tree-dark.png", 1280, 800, Theme.DARK, false);
    }

    void schedulers(String file, int w, int h, boolean pause, int schedulers, Theme theme, boolean presenter) throws Exception {
        node = Node.start(NodeConfig.defaults().withSchedulers(schedulers));
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 6; i++)
            node.spawn(nap(new java.util.Random(random.nextLong())), SpawnOptions.defaults().withInitialCall("Burst.crunch/1"));
        for (int i = 0; i < 3; i++)
            node.spawn(nap(new java.util.Random(7 + i)), SpawnOptions.defaults().withPriority(Priority.LOW)
                    .withInitialCall("Report.build/2"));
        for (int i = 0; i < 2; i++)
            node.spawn(tick(), SpawnOptions.defaults().withPriority(Priority.HIGH).withInitialCall("Clock.tick/0"));
        for (int i = 0; i < 3; i++) {
            Pid pong = node.spawn(pingPong(), SpawnOptions.defaults().withInitialCall("Pong.loop/1"));
            Pid ping = node.spawn(pingPong(), SpawnOptions.defaults().withInitialCall("Ping.loop/1"));
            node.send(ping, pong);
        }
        for (int i = 0; i < 200; i++) node.spawn(TreeDemo.worker("Idle.loop/0"));
        SchedulerViewModel vm = new SchedulerViewModel(SchedulerSource.controls(node), new SimpleObjectProperty<>());
        try (SchedulerSource src = new SchedulerSource(node, vm, Duration.ofMillis(100))) {
            show(SchedulersView.load(vm), w, h, theme, presenter);
            long t0 = System.nanoTime();
            waitFor(() -> vm.history().size() > 0 && vm.history().newest() - vm.history().samples().iterator().next().nanos() > 25e9);
            if (pause) {
                interact(vm::pause);
                waitFor(() -> node.snapshot().schedulers().stream().allMatch(s -> s.running() == null));
                interact(vm::step);
                waitFor(() -> !vm.steppingProperty().get());
                interact(() -> vm.slowMotionMillisProperty().set(400));
            }
            shoot(file);
        }
    }

    static volatile long sink;

    /** Crunches for a while, then naps: a scheduler's utilisation goes up and down. */
    static beamscope.runtime.Behavior burst(int slices, java.util.Random r) {
        return Behaviors.compute(ctx -> {
            spin();
            ctx.work(400);
            return slices > 0 ? burst(slices - 1, r) : nap(r);
        });
    }

    static beamscope.runtime.Behavior nap(java.util.Random r) {
        return Behaviors.receive((c, m) -> Behaviors.unhandled())
                .after(Duration.ofMillis(300 + r.nextInt(2500)), c -> burst(100 + r.nextInt(600), r));
    }

    static beamscope.runtime.Behavior tick() {
        return Behaviors.receive((c, m) -> Behaviors.unhandled()).after(Duration.ofMillis(20), c -> {
            spin();
            return tick();
        });
    }

    /** Sends each message straight back, to the pid it got first. */
    static beamscope.runtime.Behavior pingPong() {
        return Behaviors.receive((c, m) -> {
            if (m instanceof Pid other) {
                c.send(other, c.self());
                return pingPong(other);
            }
            return Behaviors.unhandled();
        });
    }

    static beamscope.runtime.Behavior pingPong(Pid other) {
        return Behaviors.receive((c, m) -> {
            c.send(other, m);
            return Behaviors.same();
        });
    }

    /** Real CPU work (about 20 µs), so slices take time and a scheduler is seen running something. */
    static void spin() {
        long x = 0;
        for (int i = 0; i < 20_000; i++) x += (long) i * i ^ (x >>> 3);
        sink = x;
    }

    @Test
    void schedulers() throws Exception {
        schedulers("schedulers.png", 1280, 800, false, 4, Theme.LIGHT, false);
    }

    @Test
    void schedulers64() throws Exception {
        schedulers("../app/target/shots/schedulers-64.png", 1280, 800, false, 64, Theme.LIGHT, false);
    }

    @Test
    void schedulersDark() throws Exception {
        schedulers("../app/target/shots/schedulers-dark.png", 1280, 800, false, 4, Theme.DARK, false);
    }

    @Test
    void schedulersPresenterPaused() throws Exception {
        schedulers("schedulers-presenter.png", 1024, 768, true, 4, Theme.LIGHT, true);
    }
}
