package beamscope.app.sequence;

import beamscope.app.theme.CanvasStyle;
import beamscope.app.theme.CanvasStyle.Key;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws the sequence diagram: a header with one box per lifeline, the lifelines, and only the rows in
 * view (so drawing costs the same for ten steps or the model's thousands), with a vertical and a
 * horizontal scroll bar. The view stays where the user put it; it follows the newest step only while
 * "follow newest" is on and the view is at the bottom. Colours and line widths come from
 * {@code css/sequence.css} through a {@link CanvasStyle}; hovering an arrow shows its term in full.
 */
public final class SequenceCanvas extends Region implements CanvasStyle.Styled {
    private static final CanvasStyle.Schema CSS = new CanvasStyle.Schema(Region.getClassCssMetaData());
    static final Key<Paint> BACKGROUND = CSS.paint("-bs-seq-background"), HEADER = CSS.paint("-bs-seq-header"),
            TEXT = CSS.paint("-bs-seq-text"), MUTED = CSS.paint("-bs-seq-muted"), LIFELINE = CSS.paint("-bs-seq-lifeline"),
            MESSAGE = CSS.paint("-bs-seq-message"), WAITING = CSS.paint("-bs-seq-waiting"), DOWN = CSS.paint("-bs-seq-down"),
            EXIT = CSS.paint("-bs-seq-exit"), START = CSS.paint("-bs-seq-start");
    static final Key<Number> LINE = CSS.length("-bs-seq-line-width"), THIN = CSS.length("-bs-seq-thin-width");
    private static final Key<Font> FONT = CSS.font();
    /** How far above the view the canvas looks for arrows that cross it (sent above, received below). */
    static final int LOOKBACK = 400;

    private final CanvasStyle style = CSS.style(this, () -> dirty = true);
    private final Canvas canvas = new Canvas();
    private final ScrollBar vbar = new ScrollBar(), hbar = new ScrollBar();
    private final Label hover = new Label();
    private final List<Drawn> drawnArrows = new ArrayList<>();
    private SequenceViewModel vm;
    private long top;            // the seq of the first row in view
    private boolean stick = true;   // at the bottom: new steps scroll into view while following
    private boolean syncing, dirty = true;
    private long drawn = -1;

    /** An arrow as drawn in the last frame, for hovering. */
    public record Drawn(Arrow arrow, double x1, double y1, double x2, double y2) {}

    private boolean seen;
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (vm == null) return;
            vm.poll();   // while its window shows: the subscription's buffer is bounded and drops what waits
            if (seen && (dirty || vm.model().changes() != drawn)) draw();
        }
    };

    public SequenceCanvas() {
        getStyleClass().add("sequence-canvas");
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setId("sequenceVBar");
        hbar.setId("sequenceHBar");
        hover.getStyleClass().add("sequence-hover");
        hover.setId("sequenceHover");
        hover.setVisible(false);
        hover.setManaged(false);
        hover.setMouseTransparent(true);
        canvas.setId("sequenceCanvas");
        getChildren().addAll(canvas, vbar, hbar, hover);
        beamscope.app.Pulses.whileShowing(this, pulse::start, pulse::stop);   // draws only when seen:
        beamscope.app.Pulses.inSight(this, () -> seen = true, () -> seen = false);
        widthProperty().addListener(o -> dirty = true);
        heightProperty().addListener(o -> dirty = true);
        vbar.valueProperty().addListener((o, a, v) -> {
            if (syncing || vm == null) return;
            top = vm.model().first() + Math.round(v.doubleValue());
            stick = v.doubleValue() >= vbar.getMax() - 0.5;
            dirty = true;
        });
        hbar.valueProperty().addListener(o -> dirty = true);
        setOnScroll(e -> {
            double rows = -e.getDeltaY() / geometry().row();
            if (e.isShiftDown() || Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()))
                hbar.setValue(clamp(hbar.getValue() - (e.isShiftDown() ? e.getDeltaY() : e.getDeltaX()), hbar.getMin(), hbar.getMax()));
            else vbar.setValue(clamp(vbar.getValue() + Math.signum(rows) * Math.max(1, Math.abs(Math.round(rows))), vbar.getMin(), vbar.getMax()));
            e.consume();
        });
        canvas.setOnMouseMoved(e -> showHover(e.getX(), e.getY()));
        canvas.setOnMouseExited(e -> hover.setVisible(false));
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

    public void setViewModel(SequenceViewModel vm) {
        this.vm = vm;
        vm.followProperty().addListener((o, a, on) -> {
            if (on) stick = true;   // switching it on goes to the newest step, as the user asked
            dirty = true;
        });
        dirty = true;
    }

    /** The type size CSS gave the canvas, in pixels. */
    public double em() {
        return style.font(FONT).getSize();
    }

    private Layout geometry() {
        return Layout.forEm(style.font(FONT).getSize());
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth(), h = getHeight();
        double bw = vbar.prefWidth(-1), bh = hbar.prefHeight(-1);
        canvas.setWidth(Math.max(0, w - bw));
        canvas.setHeight(Math.max(0, h - bh));
        canvas.relocate(0, 0);
        vbar.resizeRelocate(w - bw, 0, bw, Math.max(0, h - bh));
        hbar.resizeRelocate(0, h - bh, Math.max(0, w - bw), bh);
    }

    /** Rows that fit under the header. */
    int visibleRows() {
        Layout lay = geometry();
        return Math.max(1, (int) Math.floor((canvas.getHeight() - lay.header()) / lay.row()));
    }

    /** The seq of the first row in view. */
    public long top() { return top; }

    /** Scrolls so that row {@code seq} is the first in view (as a user's drag would). */
    public void scrollTo(long seq) {
        vbar.setValue(clamp(seq - vm.model().first(), vbar.getMin(), vbar.getMax()));
    }

    /** The arrows drawn in the last frame (for tests and hovering). */
    public List<Drawn> drawnArrows() { return List.copyOf(drawnArrows); }

    private void syncBars() {
        SequenceModel m = vm.model();
        int rows = visibleRows();
        long maxTop = Math.max(m.first(), m.end() - rows);
        if (vm.followProperty().get() && stick) top = maxTop;
        top = Math.max(m.first(), Math.min(top, maxTop));
        syncing = true;
        try {
            vbar.setMin(0);
            vbar.setMax(maxTop - m.first());
            vbar.setVisibleAmount(Math.max(1, Math.min(rows, m.size())));
            vbar.setValue(top - m.first());
            vbar.setBlockIncrement(rows);
            double contentWidth = geometry().width(m.lanes().size());
            hbar.setMin(0);
            hbar.setMax(Math.max(0, contentWidth - canvas.getWidth()));
            hbar.setVisibleAmount(canvas.getWidth());
            hbar.setValue(clamp(hbar.getValue(), 0, hbar.getMax()));
        } finally {
            syncing = false;
        }
        stick = top >= maxTop;
    }

    void draw() {
        dirty = false;
        drawn = vm.model().changes();
        syncBars();
        SequenceModel m = vm.model();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        Font font = style.font(FONT);
        double em = font.getSize();
        Layout lay = Layout.forEm(em);
        double ox = -hbar.getValue();
        g.setFill(style.paint(BACKGROUND));
        g.fillRect(0, 0, w, h);
        g.setFont(font);
        g.setTextBaseline(VPos.CENTER);
        drawnArrows.clear();
        List<Lane> lanes = m.lanes();
        // lifelines
        g.setStroke(style.paint(LIFELINE));
        g.setLineWidth(style.length(THIN));
        g.setLineDashes(em * 0.3, em * 0.3);
        for (Lane l : lanes) {
            double x = lay.x(l.index()) + ox;
            if (x < -lay.lane() || x > w + lay.lane()) continue;
            g.strokeLine(x, lay.header(), x, h);
        }
        g.setLineDashes();
        int rows = visibleRows() + 1;
        long from = Math.max(m.first(), top), to = Math.min(m.end(), top + rows);
        Set<Arrow> done = Collections.newSetFromMap(new IdentityHashMap<>());
        // arrows sent above the view that end in or below it
        for (long s = Math.max(m.first(), top - LOOKBACK); s < from; s++)
            if (m.step(s) instanceof Step.Sent(long seq, Arrow a) && (a.end() == Arrow.End.WAITING || a.receivedAt() >= top)
                    && done.add(a)) arrow(g, lay, ox, m, a);
        for (long s = from; s < to; s++) {
            double y = lay.y(s - top);
            switch (m.step(s)) {
                case Step.Sent(long seq, Arrow a) -> { if (done.add(a)) arrow(g, lay, ox, m, a); }
                case Step.Received(long seq, Arrow a) -> {
                    if (a.sentAt() >= m.first() && done.add(a)) arrow(g, lay, ox, m, a);
                    label(g, lay.x(a.to()) + ox + em * 0.5, y + em * 0.55, "waited " + a.waited(), MUTED, TextAlignment.LEFT, em * 0.8);
                }
                case Step.Started(long seq, int lane, String pid, boolean restart) -> {
                    double x = lay.x(lane) + ox;
                    g.setFill(style.paint(START));
                    g.fillOval(x - em * 0.35, y - em * 0.35, em * 0.7, em * 0.7);
                    label(g, x + em * 0.6, y, (restart ? "restarted as " : "starts as ") + pid, START, TextAlignment.LEFT, em);
                }
                case Step.Spawned(long seq, int lane, String child) -> {
                    double x = lay.x(lane) + ox;
                    g.setStroke(style.paint(START));
                    g.setLineWidth(style.length(LINE));
                    g.strokeLine(x, y, x + em * 1.2, y);
                    label(g, x + em * 1.4, y, "spawns " + child, MUTED, TextAlignment.LEFT, em * 0.9);
                }
                case Step.Exited(long seq, int lane, String pid, String reason) -> {
                    double x = lay.x(lane) + ox, r = em * 0.4;
                    g.setStroke(style.paint(EXIT));
                    g.setLineWidth(style.length(LINE) * 1.5);
                    g.strokeLine(x - r, y - r, x + r, y + r);
                    g.strokeLine(x - r, y + r, x + r, y - r);
                    label(g, x + em * 0.7, y, "exits: " + reason, EXIT, TextAlignment.LEFT, em);
                }
            }
        }
        // waiting messages whose send is further up than the lookback still point at their mailbox
        for (Arrow a : m.waiting()) if (a.sentAt() < top - LOOKBACK && done.add(a)) arrow(g, lay, ox, m, a);
        header(g, lay, ox, lanes, w, em);
    }

    private void header(GraphicsContext g, Layout lay, double ox, List<Lane> lanes, double w, double em) {
        g.setFill(style.paint(BACKGROUND));
        g.fillRect(0, 0, w, lay.header());
        for (Lane l : lanes) {
            double x = lay.x(l.index()) + ox, bw = lay.lane() * 0.9;
            if (x < -lay.lane() || x > w + lay.lane()) continue;
            g.setFill(style.paint(HEADER));
            g.fillRoundRect(x - bw / 2, em * 0.3, bw, lay.header() - em * 0.8, em * 0.5, em * 0.5);
            g.setStroke(style.paint(LIFELINE));
            g.setLineWidth(style.length(THIN));
            g.strokeRoundRect(x - bw / 2, em * 0.3, bw, lay.header() - em * 0.8, em * 0.5, em * 0.5);
            label(g, x, em * 1.2, l.label(), TEXT, TextAlignment.CENTER, em);
            label(g, x, em * 2.3, l.pid() + (l.restarts() > 0 ? "  ↻ " + l.restarts() : "") + (l.alive() ? "" : "  ✕"),
                    MUTED, TextAlignment.CENTER, em * 0.85);
        }
    }

    private void arrow(GraphicsContext g, Layout lay, double ox, SequenceModel m, Arrow a) {
        double em = lay.row() / 1.9;
        double x1 = lay.x(a.from()) + ox, x2 = lay.x(a.to()) + ox;
        double y1 = lay.y(a.sentAt() - top);
        double y2 = a.end() == Arrow.End.WAITING ? lay.y(m.end() - 1 - top) + lay.row() * 0.4 : lay.y(a.receivedAt() - top);
        Key<Paint> paint = a.end() != Arrow.End.RECEIVED ? WAITING : switch (a.kind()) {
            case MESSAGE -> MESSAGE;
            case DOWN -> DOWN;
            case EXIT -> EXIT;
        };
        g.setStroke(style.paint(paint));
        g.setFill(style.paint(paint));
        g.setLineWidth(style.length(LINE));
        if (a.end() != Arrow.End.RECEIVED) g.setLineDashes(em * 0.5, em * 0.3);
        else if (a.kind() == Arrow.Kind.DOWN) g.setLineDashes(em * 0.2, em * 0.3);
        if (a.from() == a.to()) {   // to itself: a loop on the right of its lifeline
            double r = em * 1.5;
            g.strokePolyline(new double[] {x1, x1 + r, x1 + r, x2}, new double[] {y1, y1, y2, y2}, 4);
            x1 = x1 + r;
            y1 = y2;
        } else {
            g.strokeLine(x1, y1, x2, y2);
        }
        g.setLineDashes();
        double angle = Math.atan2(y2 - y1, x2 - x1), len = em * 0.75, spread = 0.4;
        if (a.end() == Arrow.End.LOST) {
            double r = em * 0.35;
            g.strokeLine(x2 - r, y2 - r, x2 + r, y2 + r);
            g.strokeLine(x2 - r, y2 + r, x2 + r, y2 - r);
        } else {
            g.fillPolygon(new double[] {x2, x2 - len * Math.cos(angle - spread), x2 - len * Math.cos(angle + spread)},
                    new double[] {y2, y2 - len * Math.sin(angle - spread), y2 - len * Math.sin(angle + spread)}, 3);
        }
        double lx = (x1 + x2) / 2, ly = lay.y(a.sentAt() - top) - em * 0.55;
        if (a.from() == a.to()) lx = x1 + em * 0.3;
        label(g, lx, ly, a.text(), TEXT, a.from() == a.to() ? TextAlignment.LEFT : TextAlignment.CENTER, em * 0.9);
        drawnArrows.add(new Drawn(a, x1, lay.y(a.sentAt() - top), x2, y2));
    }

    private void label(GraphicsContext g, double x, double y, String text, Key<Paint> paint, TextAlignment align, double size) {
        Font f = style.font(FONT);
        g.setFont(size == f.getSize() ? f : Font.font(f.getFamily(), size));
        g.setTextAlign(align);
        g.setFill(style.paint(paint));
        g.fillText(text, x, y);
        g.setFont(f);
    }

    private void showHover(double x, double y) {
        Drawn best = null;
        double bestD = style.font(FONT).getSize() * 0.6;
        for (Drawn d : drawnArrows) {
            double dist = distance(x, y, d);
            if (dist <= bestD) {
                bestD = dist;
                best = d;
            }
        }
        if (best == null) {
            hover.setVisible(false);
            return;
        }
        hover.setText(describe(best.arrow()));
        hover.resize(hover.prefWidth(-1), hover.prefHeight(-1));
        hover.relocate(Math.min(x + 12, Math.max(0, getWidth() - hover.getWidth())), Math.min(y + 12, Math.max(0, getHeight() - hover.getHeight())));
        hover.setVisible(true);
    }

    /** The hover's text for an arrow: its term in full and what became of it. */
    static String describe(Arrow a) {
        String what = switch (a.kind()) {
            case MESSAGE -> "message";
            case DOWN -> "DOWN message";
            case EXIT -> "EXIT signal";
        };
        String end = switch (a.end()) {
            case WAITING -> "waiting in the mailbox";
            case LOST -> "never received: the receiver exited first";
            case RECEIVED -> a.waited() == 0 ? "received at once" : "received " + a.waited() + " steps later (it waited in the mailbox)";
        };
        return what + ": " + a.full() + "\n" + end;
    }

    private static double distance(double px, double py, Drawn d) {
        double dx = d.x2() - d.x1(), dy = d.y2() - d.y1();
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : clamp(((px - d.x1()) * dx + (py - d.y1()) * dy) / len2, 0, 1);
        double cx = d.x1() + t * dx, cy = d.y1() + t * dy;
        return Math.hypot(px - cx, py - cy);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The colours CSS gave this canvas, for the SVG export. */
    public Svg.Palette palette() {
        return new Svg.Palette(css(BACKGROUND), css(TEXT), css(MUTED), css(LIFELINE), css(MESSAGE), css(WAITING),
                css(DOWN), css(EXIT), css(START));
    }

    private String css(Key<Paint> key) {
        if (!(style.paint(key) instanceof Color c)) return "currentColor";
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }

    /** The canvas, for a PNG of what is in view. */
    Canvas canvas() { return canvas; }
}
