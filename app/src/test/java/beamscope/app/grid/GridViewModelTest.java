package beamscope.app.grid;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.bulk.Selection;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** The grid's packing, block summaries and pointing, off the FX thread (same-thread executors). */
class GridViewModelTest {
    static final int RUNNING = 0xff00aa00, WAITING = 0xff555555, SUSPENDED = 0xffcc00cc, HEAT = 0xffff0000, GAP = 0xffffffff,
            UNKNOWN = 0xffdddddd;
    static final GridPalette PALETTE = palette();

    static GridPalette palette() {
        int[] s = new int[GridPicture.STATUSES];
        java.util.Arrays.fill(s, 0xff000000);
        s[ProcessStrip.UNKNOWN] = UNKNOWN;
        s[ProcessStatus.RUNNING.ordinal()] = RUNNING;
        s[ProcessStatus.WAITING.ordinal()] = WAITING;
        s[ProcessStatus.SUSPENDED.ordinal()] = SUSPENDED;
        return new GridPalette(s, HEAT, GAP);
    }

    /** A million waiting processes with ids 1..1,000,000 added in reverse; every 10th suspended, #500,000 holds 5,000 messages. */
    static ProcessStrip million() {
        ProcessStrip.Builder b = new ProcessStrip.Builder(1_000_000);
        for (long id = 1_000_000; id >= 1; id--)
            b.add(Pid.of(id), id % 10 == 0 ? ProcessStatus.SUSPENDED : ProcessStatus.WAITING, id == 500_000 ? 5_000 : 0);
        return b.build(Map.of(Pid.of(7), "seven"));
    }

    final SimpleObjectProperty<Selection> selection = new SimpleObjectProperty<>(Selection.NONE);
    final SimpleObjectProperty<Pid> inspected = new SimpleObjectProperty<>();
    final GridViewModel vm = new GridViewModel(Runnable::run, Runnable::run, selection, inspected);

    @Test
    void aMillionProcessesPackIntoTheCanvasInBlocks_eachProcessInExactlyOneCell() {
        GridLayout l = GridLayout.of(1_000_000, 800, 500);
        assertThat(l.cell()).isEqualTo(GridLayout.MIN_CELL);
        assertThat(l.columns()).isEqualTo(200);
        assertThat(l.perCell()).isEqualTo(40);
        assertThat((long) l.cells()).isLessThanOrEqualTo(200L * 125);
        assertThat(l.width()).isLessThanOrEqualTo(800);
        assertThat(l.height()).isLessThanOrEqualTo(500);
        int covered = 0;
        for (int c = 0; c < l.cells(); c++) {
            assertThat(l.from(c)).isEqualTo(covered);
            covered = l.to(c);
        }
        assertThat(covered).isEqualTo(1_000_000);
        assertThat(l.cellOf(999_999)).isEqualTo(l.cells() - 1);
    }

    @Test
    void fewProcessesGetLargeCellsOfOneProcessEach() {
        GridLayout l = GridLayout.of(100, 800, 500);
        assertThat(l.perCell()).isEqualTo(1);
        assertThat(l.cell()).isEqualTo(GridLayout.MAX_CELL);
        assertThat(l.cells()).isEqualTo(100);
        assertThat(l.cellAt(l.x(42) + 3, l.y(42) + 3)).isEqualTo(42);
        assertThat(l.cellAt(799, 499)).isEqualTo(-1);     // past the last process
        assertThat(GridLayout.of(0, 800, 500).cells()).isZero();
    }

    @Test
    void theStripIsInPidOrder_andKeepsLongQueuesExactly() {
        ProcessStrip.Builder b = new ProcessStrip.Builder(4);
        b.add(Pid.of(30), ProcessStatus.RUNNING, 3_000_000);
        b.add(Pid.of(10), ProcessStatus.WAITING, 1);
        b.add(Pid.of(20), ProcessStatus.SUSPENDED, 0);
        ProcessStrip s = b.build(Map.of(Pid.of(20), "twenty"));
        assertThat(s.pids(0, 3)).containsExactly(Pid.of(10), Pid.of(20), Pid.of(30));
        assertThat(s.queue(2)).isEqualTo(3_000_000);
        assertThat(s.status(1)).isEqualTo(ProcessStatus.SUSPENDED);
        assertThat(s.name(1)).isEqualTo("twenty");
        assertThat(s.indexOf(Pid.of(25))).isEqualTo(-1);
        assertThat(s.firstAtOrAfter(25)).isEqualTo(2);
    }

