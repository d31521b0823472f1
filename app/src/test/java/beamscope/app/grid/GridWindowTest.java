package beamscope.app.grid;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.WindowTest;
import beamscope.app.processes.ProcessRowModel;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The grid and the table's multi-select driven as a user does, headless: drags, clicks, the dialog. */
class GridWindowTest extends WindowTest {

    static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    void openTab(String name) {
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText(name)).<Node>query());
    }

    List<Pid> spawnIdle(int n, String namePrefix) {
        List<Pid> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Pid p = app.node().spawn(Behaviors.receive((c, m) -> Behaviors.same()));
            if (namePrefix != null) app.node().register(namePrefix + i, p);
            out.add(p);
        }
        return out;
    }

    /** The centre of the cell holding {@code pid}, on the screen, in the picture the grid shows now. */
    Point2D cellOnScreen(Pid pid) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            GridPicture p = app.window().grid().pictureProperty().get();
            GridLayout l = p.layout();
            int cell = l.cellOf(p.strip().indexOf(pid));
            Node canvas = lookup("#gridCanvas").query();
            return canvas.localToScreen(l.x(cell) + l.cell() / 2.0, l.y(cell) + l.cell() / 2.0);
        }).get(15, TimeUnit.SECONDS);
    }

    @Test
    void dragSelectingInTheGrid_thenExit_asksFirst_andTheProcessesDie() throws Exception {
        List<Pid> mine = spawnIdle(1_500, null);
        Pid first = mine.get(0), last = mine.get(mine.size() - 1);
        openTab("Grid");
        GridViewModel grid = app.window().grid();
        waitUntil(30, () -> grid.pictureProperty().get() != null && grid.pictureProperty().get().strip().indexOf(last) >= 0
                && lookup("#gridCanvas").queryAs(GridCanvas.class).drawn());
        // hovering a cell says what it holds
        moveTo(cellOnScreen(first));
        moveBy(1, 0);
        waitUntil(15, () -> lookup(".tooltip").tryQuery().isPresent());
        assertThat(lookup(".tooltip").lookup((Node n) -> n instanceof javafx.scene.control.Labeled).queryLabeled().getText()).startsWith(first + "\nwaiting · 0 messages queued");

        drag(cellOnScreen(first), MouseButton.PRIMARY).dropTo(cellOnScreen(last));
        var bulk = app.window().bulk();
        waitUntil(15, () -> bulk.selection().contains(first) && bulk.selection().contains(last));
        assertThat(bulk.selection().count()).isGreaterThanOrEqualTo(1_500);
        assertThat(app.window().state().selected()).isEqualTo(first);       // the inspector follows
        assertThat(lookup("#gridBulkExit").queryButton().getText()).isEqualTo(
                String.format(java.util.Locale.ROOT, "Exit %,d processes…", bulk.selection().count()));

        clickOn("#gridBulkExit");
        waitUntil(15, () -> lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(lookup(".dialog-pane .content").queryLabeled().getText()).startsWith(
                String.format(java.util.Locale.ROOT, "Exit %,d processes with :kill?", bulk.selection().count()));
        clickOn(lookup(".dialog-pane .button").match(org.testfx.matcher.control.LabeledMatchers.hasText("OK")).<Node>query());
        waitUntil(60, () -> mine.stream().allMatch(p -> app.node().processInfo(p).isEmpty()));
        waitUntil(15, () -> !bulk.busyProperty().get());
        assertThat(lookup("#gridBulkStatus").queryLabeled().getText()).contains("exited with :kill");
    }

    @Test
    void shiftAndCtrlClickingTableRows_thenSuspend_suspendsExactlyThoseProcesses() throws Exception {
        List<Pid> mine = spawnIdle(6, "bulk_pick_");
        openTab("Processes");
        clickOn("#processFilter").write("bulk_pick_");
        @SuppressWarnings("unchecked")
        TableView<ProcessRowModel> table = lookup("#processList").queryAs(TableView.class);
        waitUntil(30, () -> table.getItems().size() == 6);
        clickOn(row(0));
        press(KeyCode.SHIFT);
        clickOn(row(2));
        release(KeyCode.SHIFT);
        press(KeyCode.CONTROL);
        clickOn(row(4));
        release(KeyCode.CONTROL);
        var bulk = app.window().bulk();
        waitUntil(15, () -> bulk.selection().count() == 4);
        List<Pid> picked = bulk.selection().pids();
        assertThat(mine).containsAll(picked);
        assertThat(lookup("#tableBulkExit").queryButton().getText()).isEqualTo("Exit 4 processes…");

        clickOn("#tableBulkSuspend");       // four: no question asked
        waitUntil(30, () -> picked.stream().allMatch(p -> app.node().processInfo(p).map(i -> i.status() == ProcessStatus.SUSPENDED).orElse(false)));
        for (Pid p : mine) if (!picked.contains(p))
            assertThat(app.node().processInfo(p).orElseThrow().status()).isNotEqualTo(ProcessStatus.SUSPENDED);
        // the picked rows stay picked while the table refreshes
        long seq = app.window().state().frameProperty().get().seq();
        waitUntil(15, () -> app.window().state().frameProperty().get().seq() > seq + 3);
        assertThat(bulk.selection().count()).isEqualTo(4);
        assertThat(WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().getSelectedItems().size()).get(15, TimeUnit.SECONDS)).isEqualTo(4);

        clickOn("#tableBulkResume");
        waitUntil(30, () -> picked.stream().allMatch(p -> app.node().processInfo(p).map(i -> i.status() != ProcessStatus.SUSPENDED).orElse(false)));

        // a plain click on one of the picked rows picks that row alone
        clickOn(row(0));
        waitUntil(15, () -> bulk.selection().count() == 1);
        assertThat(bulk.selection().pids()).containsExactly(app.window().state().selected());
    }

    @Test
    void onANodeWithoutPriorities_theBarsPriorityIsDisabled_andItsTooltipSaysWhy() throws Exception {
        beamscope.app.observe.Observed remote = (beamscope.app.observe.Observed) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {beamscope.app.observe.Observed.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "embedded" -> java.util.Optional.empty();
                    case "shell" -> Pid.of(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        var vm = new beamscope.app.bulk.BulkViewModel(remote, Runnable::run, Runnable::run);
        javafx.scene.layout.FlowPane bar = WaitForAsyncUtils.asyncFx(() -> {
            vm.select(new beamscope.app.bulk.Selection.Pids(List.of(Pid.of(5), Pid.of(6))));
            return beamscope.app.bulk.BulkBar.create(vm, "remote");
        }).get(15, TimeUnit.SECONDS);
        javafx.scene.control.Label why = (javafx.scene.control.Label) bar.lookup("#remoteBulkPriorityWhy");
        javafx.scene.control.MenuButton priority = (javafx.scene.control.MenuButton) why.getGraphic();     // the disabled control, wrapped
        assertThat(priority.isDisabled()).isTrue();
        assertThat(why.getTooltip().getText()).isEqualTo(beamscope.app.bulk.ProcessAction.SetPriority.UNSUPPORTED);
        assertThat(bar.lookup("#remoteBulkSuspend").isDisabled()).isFalse();
        assertThat(((javafx.scene.control.Button) bar.lookup("#remoteBulkExit")).getText()).isEqualTo("Exit 2 processes…");
    }

    Node row(int index) {
        return lookup(n -> n instanceof TableRow<?> r && r.getIndex() == index && r.getItem() != null).query();
    }
}
