package beamscope.app.grid;

import beamscope.app.Handoff;
import beamscope.app.bulk.Selection;
import beamscope.runtime.Pid;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The process grid's state: the latest walk's processes ({@link ProcessStrip}), the canvas size and
 * colours, and the picture painted from them. Painting visits every process, so it runs on
 * {@code painter}, never on the FX thread: a new strip, size or palette asks for a picture, and at most
 * one request waits (a newer one replaces it). Pointing maps cells back to processes: a click selects a
 * cell (the process, or the block it stands for), a drag the range between two cells.
 * FX thread only, except for the painting.
 */
public final class GridViewModel {
    private record Request(ProcessStrip strip, double width, double height, GridPalette palette) {}

    private final Executor painter;
    private final Handoff<GridPicture> delivery;
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final ReadOnlyObjectWrapper<GridPicture> picture = new ReadOnlyObjectWrapper<>(this, "picture");
    private final ObjectProperty<Selection> selection;
    private final ObjectProperty<Pid> inspected;
    private ProcessStrip strip = ProcessStrip.EMPTY;
    private double width, height;
    private GridPalette palette;
    private boolean inSight = true, stale;

    /**
     * @param painter   paints pictures (a thread of the grid's own; the calling thread in tests)
     * @param fx        runs on the FX thread
     * @param selection the selection the bulk actions apply to (shared with the table)
     * @param inspected the process the inspector shows (shared with every view)
     */
    public GridViewModel(Executor painter, Executor fx, ObjectProperty<Selection> selection, ObjectProperty<Pid> inspected) {
        this.painter = painter;
        this.delivery = new Handoff<>(fx, picture::set);
        this.selection = selection;
        this.inspected = inspected;
    }

    /** A new walk's processes (frames between walks carry the same strip: nothing to paint again). */
    public void show(ProcessStrip next) {
        if (next == null || next == strip) return;
        strip = next;
        repaint();
    }

    public void resize(double w, double h) {
        if (w == width && h == height) return;
        width = w;
        height = h;
        repaint();
    }

    public void setPalette(GridPalette p) {
        palette = p;
        repaint();
    }

    /**
     * Whether the grid can be seen (its tab selected, its window showing). Out of sight nothing is painted:
     * the latest strip, size and palette are kept and painted once when it comes back into sight.
     */
    public void setInSight(boolean inSight) {
        this.inSight = inSight;
        if (inSight && stale) repaint();
    }

    private void repaint() {
        stale = !inSight;
        if (stale) return;
        if (palette == null || width < GridLayout.MIN_CELL || height < GridLayout.MIN_CELL) return;
        if (pending.getAndSet(new Request(strip, width, height, palette)) != null) return;
        try {
            painter.execute(this::paintPending);
        } catch (java.util.concurrent.RejectedExecutionException windowClosed) {
            pending.set(null);
        }
    }

    private void paintPending() {
        Request r = pending.getAndSet(null);
        if (r == null) return;
        delivery.publish(GridPicture.paint(r.strip(), GridLayout.of(r.strip().size(), r.width(), r.height()), r.palette()));
    }

    public ReadOnlyObjectProperty<GridPicture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    public ProcessStrip strip() {
        return strip;
    }

    /** The tooltip's text for the cell under a point, or null. */
    public String describeAt(double x, double y) {
        GridPicture p = picture.get();
        int c = p == null ? -1 : p.layout().cellAt(x, y);
        return c < 0 ? null : p.summary(c).describe();
    }

    /** A click: selects the cell under the point (its process, or its block) and inspects its first process. */
    public void click(double x, double y) {
        GridPicture p = picture.get();
        int c = p == null ? -1 : p.layout().cellAt(x, y);
        if (c >= 0) selectCells(c, c);
    }

    /** A drag from one point to another: selects every process of the cells between them, in pid order. */
    public void drag(double x0, double y0, double x1, double y1) {
        GridPicture p = picture.get();
        if (p == null) return;
        int a = p.layout().nearestCell(x0, y0), b = p.layout().nearestCell(x1, y1);
        if (a >= 0 && b >= 0) selectCells(Math.min(a, b), Math.max(a, b));
    }

    /** Selects the processes of cells {@code first} to {@code last}, both included, of the picture shown. */
    public void selectCells(int first, int last) {
        GridPicture p = picture.get();
        GridLayout l = p.layout();
        Selection.Range r = new Selection.Range(p.strip(), l.from(first), l.to(last));
        selection.set(r.count() == 1 ? Selection.of(r.first()) : r);
        inspected.set(r.first());
    }

    /**
     * The cells the selection covers in a picture, as ranges {@code [from, to]} of cell numbers (a range
     * selection is one; picked pids one each, bounded by the table's rows). Cheap: binary searches.
     */
    public static int[][] selectedCells(GridPicture p, Selection s) {
        GridLayout l = p.layout();
        ProcessStrip strip = p.strip();
        if (s instanceof Selection.Range r) {
            int from = strip.firstAtOrAfter(r.first().id()), to = strip.firstAtOrAfter(r.last().id() + 1);
            if (r.first().node() != (strip.size() == 0 ? -1 : strip.pid(0).node()) || from >= to) return new int[0][];
            return new int[][] {{l.cellOf(from), l.cellOf(to - 1)}};
        }
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (Pid pid : s.pids()) {
            int i = strip.indexOf(pid);
            if (i >= 0) out.add(new int[] {l.cellOf(i), l.cellOf(i)});
        }
        return out.toArray(int[][]::new);
    }
}
