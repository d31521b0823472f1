package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.processes.ProcessRowModel;
import beamscope.app.schedulers.SchedulerCanvas;
import beamscope.app.sampler.Frame;
import beamscope.app.shell.ShellViewModel;
import beamscope.app.theme.Stylesheets;
import beamscope.app.tree.TreeCanvas;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.SchedulerSnapshot;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window headless, the way a user does: clicks, typing, keyboard. */
class ObserverWindowTest extends WindowTest {

    @BeforeEach
    void launch() throws Exception {
        waitUntil(() -> state().selected() != null);     // the window selects the bank once the demo is up
        // the window opens on the supervision tree; these tests work in the process table, as a user opens it
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Processes")).<Node>query());
        waitUntil(() -> lookup("#processTable").query().isVisible());
    }

    AppState state() {
        return app.window().state();
    }

    long frameSeq() {
        Frame f = state().frameProperty().get();
        return f == null ? 0 : f.seq();
    }

    /** Waits for a frame taken after now, so what it shows includes everything done before. */
    void waitForFreshFrame() throws Exception {
        long seen = frameSeq();
        waitUntil(() -> frameSeq() > seen + 1);
    }

    /** Clicks Spawn (the kind is Counter unless the test chose another); the new process becomes the selection. */
    Pid spawn() throws Exception {
        Pid before = state().selected();
        clickOn("#spawnButton");
        waitUntil(() -> state().selected() != null && !state().selected().equals(before));
        Pid pid = state().selected();
        waitUntil(() -> app.node().processInfo(pid).map(i -> i.status() == ProcessStatus.WAITING).orElse(false));
        return pid;
    }

    @SuppressWarnings("unchecked")
    TableView<ProcessRowModel> table() {
        return lookup("#processList").queryAs(TableView.class);
    }

    boolean tableShows(Pid pid) {
        return table().getItems().stream().anyMatch(r -> r.pid().equals(pid));
    }

    @Nested
    class LiveNumbers {
        @Test
        void showsTheLiveProcessCountOfTheDemoNode() throws Exception {
            Label count = lookup("#processCount").queryAs(Label.class);
            // The demo tree (16 processes with the shell) is up; the label follows the node.
            waitUntil(() -> Integer.parseInt(count.getText().replace(",", "")) == app.node().processCount());
            assertThat(Integer.parseInt(count.getText().replace(",", ""))).isGreaterThanOrEqualTo(16);
            app.node().spawn(beamscope.runtime.Behaviors.receive((ctx, m) -> beamscope.runtime.Behaviors.same()));
            int now = app.node().processCount();
            waitUntil(() -> Integer.parseInt(count.getText().replace(",", "")) == now);
        }

        @Test
        void theHeaderSaysTheEmbeddedNodeIsConnected_andItsControlsAreThere() throws Exception {
            Label chip = lookup("#nodeState").queryAs(Label.class);
            waitUntil(() -> chip.getText().equals(app.node().config().name() + " · connected"));
            for (String id : List.of("#spawnButton", "#pauseButton", "#stepButton", "#resumeButton"))
                assertThat(lookup(id).tryQuery()).as(id).isPresent();
        }
    }

    @Nested
    class MemoryAlarm {
        @Test
        void floodingAMailboxPastTheWatermark_showsTheBadge_untilTheMessagesAreGone() throws Exception {
            Label badge = lookup("#memoryAlarm").queryAs(Label.class);
            assertThat(badge.isVisible()).isFalse();
            Pid sink = app.node().spawn(beamscope.runtime.Behaviors.receive((ctx, m) -> beamscope.runtime.Behaviors.unhandled()));
            for (long i = 0; i <= BeamscopeApp.WATERMARK; i++) app.node().send(sink, i);
            waitUntil(() -> badge.isVisible() && badge.getText().startsWith("mailboxes high"));
            app.node().exit(sink, beamscope.runtime.Atom.KILL);
            waitUntil(() -> !badge.isVisible());
        }
    }

