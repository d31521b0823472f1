package beamscope.app.tree;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.theme.Stylesheets;
import beamscope.app.theme.Theme;
import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import beamscope.runtime.otp.Strategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class SupervisionTreeViewTest extends FxRobot {

    Node node;
    TreeSource source;
    final SimpleObjectProperty<Pid> selection = new SimpleObjectProperty<>();
    TreeViewModel vm;

    @BeforeEach
    void mount() throws Exception {
        node = Node.start(NodeConfig.defaults().withSchedulers(2));
        TreeDemo.start(node);
        vm = new TreeViewModel(selection);
        FxToolkit.registerPrimaryStage();
        source = new TreeSource(node, vm, TreeDemo.probe(node), Duration.ofMillis(100));
        FxToolkit.setupStage(stage -> {
            StackPane root = new StackPane(SupervisionTreeView.load(vm));
            Scene scene = new Scene(root, 1280, 800);
            scene.getStylesheets().setAll(Stylesheets.sheets(Theme.LIGHT, false));
            stage.setScene(scene);
            stage.setWidth(1280);     // the primary stage is shared: a test here or before may have resized it
            stage.setHeight(800);
            stage.show();
        });
    }

    @AfterEach
    void unmount() throws Exception {
        source.close();
        FxToolkit.cleanupStages();
        node.close();
    }

    void waitFor(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(condition));
    }

    static <T> T onFx(Supplier<T> s) throws Exception {
        return WaitForAsyncUtils.asyncFx(s::get).get(10, TimeUnit.SECONDS);
    }

    /** The shown live item with this name, or null (FX thread). */
    TreeItem named(String name) {
        return vm.frame().items().stream().filter(i -> name.equals(i.name()) && !vm.isPhantom(i.pid())).findFirst().orElse(null);
    }

    Pid pid(String name) {
        return node.whereis(name).orElseThrow();
    }

    /** Whether a process's box is wholly in the canvas (FX thread). */
    boolean inSight(TreeCanvas canvas, Pid p) {
        javafx.geometry.Point2D c = canvas.centreOf(p);
        if (c == null) return false;
        double s = vm.scaleProperty().get(), hw = canvas.geometry().boxWidth() * s / 2, hh = canvas.geometry().boxHeight() * s / 2;
        return c.getX() - hw >= 0 && c.getX() + hw <= canvas.getWidth() && c.getY() - hh >= 0 && c.getY() + hh <= canvas.getHeight();
    }

    @Test
    void highlightedProcessesOutOfSightComeIntoView_andOnesInSightMoveNothing() throws Exception {
        waitFor(() -> named("w4") != null && named("pool_sup") != null);
        TreeCanvas canvas = lookup("#treeCanvas").queryAs(TreeCanvas.class);
        Pid w4 = onFx(() -> named("w4").pid());
        // the user pans far away: w4 is out of sight
        interact(() -> vm.pan(-5_000, -5_000));
        waitFor(() -> !inSight(canvas, w4));
        interact(() -> vm.highlightedProperty().set(java.util.Set.of(w4)));
        waitFor(() -> inSight(canvas, w4));
        // highlighting what is in sight leaves the view where it is
        double x = onFx(() -> vm.offsetXProperty().get()), y = onFx(() -> vm.offsetYProperty().get());
        interact(() -> vm.highlightedProperty().set(java.util.Set.of()));
        interact(() -> vm.highlightedProperty().set(java.util.Set.of(w4)));
        assertThat(onFx(() -> vm.offsetXProperty().get())).isEqualTo(x);
        assertThat(onFx(() -> vm.offsetYProperty().get())).isEqualTo(y);
    }

    @Test
    void theDemoTreeAppears_withSupervisorsAndTheirStrategies() throws Exception {
        waitFor(() -> named("pool_sup") != null && named("w4") != null);
        TreeItem poolSup = onFx(() -> named("pool_sup"));
        assertThat(poolSup.kind()).isEqualTo(TreeItem.Kind.SUPERVISOR);
        assertThat(poolSup.supervisor().strategy()).isEqualTo(Strategy.REST_FOR_ONE);
        assertThat(onFx(() -> vm.frame().childrenOf(poolSup))).extracting(TreeItem::name)
                .containsExactly("w1", "w2", "w3", "w4");
        assertThat(lookup("#treeSummary").queryLabeled().getText()).contains("processes");
    }

    @Test
    void killingAWorker_showsItDying_andItsRestartWithANewPidAndRestartCountOne() throws Exception {
        waitFor(() -> vm.frame().items().stream().anyMatch(i -> "counter_b".equals(i.name())));
        Pid old = onFx(() -> named("counter_b").pid());
        node.exit(old, Atom.KILL);
        waitFor(() -> vm.frame().item(old) == null && vm.frame().items().stream()
                .anyMatch(i -> "counter_b".equals(i.name()) && !i.pid().equals(old)));
        TreeItem now = onFx(() -> named("counter_b"));
        assertThat(now.pid()).isNotEqualTo(old);
        assertThat(now.restarts()).isEqualTo(1);
        assertThat(onFx(() -> vm.restarts(now))).isEqualTo(1);
        // one_for_all: the siblings were restarted too
        assertThat(onFx(() -> named("counter_a").restarts()))
                .isEqualTo(1);
    }

    @Test
    void exceedingTheIntensity_showsTheSupervisorDying_andItsParentReacting() throws Exception {
        waitFor(() -> named("pool_sup") != null && named("w4") != null);
        Pid poolSup = onFx(() -> named("pool_sup").pid());
        Pid topSup = onFx(() -> named("top_sup").pid());
        java.util.Set<TreeEffect.Type> seenForPoolSup = java.util.EnumSet.noneOf(TreeEffect.Type.class);
        boolean[] topReacted = {false};
        String[] why = {null};
        interact(() -> vm.frameProperty().addListener((o, a, f) -> {
            if (vm.exitReason(poolSup) != null) why[0] = vm.exitReason(poolSup);
            for (TreeEffect e : vm.effects()) {
                if (e.item().pid().equals(poolSup)) seenForPoolSup.add(e.type());
                if (e.type() == TreeEffect.Type.REACTED && e.item().pid().equals(topSup)) topReacted[0] = true;
            }
        }));
        // pool_sup allows 3 restarts in 5 s: the fourth crash makes it give up
        for (int i = 0; i < 4 && node.isAlive(poolSup); i++) {
            Pid w1 = beamscope.runtime.otp.Observe.supervisor(node, poolSup).orElseThrow().children().get(0).pid().orElseThrow();
            node.exit(w1, Atom.KILL);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !node.isAlive(poolSup)
                    || beamscope.runtime.otp.Observe.supervisor(node, poolSup).orElseThrow().children().get(0).pid()
                            .filter(p -> !p.equals(w1)).isPresent());
        }
        waitFor(() -> seenForPoolSup.contains(TreeEffect.Type.DIED) && topReacted[0]
                && named("pool_sup") != null && !named("pool_sup").pid().equals(poolSup));
        assertThat(why[0]).isEqualTo("gave up: too many restarts");
        TreeItem restarted = onFx(() -> named("pool_sup"));
        assertThat(restarted.pid()).isNotEqualTo(poolSup);
        assertThat(restarted.restarts()).isEqualTo(1);
    }

    @Test
    void aKilledProcessWithoutSupervisor_isMarkedDead_andRemoved() throws Exception {
        Pid lone = node.spawn(TreeDemo.worker("Lonely.loop/0"));
        waitFor(() -> vm.frame().item(lone) != null);
        long[] died = {0};
        String[] reason = {null};
        node.exit(lone, Atom.KILL);
        waitFor(() -> {
            if (vm.exitReason(lone) != null) reason[0] = vm.exitReason(lone);
            if (vm.effects().stream().anyMatch(e -> e.type() == TreeEffect.Type.DIED && e.item().pid().equals(lone))) died[0]++;
            return vm.frame().item(lone) == null && !vm.isPhantom(lone) && died[0] > 0;
        });
        assertThat(onFx(() -> vm.frame().item(lone))).isNull();
        assertThat(reason[0]).isEqualTo("killed");
    }

    @Test
    void clickingABox_selectsItsProcess() throws Exception {
        waitFor(() -> named("bank") != null);
        Pid bank = onFx(() -> named("bank").pid());
        TreeCanvas canvas = lookup("#treeCanvas").queryAs(TreeCanvas.class);
        Point2D screen = onFx(() -> canvas.localToScreen(canvas.centreOf(bank)));
        clickOn(screen);
        waitFor(() -> bank.equals(selection.get()));
        assertThat(selection.get()).isEqualTo(bank);
    }

    @Test
    void rightClickingABox_asksTheAppForItsContextMenu() throws Exception {
        waitFor(() -> named("pool_sup") != null);
        Pid sup = onFx(() -> named("pool_sup").pid());
        Pid[] asked = {null};
        interact(() -> vm.setOnNodeContextMenu((pid, x, y) -> asked[0] = pid));
        TreeCanvas canvas = lookup("#treeCanvas").queryAs(TreeCanvas.class);
        rightClickOn(onFx(() -> canvas.localToScreen(canvas.centreOf(sup))));
        waitFor(() -> sup.equals(asked[0]));
        assertThat(asked[0]).isEqualTo(sup);
    }

    @Test
    void zoomButtonsScaleTheTree_andFitBringsItBack() throws Exception {
        waitFor(() -> named("w4") != null);
        double before = onFx(() -> vm.scaleProperty().get());
        clickOn("#treeZoomIn");
        waitFor(() -> vm.scaleProperty().get() > before);
        clickOn("#treeFit");
        waitFor(() -> vm.scaleProperty().get() <= 1.0);
        assertThat(onFx(() -> vm.scaleProperty().get())).isLessThanOrEqualTo(1.0);
    }

    @Test
    void presenterTokensOnTheScene_restyleTheCanvas() throws Exception {
        TreeCanvas canvas = lookup("#treeCanvas").queryAs(TreeCanvas.class);
        javafx.scene.Scene scene = canvas.getScene();
        interact(() -> scene.getStylesheets().setAll(Stylesheets.sheets(Theme.LIGHT, true)));
        interact(canvas::applyCss);
        // presenter.css sets -bs-fg: #000000 and an 18px font; tokens.css alone gives #1d1f24 at the default size
        assertThat(onFx(() -> canvas.canvasStyle().paint(TreeCanvas.TEXT))).isEqualTo(javafx.scene.paint.Color.BLACK);
        assertThat(onFx(() -> canvas.geometry().em())).isEqualTo(18.0);
    }

    @Test
    void inPresenterMode_followingTheTreeKeepsItsNamesLegible_andTheSelectionInView() throws Exception {
        waitFor(() -> named("w4") != null && named("bank") != null);
        TreeCanvas canvas = lookup("#treeCanvas").queryAs(TreeCanvas.class);
        Pid w4 = onFx(() -> named("w4").pid());
        interact(() -> {
            Stylesheets.apply(canvas.getScene().getRoot(), Theme.LIGHT, true);
            javafx.stage.Window window = canvas.getScene().getWindow();
            window.setWidth(640);       // far too small for the whole tree at presenter type
            window.setHeight(480);
            selection.set(w4);
        });
        interact(canvas::applyCss);
        // presenter.css: names no smaller than 15px however big the tree (tokens.css alone: 9px)
        waitFor(() -> vm.scaleProperty().get() * canvas.geometry().em() >= 15 - 1e-9);
        waitFor(() -> {
            Point2D at = canvas.centreOf(w4);
            return at != null && at.getX() > 0 && at.getX() < canvas.getWidth() && at.getY() > 0 && at.getY() < canvas.getHeight();
        });
    }

    @Test
    void inPresenterMode_aTreeThatNoLongerFits_isShownFromItsTopLeft_notWhereItWasCentred() throws Exception {
        waitFor(() -> named("bank") != null);
        // a canvas of its own, in a scene not shown (a shown window is bounded by the headless screen), sized by hand
        TreeViewModel own = new TreeViewModel(new SimpleObjectProperty<>());
        TreeCanvas canvas = onFx(() -> {
            own.apply(vm.frame());
            TreeCanvas c = new TreeCanvas();
            c.setViewModel(own);
            StackPane root = new StackPane(c);
            new Scene(root);
            Stylesheets.apply(root, Theme.LIGHT, true);
            c.getStylesheets().add(beamscope.app.Views.css("tree"));    // as the tree view carries it
            root.applyCss();
            c.resize(3000, 2000);       // the whole tree fits at presenter type: it is centred, at scale 1
            return c;
        });
        assertThat(onFx(() -> own.scaleProperty().get())).isEqualTo(1.0);
        assertThat(onFx(() -> own.offsetXProperty().get())).isGreaterThan(0.0);
        interact(() -> canvas.resize(640, 480));     // now it does not: shown at scale 1, from its top left
        assertThat(onFx(() -> own.scaleProperty().get())).isEqualTo(1.0);
        assertThat(onFx(() -> own.offsetXProperty().get())).as("x offset").isLessThanOrEqualTo(0.0);
        assertThat(onFx(() -> own.offsetYProperty().get())).as("y offset").isLessThanOrEqualTo(0.0);
    }

    @Test
    void theViewCarriesItsOwnStylesheet_andLeavesTheScenesListAlone() {
        javafx.scene.Parent view = lookup(".supervision-tree").query();
        assertThat(view.getStylesheets()).containsExactly(beamscope.app.Views.css("tree"));
        assertThat(view.getScene().getStylesheets()).containsExactlyElementsOf(Stylesheets.sheets(Theme.LIGHT, false));
    }

    @Test
    void fiveThousandChildren_areOneAggregateShowingTheCount() throws Exception {
        Pid pool = TreeDemo.pool(node, "conn_pool", 5000);
        waitFor(() -> vm.frame().items().stream()
                .anyMatch(i -> i.kind() == TreeItem.Kind.AGGREGATE && pool.equals(i.pid()) && i.aggregate().count() == 5000));
        TreeItem agg = onFx(() -> vm.frame().items().stream()
                .filter(i -> i.kind() == TreeItem.Kind.AGGREGATE && pool.equals(i.pid())).findFirst().orElseThrow());
        assertThat(agg.name()).isEqualTo("5,000 processes");
        interact(() -> vm.toggle(agg));
        waitFor(() -> vm.frame().items().stream().filter(i -> i.parent() >= 0
                && vm.frame().items().get(i.parent()).kind() == TreeItem.Kind.AGGREGATE).count() == TreeFrame.PAGE_SIZE);
    }

    @Test
    void aProcessSelectedElsewhere_isBroughtIntoView_evenInsideAnAggregate() throws Exception {
        Pid pool = TreeDemo.pool(node, "big_pool", 3000);
        // every child started (the pool starts them as it goes), not just enough for an aggregate
        waitFor(() -> vm.frame().items().stream()
                .anyMatch(i -> i.kind() == TreeItem.Kind.AGGREGATE && pool.equals(i.pid()) && i.aggregate().count() == 3000));
        Pid deep = node.processes().stream().filter(p -> pool.equals(p.parent())).skip(2222).findFirst().orElseThrow().pid();
        interact(() -> selection.set(deep));
        waitFor(() -> vm.frame().item(deep) != null);
        TreeCanvas canvas = lookup("#treeCanvas").queryAs(TreeCanvas.class);
        javafx.geometry.Point2D at = onFx(() -> canvas.centreOf(deep));
        assertThat(at.getX()).isBetween(0.0, canvas.getWidth());
        assertThat(at.getY()).isBetween(0.0, canvas.getHeight());
    }
}
