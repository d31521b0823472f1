package beamscope.app.schedulers;

import beamscope.app.schedulers.SchedulerViewModel.Lane;
import beamscope.runtime.Pid;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import beamscope.app.theme.CanvasStyle;
import beamscope.app.theme.CanvasStyle.Key;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws one lane per scheduler, then one per dirty scheduler (numbered D1, D2, …, tagged "dirty"): what
 * runs now (a long schedule marked in the danger colour), the run queue per priority as bars, and a utilisation
 * sparkline over the last minute. Redraws once per pulse when a new frame arrived. Colours and line
 * widths come from CSS ({@code css/schedulers.css}), through a {@link CanvasStyle}.
 */
public final class SchedulerCanvas extends Region implements CanvasStyle.Styled {

    private static final CanvasStyle.Schema CSS = new CanvasStyle.Schema(Region.getClassCssMetaData());
    static final Key<Paint> BACKGROUND = CSS.paint("-bs-sched-background"), STRIPE = CSS.paint("-bs-sched-stripe"),
            TEXT = CSS.paint("-bs-sched-text"), MUTED = CSS.paint("-bs-sched-muted"), TRACK = CSS.paint("-bs-sched-track"),
            MAX_BAR = CSS.paint("-bs-sched-max"), HIGH_BAR = CSS.paint("-bs-sched-high"),
            NORMAL_BAR = CSS.paint("-bs-sched-normal"), LOW_BAR = CSS.paint("-bs-sched-low"),
            RUNNING = CSS.paint("-bs-sched-running"), SPARK = CSS.paint("-bs-sched-spark"),
            SPARK_FILL = CSS.paint("-bs-sched-spark-fill"), SELECTED = CSS.paint("-bs-sched-selected");
    /** The outline around the selected running process; the utilisation sparkline; the sparkline's base line. */
    static final Key<Number> SELECTED_WIDTH = CSS.length("-bs-sched-selected-width"), SPARK_WIDTH = CSS.length("-bs-sched-spark-width"),
            AXIS_WIDTH = CSS.length("-bs-sched-axis-width");
    private static final Key<Font> FONT = CSS.font();