    @Nested
    class Spawning {
        @Test
        void aSpawnedCounterAppearsInTheTable() throws Exception {
            Pid pid = spawn();
            waitUntil(() -> tableShows(pid));
            ProcessRowModel row = table().getItems().stream().filter(r -> r.pid().equals(pid)).findFirst().orElseThrow();
            assertThat(row.row().initialCall()).isEqualTo("Counter.init/1");
        }
    }

    @Nested
    class Sorting {
        @Test
        void clickingAHeaderAsksTheSamplerForThatOrder() throws Exception {
            clickOn(lookup(".column-header .label").match(org.testfx.matcher.control.LabeledMatchers.hasText("MsgQ"))
                    .<Node>query());
            waitUntil(() -> app.window().sampler().query().sortKey() == beamscope.app.sampler.SortKey.MESSAGE_QUEUE);
            waitUntil(() -> state().frameProperty().get().query().sortKey() == beamscope.app.sampler.SortKey.MESSAGE_QUEUE);
        }
    }

    @Nested
    class Messages {
        @Test
        void incrementThenCallValue_showsTheReplyInTheShellInbox() throws Exception {
            Pid pid = spawn();
            clickOn("#messageEditor").write("{:increment, 5}").type(KeyCode.ENTER);
            waitUntil(() -> app.node().processInfo(pid).map(i -> i.reductions() > 0 && i.messageQueueLen() == 0).orElse(false));
            clickOn("#deliver-call");
            clickOn("#messageEditor").type(KeyCode.UP);       // history brings back the last message
            assertThat(lookup("#messageEditor").queryTextInputControl().getText()).isEqualTo("{:increment, 5}");
            eraseText(lookup("#messageEditor").queryTextInputControl().getText().length());
            write(":value").type(KeyCode.ENTER);
            @SuppressWarnings("unchecked")
            ListView<ShellViewModel.Line> inbox = lookup("#shellInbox").queryAs(ListView.class);
            waitUntil(() -> inbox.getItems().stream().anyMatch(l -> l.reply() && l.text().equals("reply to :value: 5")));
        }

        @Test
        void aMalformedMessageShowsWhereItIsWrongAndSendsNothing() throws Exception {
            Pid pid = spawn();
            ProcessInfo before = app.node().processInfo(pid).orElseThrow();
            clickOn("#messageEditor").write("{:increment, 5").type(KeyCode.ENTER);
            TextFlow error = lookup("#messageError").queryAs(TextFlow.class);
            waitUntil(error::isVisible);
            String shown = error.getChildren().stream().map(n -> ((javafx.scene.text.Text) n).getText())
                    .reduce("", String::concat);
            assertThat(shown).contains("^ column 15: expected");
            waitForFreshFrame();
            ProcessInfo after = app.node().processInfo(pid).orElseThrow();
            assertThat(after.reductions()).isEqualTo(before.reductions());
            assertThat(after.messageQueueLen()).isZero();
        }
    }

    @Nested
    class Killing {
        @Test
        void killFromTheTable_removesTheRowAndTheInspectorShowsTheExitReason() throws Exception {
            Pid pid = spawn();
            clickOn("#processFilter").write(pid.toString());
            waitUntil(() -> table().getItems().size() == 1 && tableShows(pid));
            Node row = lookup(n -> n instanceof TableRow<?> r && r.getItem() instanceof ProcessRowModel m
                    && m.pid().equals(pid)).query();
            // Monocle (headless) does not turn a right click into a context menu request, so the test uses
            // the table's keyboard shortcut; the row's context menu offers the same "Kill".
            assertThat(((TableRow<?>) row).getContextMenu().getItems()).anyMatch(i -> "Kill".equals(i.getText()));
            clickOn(row).type(KeyCode.DELETE);
            Label reason = lookup("#inspectorExitReason").queryAs(Label.class);
            waitUntil(() -> reason.getText().equals(":killed"));
            waitUntil(() -> !tableShows(pid));
            assertThat(lookup("#deadBox").query().isVisible()).isTrue();
        }
    }

