package beamscope.app.grid;

import beamscope.app.bulk.Selection;
import beamscope.app.theme.CanvasStyle;
import beamscope.app.theme.CanvasStyle.Key;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The grid's canvas: copies the painted picture ({@link GridPicture}, made off the FX thread) into an
 * image and draws the selection and the cell under the pointer over it. Every FX-thread step is bounded
 * by the canvas's size, never by the number of processes. Colours come from CSS ({@code css/grid.css}).
 */
public final class GridCanvas extends Region implements CanvasStyle.Styled {
    private static final CanvasStyle.Schema CSS = new CanvasStyle.Schema(Region.getClassCssMetaData());
    static final Key<Paint> RUNNING = CSS.paint("-bs-grid-running"), RUNNABLE = CSS.paint("-bs-grid-runnable"),
            WAITING = CSS.paint("-bs-grid-waiting"), EXITING = CSS.paint("-bs-grid-exiting"),
            SUSPENDED = CSS.paint("-bs-grid-suspended"), UNKNOWN = CSS.paint("-bs-grid-unknown"), HEAT = CSS.paint("-bs-grid-heat"),
            GAP = CSS.paint("-bs-grid-gap"), SELECTION = CSS.paint("-bs-grid-selection"), HOVER = CSS.paint("-bs-grid-hover");
    static final Key<Number> HOVER_WIDTH = CSS.length("-bs-grid-hover-width"),
            SELECTION_WIDTH = CSS.length("-bs-grid-selection-width");