    private final CanvasStyle style = CSS.style(this, () -> dirty = true);
    private final Canvas canvas = new Canvas();
    private final Text measure = new Text();
    private SchedulerViewModel vm;
    private long drawn = -1;
    private boolean dirty = true;

    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (vm != null && (dirty || vm.changes() != drawn)) draw();
        }
    };

    public SchedulerCanvas() {
        getStyleClass().add("scheduler-canvas");
        getChildren().add(canvas);
        beamscope.app.Pulses.inSight(this, pulse);   // only while it can be seen
        widthProperty().addListener(o -> { canvas.setWidth(getWidth()); dirty = true; });
        heightProperty().addListener(o -> { canvas.setHeight(getHeight()); dirty = true; });
        setOnMouseClicked(e -> {
            if (vm == null) return;
            Lane l = laneAt(e.getY());
            if (l != null && l.running() != null && e.getX() < columns().queues()) vm.select(l.running());
        });
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.cssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.cssMetaData();
    }

    /** What CSS gave this canvas to draw with. */
    @Override
    public CanvasStyle canvasStyle() {
        return style;
    }

    public void setViewModel(SchedulerViewModel vm) {
        this.vm = vm;
        vm.selectionProperty().addListener(o -> dirty = true);
        vm.pausedProperty().addListener(o -> dirty = true);
        dirty = true;
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
    }

    /** Column edges in pixels: id | running now | run queues | utilisation (its percentage ends the row). */
    record Columns(double id, double running, double queues, double spark, double end) {}

    /**
     * The id column and the percentage are sized by the type; the running process, the queues and the
     * sparkline share what is left (35 : 35 : 30, each with a floor in em), so large type in a narrow
     * pane squeezes the sparkline before it overlaps text.
     */
    private Columns columns() {
        double em = em(), w = getWidth();
        double id = em * 0.6, run = id + em * 3.2, end = w - em * 0.6;
        double free = Math.max(0, end - em * 4.4 - run);
        double queues = run + Math.max(em * 7, free * 0.35);
        double spark = queues + Math.max(em * 10, free * 0.35);
        return new Columns(id, run, queues, spark, end);
    }

    private double em() {
        return style.font(FONT).getSize();
    }

    private double headerHeight() {
        return em() * 2.9;
    }

    private double laneHeight() {
        int n = Math.max(1, vm.lanes().size());
        return Math.max(3, Math.min(em() * 8, (getHeight() - headerHeight()) / n));
    }

    private Lane laneAt(double y) {
        int i = (int) Math.floor((y - headerHeight()) / laneHeight());
        List<Lane> ls = vm.lanes();
        return i >= 0 && i < ls.size() ? ls.get(i) : null;
    }

    private void draw() {
        dirty = false;
        drawn = vm.changes();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight(), em = em();
        gc.setFill(style.paint(BACKGROUND));
        gc.fillRect(0, 0, w, h);
        Columns c = columns();
        double hh = headerHeight(), lh = laneHeight();
        boolean roomy = lh >= em * 2.2, tight = lh < em * 1.3, textFits = lh >= em * 0.75;
        double tightScale = Math.min(0.75, lh / em * 0.85);

        // header: column titles, then the priority of each bar column
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFont(bold(0.8));
        gc.setFill(style.paint(MUTED));
        double line1 = em * 0.9, line2 = em * 2.1;
        gc.fillText(fitOne(c.queues() - c.id() - em, gc.getFont(), "SCHEDULER · RUNNING NOW", "RUNNING NOW"), c.id(), line1);
        gc.fillText(fitOne(c.spark() - c.queues() - em, gc.getFont(), "RUN QUEUES · FULL BAR = " + vm.queueScale(),
                "RUN QUEUES · FULL = " + vm.queueScale(), "RUN QUEUES"), c.queues(), line1);
        gc.fillText(fitOne(c.end() - c.spark() - em * 0.4, gc.getFont(), "UTILISATION · LAST 60 s", "UTILISATION"),
                c.spark() + em * 0.4, line1);
        double qw = (c.spark() - c.queues() - em) / 4;
        String[] pri = {"max", "high", "normal", "low"};
        Paint[] barPaint = {style.paint(MAX_BAR), style.paint(HIGH_BAR), style.paint(NORMAL_BAR), style.paint(LOW_BAR)};
        gc.setFont(plain(0.8));
        // each priority over its bar column; where a name would run into the next column, one after the other
        double swatch = em * 0.85, gap = em * 0.6, widest = 0;
        for (String p : pri) widest = Math.max(widest, width(p, gc.getFont()));
        boolean aligned = swatch + widest + gap <= qw;
        double at = c.queues();
        for (int i = 0; i < 4; i++) {
            if (aligned) at = c.queues() + i * qw;
            gc.setFill(barPaint[i]);
            gc.fillRoundRect(at, line2 - em * 0.3, em * 0.6, em * 0.6, em * 0.2, em * 0.2);
            gc.setFill(style.paint(MUTED));
            gc.fillText(pri[i], at + swatch, line2);
            at += swatch + width(pri[i], gc.getFont()) + gap;
        }

        Pid sel = vm.selectionProperty().get();
        boolean paused = vm.pausedProperty().get();
        List<Lane> ls = vm.lanes();
        for (int i = 0; i < ls.size(); i++) {
            Lane l = ls.get(i);
            double top = hh + i * lh, mid = top + lh / 2;
            if (top > h) break;
            if (i % 2 == 0) {
                gc.setFill(style.paint(STRIPE));
                gc.fillRect(0, top, w, lh);
            }
            // id and running process
            gc.setFill(l.longSchedule() ? style.paint(MAX_BAR) : l.running() != null ? style.paint(l.dirty() ? HIGH_BAR : RUNNING)
                    : !l.dirty() && paused && vm.steppedLane() == l.id() ? style.paint(SELECTED) : style.paint(TRACK));
            gc.fillRoundRect(c.id(), top + lh * 0.15, em * 0.4, lh * 0.7, em * 0.4, em * 0.4);
            gc.setFont(bold(tight ? tightScale : 1));
            gc.setFill(style.paint(TEXT));
            gc.setTextAlign(TextAlignment.LEFT);
            if (textFits) gc.fillText(fit(l.title(), c.running() - c.id() - em * 0.9, gc.getFont()), c.id() + em * 0.8, mid);
            double nameW = c.queues() - c.running() - em;
            if (l.running() != null) {
                boolean isSel = l.running().equals(sel);
                if (isSel) {
                    gc.setStroke(style.paint(SELECTED));
                    gc.setLineWidth(style.length(SELECTED_WIDTH));
                    gc.strokeRoundRect(c.running() - em * 0.3, top + lh * 0.1, nameW + em * 0.4, lh * 0.8, em * 0.6, em * 0.6);
                }
                String pid = (l.tag() != null ? l.tag() + " · " : "") + "<0." + l.running().id() + ".0>";
                if (roomy) {
                    gc.setFont(bold(1));
                    gc.setFill(style.paint(TEXT));
                    gc.fillText(fit(l.runningName(), nameW, gc.getFont()), c.running(), top + lh * 0.34);
                    gc.setFont(plain(0.8));
                    gc.setFill(style.paint(MUTED));
                    gc.fillText(pid, c.running(), top + lh * 0.7);
                } else if (textFits) {
                    gc.setFont(bold(tight ? tightScale : 0.95));
                    gc.setFill(style.paint(TEXT));
                    gc.fillText(fit(l.runningName() + "  " + pid, nameW, gc.getFont()), c.running(), mid);
                }
            } else if (textFits && l.lastSlice() != null) { // slowed or paused: what this lane just ran
                if (roomy) {
                    gc.setFont(bold(1));
                    gc.setFill(style.paint(TEXT));
                    gc.fillText(fit(l.lastTitle(), nameW, gc.getFont()), c.running(), top + lh * 0.34);
                    gc.setFont(plain(0.8));
                    gc.setFill(style.paint(MUTED));
                    gc.fillText(fit(l.lastDetail(), nameW, gc.getFont()), c.running(), top + lh * 0.7);
                } else {
                    gc.setFont(plain(tight ? tightScale : 0.95));
                    gc.setFill(style.paint(TEXT));
                    gc.fillText(fit(l.lastTitle() + "  " + l.lastDetail(), nameW, gc.getFont()), c.running(), mid);
                }
            } else if (textFits) {
                gc.setFont(plain(tight ? tightScale : 0.95));
                gc.setFill(style.paint(MUTED));
                String what = l.idleText(paused, vm.steppedLane() == l.id());
                gc.fillText(fit(what, nameW, gc.getFont()), c.running(), mid);
            }
            // run queue bars
            int[] q = {l.max(), l.high(), l.normal(), l.low()};
            double barH = Math.min(em * 1.1, lh * 0.55);
            for (int k = 0; k < 4; k++) {
                double x = c.queues() + k * qw, bw = qw - em * 0.6;
                gc.setFill(style.paint(TRACK));
                gc.fillRoundRect(x, mid - barH / 2, bw, barH, barH * 0.4, barH * 0.4);
                if (q[k] > 0) {
                    double fw = Math.max(barH * 0.4, bw * Math.min(1, q[k] / (double) vm.queueScale()));
                    gc.setFill(barPaint[k]);
                    gc.fillRoundRect(x, mid - barH / 2, fw, barH, barH * 0.4, barH * 0.4);
                }
                if (!tight) {
                    gc.setFont(bold(0.75));
                    gc.setFill(q[k] > 0 ? style.paint(TEXT) : style.paint(MUTED));
                    gc.setTextAlign(TextAlignment.RIGHT);
                    gc.fillText(beamscope.app.Numbers.compact(q[k]), x + bw - em * 0.3, mid);
                    gc.setTextAlign(TextAlignment.LEFT);
                }
            }
            drawSpark(gc, i, c.spark() + em * 0.4, top + lh * 0.12, c.end() - c.spark() - em * 4.4, lh * 0.76,
                    paused ? -1 : l.utilisation(), tight, textFits, tightScale);
        }
    }

    private void drawSpark(GraphicsContext gc, int lane, double x, double y, double w, double h, double now, boolean tight,
            boolean textFits, double tightScale) {
        UtilisationHistory hist = vm.history();
        gc.setStroke(style.paint(TRACK));
        gc.setLineWidth(style.length(AXIS_WIDTH));
        gc.strokeLine(x, y + h, x + w, y + h);
        long newest = hist.newest(), window = hist.window();
        int n = hist.size();
        if (n > 0) {
            double[] xs = new double[n + 2], ys = new double[n + 2];
            int k = 0;
            for (UtilisationHistory.Sample s : hist.samples()) {
                double u = lane < s.utilisation().length ? s.utilisation()[lane] : 0;
                xs[k] = x + w * (1 - (newest - s.nanos()) / (double) window);
                ys[k] = y + h * (1 - Math.max(0, Math.min(1, u)));
                k++;
            }
            xs[k] = xs[k - 1];
            ys[k] = y + h;
            xs[k + 1] = xs[0];
            ys[k + 1] = y + h;
            gc.setFill(style.paint(SPARK_FILL));
            gc.fillPolygon(xs, ys, n + 2);
            gc.setStroke(style.paint(SPARK));
            gc.setLineWidth(style.length(SPARK_WIDTH));
            gc.strokePolyline(xs, ys, n);
        }
        if (!textFits) return;
        gc.setFont(bold(tight ? tightScale : 0.95));
        gc.setFill(style.paint(TEXT));
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText(now < 0 ? "–" : vm.slowed() ? "slow" : String.format(Locale.ROOT, "%.0f %%", now * 100), x + w + em() * 3.8, y + h / 2);
        gc.setTextAlign(TextAlignment.LEFT);
    }

    private Font bold(double scale) {
        return Font.font(style.font(FONT).getFamily(), FontWeight.BOLD, style.font(FONT).getSize() * scale);
    }

    private Font plain(double scale) {
        return Font.font(style.font(FONT).getFamily(), FontWeight.NORMAL, style.font(FONT).getSize() * scale);
    }

    private double width(String s, Font f) {
        measure.setFont(f);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    /** The first of these titles that fits; the last one cut to fit if none does. */
    private String fitOne(double max, Font f, String... titles) {
        for (String t : titles) if (width(t, f) <= max) return t;
        return fit(titles[titles.length - 1], max, f);
    }

    private String fit(String s, double max, Font f) {
        measure.setFont(f);
        measure.setText(s);
        if (measure.getLayoutBounds().getWidth() <= max) return s;
        int lo = 0, hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            measure.setText(s.substring(0, mid) + "…");
            if (measure.getLayoutBounds().getWidth() <= max) lo = mid;
            else hi = mid - 1;
        }
        return s.substring(0, lo) + "…";
    }
}