    @Nested
    class Supervision {
        /** The tree item for {@code pid} in the latest tree frame, if drawn. */
        java.util.Optional<beamscope.app.tree.TreeItem> inTree(Pid pid) {
            beamscope.app.tree.TreeFrame f = app.window().tree().frame();
            if (f == null) return java.util.Optional.empty();
            Integer i = f.indexByPid().get(pid);
            return i == null ? java.util.Optional.empty() : java.util.Optional.of(f.items().get(i));
        }

        @Test
        @SuppressWarnings("unchecked")
        void aNewSupervisorStartsWithTheChosenStrategyIntensityAndChildren() throws Exception {
            Pid before = state().selected();
            clickOn("#processMenu").clickOn("New supervisor…");
            waitUntil(() -> lookup("#newSupStrategy").tryQuery().isPresent());
            interact(() -> {
                lookup("#newSupStrategy").queryAs(javafx.scene.control.ComboBox.class).setValue(beamscope.runtime.otp.Strategy.REST_FOR_ONE);
                lookup("#newSupIntensity").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(7);
                lookup("#newSupChildren").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(4);
            });
            clickOn("OK");
            waitUntil(() -> state().selected() != null && !state().selected().equals(before)
                    && beamscope.runtime.otp.Observe.supervisor(app.node(), state().selected()).isPresent());
            var sup = beamscope.runtime.otp.Observe.supervisor(app.node(), state().selected()).orElseThrow();
            assertThat(sup.strategy()).isEqualTo(beamscope.runtime.otp.Strategy.REST_FOR_ONE);
            assertThat(sup.intensity()).isEqualTo(7);
            assertThat(sup.period()).isEqualTo(5);
            assertThat(sup.children()).hasSize(4).allSatisfy(c -> assertThat(c.pid()).isPresent());
        }

        @Test
        void theDemoTreeAppearsAndAOneForAllCrashRestartsEverySiblingWithNewPids() throws Exception {
            clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Tree")).<Node>query());
            Pid sup = app.node().whereis("counter_sup").orElseThrow();
            List<Pid> before = new java.util.ArrayList<>();
            for (String n : List.of("counter1", "counter2", "counter3")) before.add(app.node().whereis(n).orElseThrow());
            waitUntil(() -> inTree(sup).isPresent() && before.stream().allMatch(p -> inTree(p).isPresent()));
            assertThat(inTree(sup).orElseThrow().kind()).isEqualTo(beamscope.app.tree.TreeItem.Kind.SUPERVISOR);
            for (Pid p : before) assertThat(inTree(p).orElseThrow().parent()).isEqualTo(inTree(sup).orElseThrow().index());

            interact(() -> state().select(before.get(1)));
            clickOn("#exitButton");
            // one_for_all: every counter comes back with a new pid under the same supervisor, restart count 1
            waitUntil(() -> {
                for (String n : List.of("counter1", "counter2", "counter3")) {
                    Pid now = app.node().whereis(n).orElse(null);
                    if (now == null || before.contains(now)) return false;
                    var item = inTree(now);
                    if (item.isEmpty() || item.get().restarts() != 1) return false;
                    if (item.get().parent() != inTree(sup).map(beamscope.app.tree.TreeItem::index).orElse(-2)) return false;
                }
                return true;
            });
        }

        @Test
        void aSupervisedCrasherIsRestarted_andTheInspectorShowsWhyItDied() throws Exception {
            Pid spawned = app.node().whereis("spawned").orElseThrow();
            clickOn("#spawnKind").clickOn("Crasher");
            clickOn("#spawnSupervised");
            Pid crasher = spawn();
            assertThat(app.node().processInfo(crasher).orElseThrow().parent()).contains(spawned);
            clickOn("#messageEditor").write(":boom").type(KeyCode.ENTER);
            Label reason = lookup("#inspectorExitReason").queryAs(Label.class);
            waitUntil(() -> reason.getText().equals("{:crashed, :boom}"));
            interact(() -> state().select(spawned));
            @SuppressWarnings("unchecked")
            ListView<beamscope.runtime.otp.ChildView> children = lookup("#supervisorChildren").queryAs(ListView.class);
            waitUntil(() -> children.getItems().size() == 1 && children.getItems().get(0).restartCount() == 1);
        }
    }