    @Test
    void aBlocksSummaryCountsItsStatusesAndItsMailboxes_andItsColourIsItsMostCommonStatus() {
        ProcessStrip strip = million();
        GridLayout l = GridLayout.of(strip.size(), 800, 500);
        GridPicture p = GridPicture.paint(strip, l, PALETTE);
        int cell = l.cellOf(strip.indexOf(Pid.of(500_000)));
        CellSummary s = p.summary(cell);
        assertThat(s.count()).isEqualTo(40);
        assertThat(s.byStatus()[ProcessStatus.SUSPENDED.ordinal()]).isEqualTo(4);
        assertThat(s.byStatus()[ProcessStatus.WAITING.ordinal()]).isEqualTo(36);
        assertThat(s.longestQueue()).isEqualTo(5_000);
        assertThat(s.queued()).isEqualTo(5_000);
        assertThat(s.dominant()).isEqualTo(ProcessStatus.WAITING);
        assertThat(s.describe()).contains("40 processes", "36 waiting", "4 suspended", "5,000 messages");
        // the corner of a block is its status's colour, its middle the heat mark (5,000 messages: most of it)
        assertThat(p.pixel(l.x(cell), l.y(cell))).isEqualTo(HEAT);     // a 4 px cell: the mark fills nearly all
        assertThat(p.pixel(l.x(0), l.y(0))).isEqualTo(WAITING);
    }

    @Test
    void aStatusTheRecordingDoesNotKnow_isItsOwnColour_notWaiting() {
        ProcessStrip.Builder b = new ProcessStrip.Builder(3);
        b.add(Pid.of(1), null, 0);
        b.add(Pid.of(2), ProcessStatus.WAITING, 0);
        b.add(Pid.of(3), null, 2);
        ProcessStrip strip = b.build(Map.of());
        assertThat(strip.status(0)).isNull();
        GridPicture one = GridPicture.paint(strip, GridLayout.of(3, 800, 500), PALETTE);
        assertThat(one.hasUnknown()).isTrue();
        assertThat(one.pixel(one.layout().x(0) + 1, one.layout().y(0) + 1)).isEqualTo(UNKNOWN);
        assertThat(one.pixel(one.layout().x(1) + 1, one.layout().y(1) + 1)).isEqualTo(WAITING);
        assertThat(one.summary(0).dominant()).isNull();
        assertThat(one.summary(0).describe()).isEqualTo("#PID<0.1.0>\nstatus unknown · 0 messages queued");
        GridPicture all = GridPicture.paint(strip, GridLayout.of(3, 2, 2), PALETTE);   // one cell of three
        assertThat(all.summary(0).describe()).contains("2 status unknown", "1 waiting");
        assertThat(GridPicture.paint(million(), GridLayout.of(100, 800, 500), PALETTE).hasUnknown()).isFalse();
    }

    @Test
    void aOneProcessCellSaysItsPidNameStatusAndQueue() {
        ProcessStrip strip = million();
        GridPicture p = GridPicture.paint(strip, GridLayout.of(100, 800, 500), PALETTE);   // the first 100 only
        assertThat(p.summary(6).describe()).isEqualTo("#PID<0.7.0> seven\nwaiting · 0 messages queued");
        assertThat(p.pixel(p.layout().x(9) + 1, p.layout().y(9) + 1)).isEqualTo(SUSPENDED);   // #10
        assertThat(p.pixel(p.layout().x(9) + GridLayout.MAX_CELL - 1, p.layout().y(9))).isEqualTo(GAP);
    }