    private final CanvasStyle style = CSS.style(this, () -> {
        paletteDirty = true;
        dirty = true;
    });
    private final Canvas canvas = new Canvas();
    private final beamscope.app.HoverTip tip = new beamscope.app.HoverTip(this, javafx.util.Duration.millis(150));
    private GridViewModel vm;
    private ObjectProperty<Selection> selection;
    private WritableImage image;
    private GridPicture copied;
    private boolean dirty = true, paletteDirty = true, inSight;
    private int hover = -1;
    private double pressX, pressY;
    private int[] dragging;     // cells of a drag in progress, before it is let go

    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (vm == null) return;
            if (paletteDirty) {
                paletteDirty = false;
                vm.setPalette(palette());
            }
            if (dirty) draw();
        }
    };

    public GridCanvas() {
        getStyleClass().add("grid-canvas");
        setId("gridCanvas");
        canvas.setManaged(false);      // the canvas follows the region's size, never sets it
        getChildren().add(canvas);
        setMinSize(0, 0);
        // the pulse runs only while the grid can be seen, and a hidden grid's new walks are not painted at all
        // (a million cells a walk, on the painter's thread, would take a core from the FX thread for nothing)
        beamscope.app.Pulses.inSight(this, () -> {
            inSight = true;
            pulse.start();
            if (vm != null) vm.setInSight(true);
        }, () -> {
            inSight = false;
            pulse.stop();
            if (vm != null) vm.setInSight(false);
        });
        widthProperty().addListener(o -> resized());
        heightProperty().addListener(o -> resized());
        setOnMouseMoved(this::hover);
        setOnMouseExited(e -> {
            hover = -1;
            dirty = true;
        });
        setOnMousePressed(e -> {
            pressX = e.getX();
            pressY = e.getY();
        });
        setOnMouseDragged(e -> {
            GridPicture p = vm == null ? null : vm.pictureProperty().get();
            if (p == null) return;
            int a = p.layout().nearestCell(pressX, pressY), b = p.layout().nearestCell(e.getX(), e.getY());
            dragging = a < 0 || b < 0 ? null : new int[] {Math.min(a, b), Math.max(a, b)};
            dirty = true;
        });
        setOnMouseReleased(e -> {
            if (vm == null) return;
            if (dragging != null) vm.drag(pressX, pressY, e.getX(), e.getY());
            else vm.click(e.getX(), e.getY());
            dragging = null;
            dirty = true;
        });
    }

    public void setViewModel(GridViewModel vm, ObjectProperty<Selection> selection) {
        this.vm = vm;
        this.selection = selection;
        vm.setInSight(inSight);
        vm.pictureProperty().addListener(o -> dirty = true);
        selection.addListener(o -> dirty = true);
        resized();
    }

    private void resized() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        if (vm != null) vm.resize(getWidth(), getHeight());
        dirty = true;
    }

    private void hover(MouseEvent e) {
        GridPicture p = vm == null ? null : vm.pictureProperty().get();
        int cell = p == null ? -1 : p.layout().cellAt(e.getX(), e.getY());
        if (cell == hover) return;
        hover = cell;
        dirty = true;
        tip.show(cell < 0 ? null : p.summary(cell).describe());
    }

    /** The status colours and the rest, as words the painter can use off the FX thread. */
    private GridPalette palette() {
        int[] byStatus = new int[GridPicture.STATUSES];
        byStatus[ProcessStrip.UNKNOWN] = argb(UNKNOWN);
        byStatus[beamscope.runtime.ProcessStatus.RUNNING.ordinal()] = argb(RUNNING);
        byStatus[beamscope.runtime.ProcessStatus.RUNNABLE.ordinal()] = argb(RUNNABLE);
        byStatus[beamscope.runtime.ProcessStatus.WAITING.ordinal()] = argb(WAITING);
        byStatus[beamscope.runtime.ProcessStatus.EXITING.ordinal()] = argb(EXITING);
        byStatus[beamscope.runtime.ProcessStatus.SUSPENDED.ordinal()] = argb(SUSPENDED);
        return new GridPalette(byStatus, argb(HEAT), argb(GAP));
    }

    private int argb(Key<Paint> key) {
        return GridPalette.argb(style.paint(key) instanceof Color c ? c : Color.TRANSPARENT);
    }

    private final long[] drawNanos = new long[4096];
    private int draws;

    private void draw() {
        long t0 = System.nanoTime();
        try {
            drawNow();
        } finally {
            drawNanos[draws++ % drawNanos.length] = System.nanoTime() - t0;
        }
    }

    /** FX-thread time of the latest draws (up to 4,096), in nanoseconds: the bench reports them. FX thread. */
    public long[] drawTimes() {
        return java.util.Arrays.copyOf(drawNanos, Math.min(draws, drawNanos.length));
    }

    private void drawNow() {
        dirty = false;
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        GridPicture p = vm.pictureProperty().get();
        if (p == null || p.layout().cells() == 0) return;
        GridLayout l = p.layout();
        if (copied != p) {
            if (image == null || image.getWidth() != l.width() || image.getHeight() != l.height())
                image = new WritableImage(l.width(), l.height());
            image.getPixelWriter().setPixels(0, 0, l.width(), l.height(), PixelFormat.getIntArgbInstance(), p.pixels(), 0, l.width());
            copied = p;
        }
        gc.drawImage(image, 0, 0);
        gc.setFill(style.paint(SELECTION));
        gc.setStroke(style.paint(SELECTION));
        gc.setLineWidth(style.length(SELECTION_WIDTH));
        int[][] ranges = dragging != null ? new int[][] {dragging} : GridViewModel.selectedCells(p, selection.get());
        for (int[] r : ranges) {
            gc.setGlobalAlpha(0.45);
            fillCells(gc, l, r[0], r[1]);
            gc.setGlobalAlpha(1);
            outline(gc, l, r[0], r[1]);
        }
        if (hover >= 0 && hover < l.cells()) {
            double w = style.length(HOVER_WIDTH);
            gc.setStroke(style.paint(HOVER));
            gc.setLineWidth(w);
            gc.strokeRect(l.x(hover) + w / 2, l.y(hover) + w / 2, l.cell() - w, l.cell() - w);
        }
    }

    /** Cells {@code a} to {@code b} in reading order: at most three rectangles (first row, full rows, last row). */
    private static void fillCells(GraphicsContext gc, GridLayout l, int a, int b) {
        int cols = l.columns(), c = l.cell();
        int rowA = a / cols, rowB = b / cols;
        if (rowA == rowB) {
            gc.fillRect(l.x(a), l.y(a), (b - a + 1) * c, c);
            return;
        }
        gc.fillRect(l.x(a), l.y(a), (cols - a % cols) * c, c);
        if (rowB > rowA + 1) gc.fillRect(0, (rowA + 1) * c, cols * c, (rowB - rowA - 1) * c);
        gc.fillRect(0, l.y(b), (b % cols + 1) * c, c);
    }

    /** The edge around cells {@code a} to {@code b}: a rectangle on one row, else the outline of the three. */
    private static void outline(GraphicsContext gc, GridLayout l, int a, int b) {
        int cols = l.columns(), c = l.cell();
        int rowA = a / cols, rowB = b / cols;
        double xa = l.x(a), ya = l.y(a), xb = l.x(b) + c, yb = l.y(b), right = cols * c;
        if (rowA == rowB) {
            gc.strokeRect(xa, ya, xb - xa, c);
            return;
        }
        gc.strokePolygon(new double[] {xa, right, right, xb, xb, 0, 0, xa},
                new double[] {ya, ya, yb, yb, yb + c, yb + c, ya + c, ya + c}, 8);
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.cssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.cssMetaData();
    }

    @Override
    public CanvasStyle canvasStyle() {
        return style;
    }

    /** Whether a picture was drawn and nothing waits to be (tests, screenshots). */
    public boolean drawn() {
        return !dirty && copied != null;
    }
}