    @Nested
    class Stepping {
        long slices(Frame f) {
            long n = 0;
            for (SchedulerSnapshot s : f.node().schedulers()) n += s.contextSwitches();
            return n;
        }

        boolean settled(Frame f) {
            return f != null && f.node().paused() && f.node().schedulers().stream().allMatch(s -> s.running() == null);
        }

        @Test
        void stepRunsExactlyOneSlice() throws Exception {
            clickOn("#pauseButton");
            waitUntil(() -> settled(state().frameProperty().get()));
            waitForFreshFrame();
            long before = slices(state().frameProperty().get());
            clickOn("#stepButton");
            waitUntil(() -> slices(state().frameProperty().get()) > before);
            waitForFreshFrame();
            assertThat(slices(state().frameProperty().get())).isEqualTo(before + 1);
            clickOn("#resumeButton");
            waitUntil(() -> !state().frameProperty().get().node().paused());
        }
    }

    @Nested
    class Presenter {
        @Test
        void f5AndTheToggleSwitchThePresenterStylesheet() throws Exception {
            javafx.scene.Parent root = app.window().scene().getRoot();
            assertThat(root.getStylesheets()).doesNotContain(Stylesheets.PRESENTER);
            type(KeyCode.F5);
            waitUntil(() -> root.getStylesheets().contains(Stylesheets.PRESENTER));
            clickOn("#presenterToggle");
            waitUntil(() -> !root.getStylesheets().contains(Stylesheets.PRESENTER));
            assertThat(root.getStylesheets()).contains(Stylesheets.TOKENS);
        }

        /** The line widths a canvas's stylesheet set, read through the CSS API: property name to pixels. */
        static java.util.Map<String, Double> lineWidths(javafx.css.Styleable canvas) {
            java.util.Map<String, Double> out = new java.util.TreeMap<>();
            for (javafx.css.CssMetaData<? extends javafx.css.Styleable, ?> m : canvas.getCssMetaData()) {
                if (!m.getProperty().startsWith("-bs-") || !m.getProperty().endsWith("-width")) continue;
                @SuppressWarnings("unchecked")
                var meta = (javafx.css.CssMetaData<javafx.css.Styleable, ?>) m;
                out.put(m.getProperty(), ((Number) meta.getStyleableProperty(canvas).getValue()).doubleValue());
            }
            return out;
        }

        @Test
        void presenterModeDrawsBothCanvasesWithLinesAtLeastTwiceAsThick() throws Exception {
            TreeCanvas tree = lookup("#treeCanvas").queryAs(TreeCanvas.class);
            SchedulerCanvas lanes = lookup("#schedLanes").queryAs(SchedulerCanvas.class);
            var treeBefore = onFx(() -> lineWidths(tree));
            var lanesBefore = onFx(() -> lineWidths(lanes));
            assertThat(treeBefore).containsKeys("-bs-tree-edge-width", "-bs-tree-border-width", "-bs-tree-selected-width",
                    "-bs-tree-toggle-width", "-bs-tree-effect-width");
            assertThat(lanesBefore).containsKeys("-bs-sched-selected-width", "-bs-sched-spark-width", "-bs-sched-axis-width");

            type(KeyCode.F5);
            waitUntil(() -> state().presenterProperty().get());
            interact(() -> app.window().scene().getRoot().applyCss());
            var treeAfter = onFx(() -> lineWidths(tree));
            var lanesAfter = onFx(() -> lineWidths(lanes));
            treeBefore.forEach((property, px) -> {
                // the animation rings are sized in em: they grow with the type, not twofold
                if (property.equals("-bs-tree-effect-width")) assertThat(treeAfter.get(property)).as(property).isGreaterThan(px);
                else assertThat(treeAfter.get(property)).as(property).isGreaterThanOrEqualTo(2 * px);
            });
            lanesBefore.forEach((property, px) -> assertThat(lanesAfter.get(property)).as(property).isGreaterThanOrEqualTo(2 * px));

            type(KeyCode.F5);
            waitUntil(() -> !state().presenterProperty().get());
            interact(() -> app.window().scene().getRoot().applyCss());
            assertThat(onFx(() -> lineWidths(tree))).isEqualTo(treeBefore);
        }