    @Test
    void aClickSelectsTheBlockAndInspectsItsFirstProcess_aDragSelectsTheRangeBetweenTwoCells() {
        vm.setPalette(PALETTE);
        vm.resize(800, 500);
        vm.show(million());
        GridLayout l = vm.pictureProperty().get().layout();
        vm.click(l.x(2) + 1, l.y(2) + 1);
        assertThat(selection.get().count()).isEqualTo(40);
        assertThat(inspected.get()).isEqualTo(Pid.of(81));

        // from the third row's fifth cell back to the first row's second: every process in between, in pid order
        int a = 2 * l.columns() + 4, b = 1;
        vm.drag(l.x(a) + 1, l.y(a) + 1, l.x(b) + 1, l.y(b) + 1);
        Selection.Range r = (Selection.Range) selection.get();
        assertThat(r.first()).isEqualTo(Pid.of(41));
        assertThat(r.last()).isEqualTo(Pid.of((a + 1) * 40L));
        assertThat(r.count()).isEqualTo((a - b + 1) * 40);
        assertThat(inspected.get()).isEqualTo(Pid.of(41));
        assertThat(GridViewModel.selectedCells(vm.pictureProperty().get(), r)).isDeepEqualTo(new int[][] {{b, a}});
        assertThat(r.contains(Pid.of(100))).isTrue();
        assertThat(r.contains(Pid.of(1))).isFalse();

        // a drag that leaves the canvas ends at the nearest cell
        vm.drag(l.x(0) + 1, l.y(0) + 1, -50, 10_000);
        assertThat(((Selection.Range) selection.get()).first()).isEqualTo(Pid.of(1));
    }

    @Test
    void aRangeStaysOnItsProcessesInTheNextWalk_whenOthersBeforeItHaveGone() {
        vm.setPalette(PALETTE);
        vm.resize(800, 500);
        vm.show(million());
        vm.selectCells(10, 11);                 // ids 401..480
        ProcessStrip.Builder b = new ProcessStrip.Builder(1000);
        for (long id = 200; id <= 1000; id++) b.add(Pid.of(id), ProcessStatus.WAITING, 0);   // 1..199 exited
        vm.show(b.build(Map.of()));
        GridPicture p = vm.pictureProperty().get();
        assertThat(p.layout().perCell()).isEqualTo(1);
        int[][] cells = GridViewModel.selectedCells(p, selection.get());
        assertThat(cells).isDeepEqualTo(new int[][] {{401 - 200, 480 - 200}});
    }

    @Test
    void pickedPidsMarkTheirOwnCells() {
        vm.setPalette(PALETTE);
        vm.resize(800, 500);
        vm.show(million());
        int[][] cells = GridViewModel.selectedCells(vm.pictureProperty().get(),
                new Selection.Pids(java.util.List.of(Pid.of(1), Pid.of(1_000_000), Pid.of(2_000_000))));
        assertThat(cells).isDeepEqualTo(new int[][] {{0, 0}, {24_999, 24_999}});
    }

    @Test
    void theSameStripIsNotPaintedTwice_andNothingIsPaintedBeforeTheCanvasHasASize() {
        int[] painted = {0};
        GridViewModel counting = new GridViewModel(r -> { painted[0]++; r.run(); }, Runnable::run, selection, inspected);
        ProcessStrip s = million();
        counting.show(s);
        counting.setPalette(PALETTE);
        assertThat(painted[0]).isZero();
        counting.resize(800, 500);
        counting.show(s);
        assertThat(painted[0]).isEqualTo(1);
        assertThat(counting.describeAt(1, 1)).startsWith("40 processes, #PID<0.1.0> … #PID<0.40.0>");
    }

    @Test
    void aGridOutOfSightPaintsNothing_thenTheLatestWalkOnceWhenItComesBack() {
        int[] painted = {0};
        GridViewModel counting = new GridViewModel(r -> { painted[0]++; r.run(); }, Runnable::run, selection, inspected);
        counting.setPalette(PALETTE);
        counting.resize(800, 500);
        counting.show(million());
        int before = painted[0];
        counting.setInSight(false);                 // its tab left
        ProcessStrip.Builder b = new ProcessStrip.Builder(3);
        for (long id = 1; id <= 3; id++) b.add(Pid.of(id), ProcessStatus.RUNNABLE, 0);
        ProcessStrip three = b.build(Map.of());
        counting.show(million());
        counting.show(three);
        counting.resize(640, 400);
        assertThat(painted[0]).isEqualTo(before);
        assertThat(counting.describeAt(1, 1)).startsWith("40 processes");   // still the picture it had
        counting.setInSight(true);                  // back: the latest strip at the latest size, painted once
        assertThat(painted[0]).isEqualTo(before + 1);
        assertThat(counting.pictureProperty().get().layout().cells()).isEqualTo(3);
        counting.setInSight(true);
        assertThat(painted[0]).isEqualTo(before + 1);
    }
}
