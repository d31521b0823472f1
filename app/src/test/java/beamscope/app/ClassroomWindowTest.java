package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.tree.TreeCanvas;
import beamscope.app.tree.TreeItem;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a classroom projector (issue 10, section 1), driven headless the way a teacher does:
 * a view that holds still, type a room can read, a toolbar that fits, a selection that follows a restart.
 */
class ClassroomWindowTest extends WindowTest {

    @BeforeEach
    void launch() throws Exception {
        waitUntil(() -> state().selected() != null);
    }

    AppState state() {
        return app.window().state();
    }

    void size(double w, double h) {
        interact(() -> {
            Stage s = (Stage) app.window().scene().getWindow();
            s.setX(0);
            s.setY(0);
            s.setWidth(w);
            s.setHeight(h);
        });
    }

    void presenterAt1024() throws Exception {
        size(1024, 768);
        clickOn("#presenterToggle");
        waitUntil(() -> state().presenterProperty().get());
    }

    /** Writes what the window shows to target/classroom-shots/NAME.png, to look at. */
    void shot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        save(app.window(), java.nio.file.Path.of("target", "classroom-shots", name + ".png"));
    }

    TreeCanvas tree() {
        return lookup("#treeCanvas").queryAs(TreeCanvas.class);
    }

    boolean treeShows(Pid pid) {
        return app.window().tree().frame().item(pid) != null;
    }

    /** Scale and offsets of the tree view: where the user looks. */
    record View(double scale, double x, double y) {}

    View view() throws Exception {
        var vm = app.window().tree();
        return onFx(() -> new View(vm.scaleProperty().get(), vm.offsetXProperty().get(), vm.offsetYProperty().get()));
    }

    /** Clicks a process's box in the tree where it is drawn now; returns the screen point clicked. */
    Point2D clickBox(Pid pid) throws Exception {
        TreeCanvas canvas = tree();
        Point2D at = onFx(() -> canvas.localToScreen(canvas.centreOf(pid)));
        clickOn(at);
        return at;
    }

    /** Opens the tree tab and waits until its frame shows the demo's bank (and the view settled after a fit). */
    void openTree() throws Exception {
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Tree"))
                .<javafx.scene.Node>query());
        Pid bank = app.node().whereis("bank").orElseThrow();
        waitUntil(() -> treeShows(bank));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The named processes whose whole boxes are in sight now, top to bottom. */
    java.util.List<Pid> inSight(java.util.List<String> names) throws Exception {
        TreeCanvas canvas = tree();
        return onFx(() -> {
            java.util.List<Pid> out = new java.util.ArrayList<>();
            var g = canvas.geometry();
            double s = app.window().tree().scaleProperty().get();
            for (String n : names) {
                Pid p = app.node().whereis(n).orElse(null);
                Point2D c = p == null ? null : canvas.centreOf(p);
                if (c == null) continue;
                double hw = g.boxWidth() * s / 2, hh = g.boxHeight() * s / 2;
                if (c.getX() - hw >= 0 && c.getX() + hw <= canvas.getWidth() && c.getY() - hh >= 0
                        && c.getY() + hh <= canvas.getHeight()) out.add(p);
            }
            out.sort(java.util.Comparator.comparingDouble(p -> canvas.centreOf(p).getY()));
            return out;
        });
    }

    static final java.util.List<String> NAMED = java.util.List.of("demo_sup", "bank", "counter_sup", "counter1",
            "counter2", "counter3", "pool_sup", "stack", "kv", "spawned", "ticker");

    @Nested
    class TheTreeHoldsStill {
        void clickingTwoBoxes_leavesEveryBoxWhereItWas_soTheSecondClickLandsWhereTheUserSawIt() throws Exception {
            openTree();
            waitUntil(() -> inSight(NAMED).size() >= 2);
            java.util.List<Pid> shown = inSight(NAMED);
            Pid top = shown.get(0), bottom = shown.get(shown.size() - 1);
            Point2D atTop = onFx(() -> tree().localToScreen(tree().centreOf(top)));
            Point2D atBottom = onFx(() -> tree().localToScreen(tree().centreOf(bottom)));
            View before = view();
            clickOn(atBottom);
            waitUntil(() -> bottom.equals(state().selected()));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(view()).as("selecting a box in sight moves nothing").isEqualTo(before);
            // the clicks land where the boxes were before anything was selected (a click on another box
            // would select that one, and the wait would run out)
            clickOn(atTop);
            waitUntil(() -> top.equals(state().selected()));
            clickOn(atBottom);
            waitUntil(() -> bottom.equals(state().selected()));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(view()).isEqualTo(before);
        }

        @Test
        void aBoxsTooltip_neverSitsUnderTheClickOnTheNextBox() throws Exception {
            openTree();
            waitUntil(() -> inSight(NAMED).size() >= 2);
            java.util.List<Pid> shown = inSight(NAMED);
            Pid top = shown.get(0), next = shown.get(1);
            Point2D atTop = onFx(() -> tree().localToScreen(tree().centreOf(top)));
            Point2D atNext = onFx(() -> tree().localToScreen(tree().centreOf(next)));
            moveTo(atTop);
            moveBy(1, 0);
            waitUntil(() -> lookup(".tooltip").tryQuery().isPresent());     // the top box says what it is
            moveTo(atNext);
            // the top box's tooltip is gone the moment the pointer left the box: one still shown is the next
            // box's, below the pointer, not a window left between the pointer and the box it is over
            assertThat(onFx(() -> lookup(".tooltip").queryAll().stream()
                    .filter(n -> n.getScene() != null && n.getScene().getWindow().isShowing())
                    .map(n -> n.getScene().getWindow().getY()).toList()))
                    .allSatisfy(y -> assertThat(y).isGreaterThanOrEqualTo(atNext.getY()));
            clickOn(atNext);
            waitUntil(() -> next.equals(state().selected()));
            waitUntil(() -> lookup(".tooltip").tryQuery().isEmpty());      // and the press put the tooltip away
        }

        void killingASelectedProcess_restartsItInTheSameSpot_withoutZoomingOrPanning() throws Exception {
            openTree();
            java.util.List<String> restartable = java.util.List.of("bank", "counter1", "counter2", "counter3", "stack", "kv");
            waitUntil(() -> !inSight(restartable).isEmpty());
            java.util.List<Pid> shown = inSight(restartable);
            // one in the middle of those in sight: while the death and the restart fall in different frames the
            // layout may hold an extra row for a moment, which could push a box at the very bottom edge out of sight
            Pid victim = shown.get(shown.size() / 2);
            String name = app.node().processInfo(victim).orElseThrow().registeredName().orElseThrow();
            Point2D at = onFx(() -> tree().localToScreen(tree().centreOf(victim)));
            clickOn(at);
            waitUntil(() -> victim.equals(state().selected()));
            WaitForAsyncUtils.waitForFxEvents();
            View before = view();
            clickOn("#exitButton");
            waitUntil(() -> app.node().whereis(name).filter(p -> !p.equals(victim) && treeShows(p)).isPresent());
            Pid restarted = app.node().whereis(name).orElseThrow();
            waitUntil(() -> onFx(() -> app.window().tree().effects().isEmpty()));     // (read on FX, as the canvas does) the death and restart animations are over
            assertThat(view()).isEqualTo(before);
            // the new box settles in its predecessor's place (a frame may still hold the fading box's row while
            // the death and the restart fall in different frames)
            waitUntil(() -> at.equals(onFx(() -> tree().localToScreen(tree().centreOf(restarted)))));
            assertThat(view()).isEqualTo(before);
        }

        @Test
        void inPresenterModeAt1024_clickingTwoBoxes_movesNothing() throws Exception {
            presenterAt1024();
            clickingTwoBoxes_leavesEveryBoxWhereItWas_soTheSecondClickLandsWhereTheUserSawIt();
        }

        @Test
        void at1280x800_clickingTwoBoxes_movesNothing() throws Exception {
            size(1280, 800);
            clickingTwoBoxes_leavesEveryBoxWhereItWas_soTheSecondClickLandsWhereTheUserSawIt();
        }

        @Test
        void inPresenterModeAt1024_killingASelectedProcess_restartsItWhereItWas() throws Exception {
            presenterAt1024();
            killingASelectedProcess_restartsItInTheSameSpot_withoutZoomingOrPanning();
        }

        @Test
        void at1280x800_killingASelectedProcess_restartsItWhereItWas() throws Exception {
            size(1280, 800);
            killingASelectedProcess_restartsItInTheSameSpot_withoutZoomingOrPanning();
        }
    }

    @Nested
    class LegibleFromTheBackOfTheRoom {
        @Test
        void fitInPresenterModeAt1024_neverShrinksNamesBelow18px() throws Exception {
            presenterAt1024();
            openTree();
            clickOn("#treeFit");
            WaitForAsyncUtils.waitForFxEvents();
            double px = onFx(() -> tree().geometry().em() * app.window().tree().scaleProperty().get());
            assertThat(px).isGreaterThanOrEqualTo(18);
        }

        @Test
        void fitInNormalMode_neverShrinksNamesBelow11px() throws Exception {
            size(1024, 768);
            openTree();
            clickOn("#treeFit");
            WaitForAsyncUtils.waitForFxEvents();
            double px = onFx(() -> tree().geometry().em() * app.window().tree().scaleProperty().get());
            assertThat(px).isGreaterThanOrEqualTo(11);
        }
    }

    @Nested
    class FitsTheScreen {
        @Test
        void aProjectorsScreenGetsTheWholeWindow_aLargeOneGets1280x800() {
            var small = MainWindow.fitting(new javafx.geometry.Rectangle2D(0, 0, 1024, 740));
            assertThat(small.getWidth()).isEqualTo(1024);
            assertThat(small.getHeight()).isEqualTo(740);
            var large = MainWindow.fitting(new javafx.geometry.Rectangle2D(0, 0, 1920, 1050));
            assertThat(large.getWidth()).isEqualTo(1280);
            assertThat(large.getHeight()).isEqualTo(800);
        }

        @Test
        void theWindowOpensWithinTheScreen() throws Exception {
            Bounds screen = onFx(() -> {
                var b = javafx.stage.Screen.getPrimary().getVisualBounds();
                return new javafx.geometry.BoundingBox(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
            });
            var w = app.window().scene().getWindow();
            assertThat(w.getWidth()).isLessThanOrEqualTo(screen.getWidth());
            assertThat(w.getHeight()).isLessThanOrEqualTo(screen.getHeight());
        }

        void everyToolbarButtonShowsItsWholeLabel() throws Exception {
            WaitForAsyncUtils.waitForFxEvents();
            var toolbar = lookup(".main-toolbar").queryAs(javafx.scene.layout.FlowPane.class);
            double right = onFx(() -> app.window().scene().getWidth());
            for (javafx.scene.Node n : onFx(() -> java.util.List.copyOf(toolbar.getChildren()))) {
                if (!(n instanceof Labeled l) || !n.isVisible() || l.getText() == null || l.getText().isEmpty()) continue;
                String shown = onFx(() -> ((javafx.scene.text.Text) l.lookup(".text")).getText());
                assertThat(shown).as(l.getText()).isEqualTo(l.getText());
                double edge = onFx(() -> l.localToScene(l.getLayoutBounds()).getMaxX());
                assertThat(edge).as(l.getText() + " right edge").isLessThanOrEqualTo(right);
            }
        }

        @Test
        void at1024InNormalMode_everyToolbarButtonShowsItsWholeLabel() throws Exception {
            size(1024, 768);
            shot("normal-1024");
            everyToolbarButtonShowsItsWholeLabel();
        }

        @Test
        void at1024InPresenterMode_theTimelinesButtonsShowTheirWholeLabels_onAPastMoment() throws Exception {
            presenterAt1024();
            drag("#timelineSlider .thumb", javafx.scene.input.MouseButton.PRIMARY).moveBy(-60, 0).release(javafx.scene.input.MouseButton.PRIMARY);
            waitUntil(() -> !app.nodes().onEmbeddedProperty().get() && app.nodes().timeline().shown() != null);
            waitUntil(() -> onFx(() -> !app.nodes().timeline().asOfProperty().get().isEmpty()));   // the longest the bar gets
            shot("presenter-1024-past");
            WaitForAsyncUtils.waitForFxEvents();
            for (String id : java.util.List.of("#timelineQuarter", "#timelineOne", "#timelineFour", "#timelineLive")) {
                Labeled l = lookup(id).queryAs(Labeled.class);
                String shown = onFx(() -> ((javafx.scene.text.Text) l.lookup(".text")).getText());
                assertThat(shown).as(id).isEqualTo(l.getText());
            }
            assertThat(onFx(() -> lookup("#timelineSlider").query().getLayoutBounds().getWidth())).as("the slider").isGreaterThanOrEqualTo(150.0);
        }

        @Test
        void at1024InPresenterMode_everyToolbarButtonShowsItsWholeLabel_inOneRow() throws Exception {
            presenterAt1024();
            shot("presenter-1024");
            everyToolbarButtonShowsItsWholeLabel();
            javafx.scene.Node presenter = lookup("#presenterToggle").query(), slow = lookup(".main-toolbar #slowMotion").query();
            assertThat(onFx(() -> slow.localToScene(slow.getLayoutBounds()).getMinY()))
                    .isEqualTo(onFx(() -> presenter.localToScene(presenter.getLayoutBounds()).getMinY()));
        }
    }

    void openTab(String name) {
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText(name)).<javafx.scene.Node>query());
    }

    @Nested
    class SchedulerControls {
        @Test
        void theToolbarsSlowAndTheSchedulersSliderAreOneSetting() throws Exception {
            openTab("Schedulers");
            var slow = lookup(".main-toolbar #slowMotion").queryAs(javafx.scene.control.ToggleButton.class);
            var slider = lookup(".schedulers #slowMotion").queryAs(javafx.scene.control.Slider.class);
            Label value = lookup("#slowMotionValue").queryAs(Label.class);
            clickOn(slow);
            waitUntil(() -> slider.getValue() == 250 && value.getText().equals("250 ms"));
            interact(() -> slider.setValue(600));
            assertThat(slow.isSelected()).isTrue();
            interact(() -> slider.setValue(0));
            assertThat(slow.isSelected()).isFalse();
            assertThat(value.getText()).isEqualTo("off");
            interact(() -> slider.setValue(400));
            assertThat(slow.isSelected()).isTrue();
            clickOn(slow);
            waitUntil(() -> slider.getValue() == 0 && value.getText().equals("off"));
        }

        @Test
        void stepSaysWhichProcessRanAndForHowManyReductions() throws Exception {
            clickOn("#pauseButton");
            waitUntil(() -> app.window().model().pausedProperty().get());
            Pid counter = app.node().whereis("counter1").orElseThrow();
            app.node().send(counter, beamscope.runtime.Tuple.of(Atom.of("$gen_cast"),
                    beamscope.runtime.Tuple.of(Atom.of("increment"), 1L)));       // something runnable to step
            Label status = lookup("#statusMessage").queryAs(Label.class);
            clickOn("#stepButton");
            waitUntil(() -> status.getText().startsWith("ran "));
            var ran = app.node().lastStep().orElseThrow();
            assertThat(status.getText()).matches("ran #PID<0\\.\\d+\\.0> \\(.+\\) for \\d+ reductions on scheduler \\d+, from its (max|high|normal|low) queue")
                    .contains(ran.pid().toString()).contains("for " + ran.reductions() + " reductions");
            clickOn("#resumeButton");
            waitUntil(() -> !app.window().model().pausedProperty().get());
        }

        @Test
        void inSlowMotionTheLanesSayWhatRanFromWhichQueueAndForHowManyReductions() throws Exception {
            openTab("Schedulers");
            var slow = lookup(".main-toolbar #slowMotion").queryAs(javafx.scene.control.ToggleButton.class);
            clickOn(slow);
            Pid counter = app.node().whereis("counter1").orElseThrow();
            var schedulers = app.window().schedulers();
            Callable<java.util.Optional<beamscope.app.schedulers.SchedulerViewModel.Lane>> ranCounter =
                    () -> onFx(() -> schedulers.lanes().stream()
                            .filter(l -> l.lastSlice() != null && l.lastSlice().pid().equals(counter)).findFirst());
            // something for the counter to do, sent until a slow slice of it shows (each cast is one slice)
            waitUntil(() -> {
                app.node().send(counter, beamscope.runtime.Tuple.of(Atom.of("$gen_cast"),
                        beamscope.runtime.Tuple.of(Atom.of("increment"), 1L)));
                return ranCounter.call().isPresent();
            });
            var lane = ranCounter.call().orElseThrow();
            assertThat(lane.lastTitle()).startsWith("ran ");
            assertThat(lane.lastDetail()).matches("<0\\.\\d+\\.0> · (max|high|normal|low) queue · \\d+ reductions?");
            assertThat(onFx(schedulers::slowed)).isTrue();
            clickOn(slow);
            waitUntil(() -> onFx(() -> schedulers.lanes().stream().allMatch(l -> l.lastSlice() == null)));
        }

        @Test
        void pausingDoesNotMoveStep_soAClickAimedAtStepSteps() throws Exception {
            openTab("Schedulers");
            javafx.scene.Node step = lookup("#schedStep").query();
            Bounds before = onFx(() -> step.localToScreen(step.getLayoutBounds()));
            clickOn("#schedPause");
            waitUntil(() -> app.window().model().pausedProperty().get() && !step.isDisabled());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(onFx(() -> step.localToScreen(step.getLayoutBounds()))).isEqualTo(before);
            assertThat(lookup("#pausedBadge").query().isVisible()).isTrue();
            clickOn("#schedResume");
            waitUntil(() -> !app.window().model().pausedProperty().get());
        }
    }

    @Nested
    class ResettingTheNode {
        @Test
        void afterTheTopSupervisorIsGone_resetNodeStartsAFreshNodeWithTheDemo_inTheSameModeWithEmptyViews() throws Exception {
            presenterAt1024();
            beamscope.runtime.Node wrecked = app.node();
            MainWindow before = app.window();
            javafx.stage.Window stage = before.scene().getWindow();
            wrecked.exit(wrecked.whereis("demo_sup").orElseThrow(), Atom.KILL);
            waitUntil(() -> wrecked.whereis("bank").isEmpty());
            clickOn("#processMenu").clickOn("Reset node (a fresh node with the demo)");
            waitUntil(() -> app.window() != before && app.node() != wrecked && app.node().whereis("bank").isPresent());
            assertThat(wrecked.isClosed()).isTrue();
            MainWindow after = app.window();
            assertThat(after.scene().getWindow()).isSameAs(stage);
            assertThat(after.state().presenterProperty().get()).isTrue();
            Label count = lookup("#processCount").queryAs(Label.class);
            waitUntil(() -> Integer.parseInt(count.getText().replace(",", "")) == app.node().processCount() && app.node().processCount() >= 16);
            Pid bank = app.node().whereis("bank").orElseThrow();
            waitUntil(() -> bank.equals(after.state().selected()));
            // the new node's event log starts with the new node: none of the old one's exits
            // read on the FX thread, which appends to the log (off it, the read raced the appends)
            assertThat(onFx(() -> java.util.List.copyOf(after.model().events().all())))
                    .noneMatch(r -> r.toString().contains("killed"));
            // and the fresh node can be reset again
            clickOn("#processMenu").clickOn("Reset node (a fresh node with the demo)");
            waitUntil(() -> app.window() != after && app.node().whereis("bank").isPresent());
        }
    }

    @Nested
    class RestartCounts {
        @Test
        void theTreesRestartBadge_isTheSupervisorsCount_evenAfterTheSupervisorItselfWasRestarted() throws Exception {
            openTree();
            var node = app.node();
            Pid counter2 = node.whereis("counter2").orElseThrow();
            waitUntil(() -> treeShows(counter2));
            node.exit(counter2, Atom.KILL);                         // one_for_all: all three counters, restart 1
            waitUntil(() -> node.whereis("counter2").filter(p -> !p.equals(counter2) && treeShows(p)).isPresent());
            Pid sup = node.whereis("counter_sup").orElseThrow();
            Pid second = node.whereis("counter2").orElseThrow();
            waitUntil(() -> { var it = app.window().tree().frame().item(second); return it != null && it.restarts() == 1; });
            node.exit(sup, Atom.KILL);                               // demo_sup restarts counter_sup: fresh children
            waitUntil(() -> node.whereis("counter_sup").filter(p -> !p.equals(sup) && treeShows(p)).isPresent()
                    && node.whereis("counter2").filter(p -> !p.equals(second) && treeShows(p)).isPresent());
            Pid third = node.whereis("counter2").orElseThrow();
            Pid newSup = node.whereis("counter_sup").orElseThrow();
            int supervisorsCount = beamscope.runtime.otp.Observe.supervisor(node, newSup).orElseThrow().children().stream()
                    .filter(c -> c.pid().filter(third::equals).isPresent()).findFirst().orElseThrow().restartCount();
            assertThat(supervisorsCount).isZero();
            waitUntil(() -> app.window().tree().frame().item(third) != null && app.window().tree().frame().item(third).restarts() == 0);
            var item = onFx(() -> app.window().tree().frame().item(third));
            assertThat(onFx(() -> app.window().tree().restarts(item))).isEqualTo(supervisorsCount);
            assertThat(lookup("#restartsLegend").queryAs(Label.class).getTooltip().getText()).contains("(restart N)");
        }
    }

    @Nested
    class GivingUp {
        @Test
        void aSupervisorThatReachesItsIntensity_isMarkedOnTheTree_whereItsParentRestartedIt() throws Exception {
            openTree();
            var node = app.node();
            Pid sup = node.whereis("counter_sup").orElseThrow();
            waitUntil(() -> treeShows(sup));
            // counter_sup allows 3 restarts in 5 s: the fourth kill in a row makes it give up
            Pid last = null;
            for (int i = 0; i < 4 && node.whereis("counter_sup").filter(sup::equals).isPresent(); i++) {
                Pid prev = last;
                waitUntil(() -> node.whereis("counter1").filter(p -> !p.equals(prev)).isPresent()
                        || node.whereis("counter_sup").filter(sup::equals).isEmpty());
                Pid c = node.whereis("counter1").orElse(null);
                if (c == null) break;
                node.exit(c, Atom.KILL);
                last = c;
            }
            waitUntil(() -> node.whereis("counter_sup").filter(p -> !p.equals(sup) && treeShows(p)).isPresent());
            Pid restarted = node.whereis("counter_sup").orElseThrow();
            waitUntil(() -> onFx(() -> app.window().tree().gaveUp(restarted)));
            var item = onFx(() -> app.window().tree().frame().item(restarted));
            assertThat(onFx(() -> app.window().tree().describe(item))).contains("gave up");
            // and its parent's reaction stays marked on the parent's box
            var frame = onFx(() -> app.window().tree().frame());
            Pid parent = frame.items().get(item.parent()).pid();
            assertThat(onFx(() -> app.window().tree().reaction(parent))).isEqualTo("restarted " + item.name());
            assertThat(onFx(() -> app.window().tree().describe(frame.item(parent)))).contains("restarted " + item.name());
            // a notification pops up too (ControlsFX), naming the supervisor that gave up
            waitUntil(() -> onFx(() -> app.window().model().notices().stream()
                    .anyMatch(n -> n.title().equals("Supervisor gave up") && n.text().startsWith("counter_sup " + sup))));
            waitUntil(() -> onFx(() -> lookup(".notification-bar").tryQuery().isPresent()));
            shot("gave-up");
        }
    }

    @Nested
    class FollowingARestart {
        @Test
        void killingTheSelectedServer_theInspectorAndTheMessageTargetFollowItsRestart_andTheStatusLineSaysSo() throws Exception {
            Pid bank = app.node().whereis("bank").orElseThrow();
            interact(() -> state().select(bank));
            waitUntil(() -> app.window().model().inspector().titleProperty().get().contains(bank.toString()));
            clickOn("#exitButton");
            waitUntil(() -> app.node().whereis("bank").filter(p -> !p.equals(bank)).isPresent()
                    && !bank.equals(state().selected()));
            Pid restarted = app.node().whereis("bank").orElseThrow();
            assertThat(state().selected()).isEqualTo(restarted);
            assertThat(app.window().model().send().targetProperty().get()).isEqualTo(restarted);
            waitUntil(() -> app.window().model().inspector().titleProperty().get().contains(restarted.toString()));
            Label status = lookup("#statusMessage").queryAs(Label.class);
            assertThat(status.getText()).contains(":bank").contains(bank.toString()).contains(restarted.toString())
                    .contains("restarted");
        }
    }

    @Nested
    class TheDemoHoldsStill {
        @Test
        void aDepositOf50ToTheBank_isTheOnlyChangeToItsBalance() throws Exception {
            Pid bank = app.node().whereis("bank").orElseThrow();
            interact(() -> state().select(bank));
            clickOn("#deliver-call");
            clickOn("#messageEditor").write(":balance").type(KeyCode.ENTER);
            waitUntil(() -> !app.window().model().shell().lines().isEmpty());
            String first = app.window().model().shell().lines().get(app.window().model().shell().lines().size() - 1).text();
            clickOn("#deliver-cast");
            clickOn("#messageEditor").write("{:deposit, 50}").type(KeyCode.ENTER);
            // many ticks of the demo's ticker later, the balance moved by exactly the deposit
            long reds = app.node().processInfo(app.node().whereis("ticker").orElseThrow()).orElseThrow().reductions();
            waitUntil(() -> app.node().processInfo(app.node().whereis("ticker").orElseThrow()).orElseThrow().reductions() > reds + 10);
            int seen = app.window().model().shell().lines().size();
            clickOn("#deliver-call");
            clickOn("#messageEditor").write(":balance").type(KeyCode.ENTER);
            waitUntil(() -> app.window().model().shell().lines().size() > seen);
            String second = app.window().model().shell().lines().get(app.window().model().shell().lines().size() - 1).text();
            assertThat(first).isNotEqualTo(second);
            assertThat(balance(second)).isEqualTo(balance(first) + 50);
            assertThat(app.node().processInfo(bank).map(i -> i.status() != ProcessStatus.EXITING)).contains(true);
        }

        long balance(String line) {
            var m = java.util.regex.Pattern.compile("(-?\\d+)\\D*$").matcher(line);
            assertThat(m.find()).as(line).isTrue();
            return Long.parseLong(m.group(1));
        }
    }
}