        @Test
        void presenterModeGivesTheTabsTheFullHeight_andPutsInspectorMessageAndEventsBesideThemAsTabs() throws Exception {
            javafx.scene.Scene scene = app.window().scene();
            Node tabs = lookup("#tabs").query();
            Node toolbar = lookup("#toolbar").query();
            waitForFreshFrame();                              // the selection's frame is shown and laid out
            WaitForAsyncUtils.waitForFxEvents();
            double normalHeight = tabs.getLayoutBounds().getHeight();
            double toolbarHeight = toolbar.getLayoutBounds().getHeight();
            assertThat(lookup("#sidePanes").tryQuery()).isEmpty();

            type(KeyCode.F5);
            waitUntil(() -> lookup("#sidePanes").tryQuery().isPresent());
            javafx.scene.control.TabPane side = lookup("#sidePanes").queryAs(javafx.scene.control.TabPane.class);
            assertThat(side.getTabs()).extracting(javafx.scene.control.Tab::getText).containsExactly("Inspector", "Message", "Events");
            waitUntil(() -> tabs.getLayoutBounds().getHeight() > 1.3 * normalHeight);
            // down to the timeline bar, which stays under the views
            double timelineBar = onFx(() -> lookup("#timelineBar").tryQuery().map(b -> b.getLayoutBounds().getHeight()).orElse(0.0));
            assertThat(onFx(() -> tabs.localToScene(tabs.getLayoutBounds()).getMaxY())).isGreaterThan(scene.getHeight() - timelineBar - 10);
            assertThat(onFx(() -> side.localToScene(side.getLayoutBounds()).getMinX()))
                    .isGreaterThanOrEqualTo(onFx(() -> tabs.localToScene(tabs.getLayoutBounds()).getMaxX()));

            type(KeyCode.F5);
            waitUntil(() -> lookup("#sidePanes").tryQuery().isEmpty() && lookup("#messageEditor").query().isVisible());
            // the toolbar shrinks back too (a menu button's label once kept the presenter font, 3 px taller)
            waitUntil(() -> toolbar.getLayoutBounds().getHeight() == toolbarHeight);
            waitUntil(() -> Math.abs(tabs.getLayoutBounds().getHeight() - normalHeight) < 2);
            assertThat(lookup("#inspectorTitle").query().getScene()).isSameAs(scene);
        }

        @Test
        void ctrlL_inPresenterMode_opensTheMessageTabWithTheCaretInTheEditor() throws Exception {
            type(KeyCode.F5);
            waitUntil(() -> lookup("#sidePanes").tryQuery().isPresent());
            press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
            javafx.scene.control.TabPane side = lookup("#sidePanes").queryAs(javafx.scene.control.TabPane.class);
            waitUntil(() -> side.getSelectionModel().getSelectedItem().getText().equals("Message")
                    && lookup("#messageEditor").query().isFocused());
        }

        @Test
        void presenterModeHasADarkThemeOfItsOwn_ctrlDSwitchesIt_andTheDarkTokensComeBackAfterwards() throws Exception {
            javafx.scene.Parent root = app.window().scene().getRoot();
            press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
            waitUntil(() -> root.getStylesheets().contains(Stylesheets.DARK));
            type(KeyCode.F5);
            waitUntil(() -> root.getStylesheets().contains(Stylesheets.PRESENTER));
            // presenter sizes with its own dark, high-contrast colours (not the desktop dark theme's)
            assertThat(root.getStylesheets()).doesNotContain(Stylesheets.DARK).contains(Stylesheets.PRESENTER_DARK);
            assertThat(root.getPseudoClassStates()).contains(Stylesheets.PRESENTING);
            assertThat(lookup("#darkToggle").query().isVisible()).isTrue();
            clickOn("#darkToggle");
            waitUntil(() -> !root.getStylesheets().contains(Stylesheets.PRESENTER_DARK));
            press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
            waitUntil(() -> root.getStylesheets().contains(Stylesheets.PRESENTER_DARK));
            type(KeyCode.F5);
            waitUntil(() -> root.getStylesheets().contains(Stylesheets.DARK) && !root.getStylesheets().contains(Stylesheets.PRESENTER));
            assertThat(root.getPseudoClassStates()).doesNotContain(Stylesheets.PRESENTING);
        }

        @Test
        void ctrlDSwitchesToTheDarkTokens() throws Exception {
            javafx.scene.Parent root = app.window().scene().getRoot();
            press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
            waitUntil(() -> root.getStylesheets().contains(Stylesheets.DARK));
            assertThat(lookup("#darkToggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        }
    }

    @Nested
    class Styling {
        /** Applies CSS to the whole window now, and lets the pulses that follow run. */
        void styleNow() {
            interact(() -> app.window().scene().getRoot().applyCss());
            WaitForAsyncUtils.waitForFxEvents();
        }

        @Test
        void theWindowLoadsWithoutCssWarnings() {
            styleNow();
            assertThat(css.lines()).isEmpty();
        }

        @Test
        void everyTabInEveryThemeStylesWithoutCssWarnings() throws Exception {
            for (String tab : List.of("Tree", "Grid", "Schedulers", "Processes")) {
                clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText(tab)).<Node>query());
                styleNow();
                type(KeyCode.F5);
                waitUntil(() -> state().presenterProperty().get());
                styleNow();
                press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
                waitUntil(() -> state().themeProperty().get() == beamscope.app.theme.Theme.DARK);
                styleNow();
                type(KeyCode.F5);
                press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
                waitUntil(() -> !state().presenterProperty().get() && state().themeProperty().get() == beamscope.app.theme.Theme.LIGHT);
                styleNow();
            }
            assertThat(css.lines()).isEmpty();
        }

        @Test
        void everyPaintAndLineWidthOfBothCanvasesComesFromTheStylesheets_inEveryTheme() throws Exception {
            TreeCanvas tree = lookup("#treeCanvas").queryAs(TreeCanvas.class);
            beamscope.app.grid.GridCanvas grid = lookup("#gridCanvas").queryAs(beamscope.app.grid.GridCanvas.class);
            SchedulerCanvas lanes = lookup("#schedLanes").queryAs(SchedulerCanvas.class);
            for (boolean presenter : List.of(false, true))
                for (beamscope.app.theme.Theme theme : beamscope.app.theme.Theme.values()) {
                    interact(() -> {
                        state().presenterProperty().set(presenter);
                        state().themeProperty().set(theme);
                    });
                    styleNow();
                    assertThat(onFx(() -> tree.canvasStyle().unstyled())).as(theme + ", presenter " + presenter).isEmpty();
                    assertThat(onFx(() -> lanes.canvasStyle().unstyled())).as(theme + ", presenter " + presenter).isEmpty();
                    assertThat(onFx(() -> grid.canvasStyle().unstyled())).as(theme + ", presenter " + presenter).isEmpty();
                }
        }

        @Test
        void aTokenNoStylesheetDefines_isCaught() {
            // the check above can fail: an unresolvable token in the window is recorded
            Label probe = new Label("probe");
            interact(() -> {
                probe.setStyle("-fx-text-fill: -bs-no-such-token;");
                ((javafx.scene.layout.Pane) lookup("#treePane").query()).getChildren().add(probe);
            });
            styleNow();
            assertThat(css.lines()).anyMatch(l -> l.contains("-bs-no-such-token"));
            interact(() -> ((javafx.scene.layout.Pane) probe.getParent()).getChildren().remove(probe));
        }
    }
}
