package beamscope.app.tree;

import beamscope.app.tree.TreeGeometry.Hit;
import beamscope.app.tree.TreeItem.Kind;
import beamscope.app.tree.TreeItem.StatusCounts;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.AnimationTimer;
import beamscope.app.theme.CanvasStyle;
import beamscope.app.theme.CanvasStyle.Key;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws a {@link TreeViewModel} on a canvas: boxes, elbow links, badges, fold toggles and the
 * crash/restart animations. Redraws at most once per pulse, and only when something changed or an
 * animation runs. Every colour and line width comes from CSS ({@code css/tree.css} sets the
 * {@code -bs-tree-*} properties from the theme's tokens), through a {@link CanvasStyle}.
 */
public final class TreeCanvas extends Region implements CanvasStyle.Styled {

    private static final CanvasStyle.Schema CSS = new CanvasStyle.Schema(Region.getClassCssMetaData());
    static final Key<Paint> BACKGROUND = CSS.paint("-bs-tree-background"), LINE = CSS.paint("-bs-tree-line"),
            TEXT = CSS.paint("-bs-tree-text"), MUTED = CSS.paint("-bs-tree-muted"), BOX = CSS.paint("-bs-tree-box"),
            BOX_BORDER = CSS.paint("-bs-tree-box-border"), SUPERVISOR_BOX = CSS.paint("-bs-tree-supervisor"),
            NODE_BOX = CSS.paint("-bs-tree-node"), NODE_TEXT = CSS.paint("-bs-tree-node-text"),
            RUNNING = CSS.paint("-bs-tree-running"), RUNNABLE = CSS.paint("-bs-tree-runnable"),
            WAITING = CSS.paint("-bs-tree-waiting"), SUSPENDED = CSS.paint("-bs-tree-suspended"),
            EXITING = CSS.paint("-bs-tree-exiting"), BADGE = CSS.paint("-bs-tree-badge"),
            BADGE_HOT = CSS.paint("-bs-tree-badge-hot"), BADGE_TEXT = CSS.paint("-bs-tree-badge-text"),
            SELECTED = CSS.paint("-bs-tree-selected"), DIED = CSS.paint("-bs-tree-died"),
            RESTARTED = CSS.paint("-bs-tree-restarted"), REACTED = CSS.paint("-bs-tree-reacted"),
            HIGHLIGHT = CSS.paint("-bs-tree-highlight"),
            FLIGHT_MESSAGE = CSS.paint("-bs-tree-flight-message"), FLIGHT_EXIT = CSS.paint("-bs-tree-flight-exit"),
            FLIGHT_DOWN = CSS.paint("-bs-tree-flight-down"), FLIGHT_LINK = CSS.paint("-bs-tree-flight-link"),
            FLIGHT_TEXT = CSS.paint("-bs-tree-flight-text");
    /** Links between boxes; box outlines; the selected box's outline; fold toggles; restart and reaction rings. */
    static final Key<Number> EDGE_WIDTH = CSS.length("-bs-tree-edge-width"), BORDER_WIDTH = CSS.length("-bs-tree-border-width"),
            SELECTED_WIDTH = CSS.length("-bs-tree-selected-width"), TOGGLE_WIDTH = CSS.length("-bs-tree-toggle-width"),
            EFFECT_WIDTH = CSS.length("-bs-tree-effect-width");
    /** The smallest type that following the tree's size (auto-fit) shrinks the boxes' names to. */
    static final Key<Number> FIT_MIN_TYPE = CSS.length("-bs-tree-fit-min-type");
    private static final Key<Font> FONT = CSS.font();

    private final CanvasStyle style = CSS.style(this, () -> dirty = true);
    private final Canvas canvas = new Canvas();
    private final Text measure = new Text();
    private final Map<String, String> fitted = new HashMap<>();
    private TreeViewModel vm;
    private long drawnChanges = -1;
    private boolean dirty = true, autoFit = true;
    private double pressX, pressY, lastX, lastY;
    private boolean dragged;

    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (vm == null) return;
            List<TreeEffect> effects = vm.effects();
            if (dirty || vm.changes() != drawnChanges || !effects.isEmpty() || vm.flights().busy()) draw(effects);
        }
    };

    public TreeCanvas() {
        getStyleClass().add("tree-canvas");
        getChildren().add(canvas);
        setFocusTraversable(true);
        beamscope.app.Pulses.inSight(this, pulse);   // only while it can be seen
        style.property(FONT).addListener(o -> {
            fitted.clear();
            if (autoFit) fitNow(autoFitMinScale());
        });
        style.property(FIT_MIN_TYPE).addListener(o -> { if (autoFit) fitNow(autoFitMinScale()); });
        widthProperty().addListener(o -> resized());
        heightProperty().addListener(o -> resized());
        wireInput();
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

    /** Shows this view model; the canvas follows its frames from now on. */
    public void setViewModel(TreeViewModel vm) {
        this.vm = vm;
        vm.frameProperty().addListener((o, a, f) -> {
            follow();
            if (!toReveal.isEmpty()) reveal();   // highlighted processes the previous frame did not show yet
            Pid sel = vm.selectionProperty().get();
            if (sel != null && f.item(sel) != null && (a == null || a.item(sel) == null)) scrollToSelection(sel);
        });
        // a lesson's step highlights the processes it is about: they come into sight once, by the least pan
        vm.highlightedProperty().addListener((o, a, h) -> {
            dirty = true;
            toReveal = h == null ? java.util.Set.of() : java.util.Set.copyOf(h);
            reveal();
        });
        // a selection never moves the view, unless its box is out of sight (then by the least that shows it);
        // a selection that follows a restart moves nothing at all: while the death and the restart fall in
        // different frames the new box may stand a row off for a moment, then it settles in its predecessor's place
        vm.selectionProperty().addListener((o, a, sel) -> {
            dirty = true;
            scrollToSelection(sel);
        });
        dirty = true;
    }

    /** The geometry at the current font size. */
    public TreeGeometry geometry() {
        return new TreeGeometry(style.font(FONT).getSize());
    }

    /** Below this scale, fitting gives up fitting it all and keeps the text legible ({@code -bs-tree-fit-min-type}). */
    private double autoFitMinScale() {
        return Math.min(1, style.length(FIT_MIN_TYPE) / style.font(FONT).getSize());
    }

    /**
     * Fits the whole tree into the view, but never shrinks its names below {@code -bs-tree-fit-min-type}
     * (a tree too big for that scrolls); keeps following the tree's size until the user zooms or pans.
     */
    public void fit() {
        autoFit = true;
        fittedWidth = -1;
        fitNow(autoFitMinScale());
    }

    public void zoomIn() { zoom(1.25); }

    public void zoomOut() { zoom(0.8); }

    private void zoom(double f) {
        autoFit = false;
        vm.zoom(f, getWidth() / 2, getHeight() / 2);
    }

    /** Whether the last fit was held at the minimum scale (the tree did not fit): its offsets are a scroll position. */
    private boolean clamped;

    /** The content and view sizes the last fit was for: a frame of the same size leaves the view where it is. */
    private double fittedWidth = -1, fittedHeight, fittedViewWidth, fittedViewHeight;

    /**
     * While fitting is on, fits again only when the tree's size or the view's changed: a kill, a restart
     * or a selection keeps every box where it was, so a second click lands where the first did.
     */
    private void follow() {
        if (!autoFit || vm == null) return;
        TreeGeometry g = geometry();
        if (g.width(vm.frame()) == fittedWidth && g.height(vm.frame()) == fittedHeight
                && getWidth() == fittedViewWidth && getHeight() == fittedViewHeight) return;
        fitNow(autoFitMinScale());
    }

    /**
     * Fits the tree into the view, but not below {@code minScale}: a tree too big for that is shown at
     * {@code minScale}, scrolled where it was, or from its top left the first time.
     */
    private void fitNow(double minScale) {
        if (vm == null || getWidth() <= 0) return;
        TreeGeometry g = geometry();
        double scaleBefore = vm.scaleProperty().get(), xBefore = vm.offsetXProperty().get(), yBefore = vm.offsetYProperty().get();
        fittedWidth = g.width(vm.frame());
        fittedHeight = g.height(vm.frame());
        fittedViewWidth = getWidth();
        fittedViewHeight = getHeight();
        vm.fit(getWidth(), getHeight(), g);
        boolean clampedBefore = clamped;
        clamped = vm.scaleProperty().get() < minScale;
        if (clamped) {
            // scrolled already only if the last fit was held at this scale too: a view centred by an earlier fit
            // (the tree fitted a larger view at the same scale) starts over from the top left
            boolean scrolled = clampedBefore && Math.abs(scaleBefore - minScale) < 1e-9;
            vm.scaleProperty().set(minScale);
            // already scrolled at this scale: the view stays exactly where it was (a row coming and going
            // for a moment while a restart lands must not shift it); the first time, from the top left
            vm.offsetXProperty().set(scrolled ? xBefore : clamp(0, getWidth(), fittedWidth * minScale));
            vm.offsetYProperty().set(scrolled ? yBefore : clamp(0, getHeight(), fittedHeight * minScale));
            Pid sel = vm.selectionProperty().get();
            scrollToSelection(sel);
        }
        dirty = true;
    }

    /** An offset that keeps content wider than the view over it (and content narrower at its start). */
    private static double clamp(double offset, double view, double content) {
        if (content <= view) return Math.max(0, Math.min(view - content, offset));
        return Math.max(view - content, Math.min(0, offset));
    }

    private void resized() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        follow();
        dirty = true;
    }

    /** Pans, by the least that does it, so a process's whole box is in view; does nothing when it is. */
    /** Highlighted processes not yet brought into sight (until a frame shows at least one of them). */
    private java.util.Set<Pid> toReveal = java.util.Set.of();

    /**
     * Brings the boxes of the highlighted processes into sight by the least pan (all of them when they fit,
     * else from their top-left one); nothing moves when they are all in sight. Once per highlight: a user who
     * pans away afterwards is not pulled back.
     */
    private void reveal() {
        if (vm == null || getWidth() <= 0) return;
        TreeGeometry g = geometry();
        double s = vm.scaleProperty().get(), m = g.em() * s;
        double boxW = g.boxWidth() * s / 2, boxH = g.boxHeight() * s / 2;
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Pid p : toReveal) {
            javafx.geometry.Point2D at = vm.frame().item(p) == null ? null : centreOf(p);
            if (at == null) continue;
            minX = Math.min(minX, at.getX() - boxW);
            maxX = Math.max(maxX, at.getX() + boxW);
            minY = Math.min(minY, at.getY() - boxH);
            maxY = Math.max(maxY, at.getY() + boxH);
        }
        if (minX == Double.POSITIVE_INFINITY) return;      // none shown yet: the next frame tries again
        toReveal = java.util.Set.of();
        if (minX >= 0 && maxX <= getWidth() && minY >= 0 && maxY <= getHeight()) return;
        double dx = 0, dy = 0;
        if (minX < 0 || maxX - minX + 2 * m > getWidth()) dx = m - minX;
        else if (maxX > getWidth()) dx = getWidth() - m - maxX;
        if (minY < 0 || maxY - minY + 2 * m > getHeight()) dy = m - minY;
        else if (maxY > getHeight()) dy = getHeight() - m - maxY;
        if (dx != 0 || dy != 0) vm.pan(dx, dy);
    }

    /**
     * Brings the selection into sight ({@link #scrollTo}), unless it followed a restart: then nothing moves, even
     * while the new box stands a row off for a frame before it settles in its predecessor's place.
     */
    private void scrollToSelection(Pid sel) {
        if (sel != null && !vm.followedRestartTo(sel)) scrollTo(sel);
    }

    private void scrollTo(Pid pid) {
        javafx.geometry.Point2D at = centreOf(pid);
        if (at == null || getWidth() <= 0) return;
        TreeGeometry g = geometry();
        double s = vm.scaleProperty().get(), m = g.em() * s;
        double boxW = g.boxWidth() * s / 2, boxH = g.boxHeight() * s / 2;
        // a box wholly in view moves nothing, however near the edge; one that is not comes in with a margin
        if (at.getX() - boxW >= 0 && at.getX() + boxW <= getWidth() && at.getY() - boxH >= 0 && at.getY() + boxH <= getHeight()) return;
        double halfW = boxW + m, halfH = boxH + m;
        double dx = 0, dy = 0;
        if (at.getX() - halfW < 0) dx = halfW - at.getX();
        else if (at.getX() + halfW > getWidth()) dx = getWidth() - at.getX() - halfW;
        if (at.getY() - halfH < 0) dy = halfH - at.getY();
        else if (at.getY() + halfH > getHeight()) dy = getHeight() - at.getY() - halfH;
        if (dx != 0 || dy != 0) vm.pan(dx, dy);
    }

    /** The hit at a point of this control, for clicks and tests. */
    public Hit hitAt(double x, double y) {
        return vm == null ? null : geometry().hit(vm.frame(), vm.contentX(x), vm.contentY(y));
    }

    /** Where a process's box is on this control (its centre), or null when not shown. */
    public javafx.geometry.Point2D centreOf(Pid pid) {
        TreeItem it = vm.frame().item(pid);
        if (it == null) return null;
        TreeGeometry g = geometry();
        double s = vm.scaleProperty().get();
        return new javafx.geometry.Point2D(vm.offsetXProperty().get() + (g.left(it) + g.boxWidth() / 2) * s,
                vm.offsetYProperty().get() + g.centreY(it) * s);
    }

    private final beamscope.app.HoverTip tip = new beamscope.app.HoverTip(this, javafx.util.Duration.millis(350));
    private TreeItem tipFor;

    private void wireInput() {
        setOnMouseMoved(e -> {
            Hit h = hitAt(e.getX(), e.getY());
            TreeItem it = h == null ? null : h.item();
            if (it == tipFor) return;
            tipFor = it;
            tip.show(it == null ? null : vm.describe(it));
        });
        setOnScroll(e -> {
            if (vm == null) return;
            autoFit = false;
            if (e.isShiftDown()) vm.pan(e.getDeltaX(), e.getDeltaY());
            else if (e.getDeltaY() != 0) vm.zoom(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
            e.consume();
        });
        setOnKeyPressed(e -> {
            if (vm == null) return;
            double step = 4 * style.font(FONT).getSize();
            switch (e.getCode()) {
                case PLUS, EQUALS, ADD -> zoomIn();
                case MINUS, SUBTRACT -> zoomOut();
                case DIGIT0, NUMPAD0 -> fit();
                case LEFT -> { autoFit = false; vm.pan(step, 0); }
                case RIGHT -> { autoFit = false; vm.pan(-step, 0); }
                case UP -> { autoFit = false; vm.pan(0, step); }
                case DOWN -> { autoFit = false; vm.pan(0, -step); }
                default -> { return; }
            }
            e.consume();
        });
        setOnMousePressed(e -> {
            requestFocus();
            pressX = lastX = e.getX();
            pressY = lastY = e.getY();
            dragged = false;
        });
        setOnMouseDragged(e -> {
            if (vm == null) return;
            if (Math.abs(e.getX() - pressX) + Math.abs(e.getY() - pressY) > 4) dragged = true;
            if (dragged) {
                autoFit = false;
                vm.pan(e.getX() - lastX, e.getY() - lastY);
            }
            lastX = e.getX();
            lastY = e.getY();
        });
        setOnMouseClicked(e -> {
            if (vm == null || dragged) return;
            if (e.getButton() == MouseButton.PRIMARY) vm.click(hitAt(e.getX(), e.getY()));
            else if (e.getButton() == MouseButton.SECONDARY) vm.contextMenu(hitAt(e.getX(), e.getY()), e.getScreenX(), e.getScreenY());
        });
        // the context-menu key: the menu of the selected process, at its box
        setOnContextMenuRequested(e -> {
            if (vm == null || !e.isKeyboardTrigger() || vm.selectionProperty().get() == null) return;
            javafx.geometry.Point2D at = centreOf(vm.selectionProperty().get());
            if (at == null) return;
            javafx.geometry.Point2D screen = localToScreen(at);
            vm.contextMenu(hitAt(at.getX(), at.getY()), screen.getX(), screen.getY());
        });
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
    }

    // ------------------------------------------------------------ drawing

    private void draw(List<TreeEffect> effects) {
        dirty = false;
        drawnChanges = vm.changes();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        gc.setTransform(1, 0, 0, 1, 0, 0);
        gc.setGlobalAlpha(1);
        gc.setFill(style.paint(BACKGROUND));
        gc.fillRect(0, 0, w, h);
        TreeFrame f = vm.frame();
        if (f.items().isEmpty()) return;
        TreeGeometry g = geometry();
        double s = vm.scaleProperty().get();
        gc.translate(vm.offsetXProperty().get(), vm.offsetYProperty().get());
        gc.scale(s, s);
        double minX = vm.contentX(0), maxX = vm.contentX(w), minY = vm.contentY(0), maxY = vm.contentY(h);
        long now = vm.now();

        gc.setLineWidth(style.length(EDGE_WIDTH));
        gc.setStroke(style.paint(LINE));
        for (TreeItem it : f.items()) {
            if (it.parent() < 0) continue;
            TreeItem p = f.items().get(it.parent());
            double py = g.centreY(p), cy = g.centreY(it);
            if (Math.max(py, cy) + g.boxHeight() < minY || Math.min(py, cy) - g.boxHeight() > maxY) continue;
            double px = g.left(p) + g.boxWidth(), cx = g.left(it), mx = cx - g.columnPitch() * 0.16;
            gc.strokePolyline(new double[] {px, mx, mx, cx}, new double[] {py, py, cy, cy}, 4);
        }

        // a restarted process first shows as its dead predecessor, then fades in (see drawEffect)
        Map<Pid, TreeEffect> replacing = new HashMap<>();
        Map<Pid, TreeEffect> restartedNow = new HashMap<>();
        Map<Pid, TreeEffect> deaths = new HashMap<>();
        for (TreeEffect e : effects) {
            if (e.type() == TreeEffect.Type.DIED) deaths.put(e.item().pid(), e);
            if (e.type() == TreeEffect.Type.DIED && e.other() != null) replacing.put(e.other(), e);
            if (e.type() == TreeEffect.Type.RESTARTED) restartedNow.put(e.item().pid(), e);
        }
        Pid sel = vm.selectionProperty().get();
        for (TreeItem it : f.items()) {
            double l = g.left(it), t = g.top(it);
            if (l > maxX || l + g.boxWidth() + g.toggleRadius() < minX || t > maxY || t + g.boxHeight() < minY) continue;
            if (vm.isPhantom(it.pid())) {
                TreeEffect death = deaths.get(it.pid());
                if (death != null) drawDead(gc, g, it, g.left(it), g.top(it), deadAlpha(death.progress(now)));
                continue;
            }
            TreeEffect dying = it.pid() == null ? null : replacing.get(it.pid());
            double alpha = dying == null ? 1 : fadeIn(dying.progress(now));
            if (alpha <= 0) continue;
            gc.setGlobalAlpha(alpha);
            switch (it.kind()) {
                case NODE -> drawNode(gc, g, it);
                case AGGREGATE -> drawAggregate(gc, g, it);
                default -> drawProcess(gc, g, it, it.pid().equals(sel), restartedNow.containsKey(it.pid()));
            }
            gc.setGlobalAlpha(1);
        }

        for (TreeEffect e : effects) drawEffect(gc, g, f, e, now);
        drawFlights(gc, g, f, now);
    }

    /**
     * Busy pairs as a thick line with their rate, then each mark in the air: a dot for a message, a red
     * cross for an exit signal, a square for a DOWN message, a ring for a link. Marks fly from the side of
     * the sender's box that faces the receiver, on a slight arc (so a reply does not hide its request).
     */
    private void drawFlights(GraphicsContext gc, TreeGeometry g, TreeFrame f, long now) {
        Flights fl = vm.flights();
        double em = g.em();
        for (Flights.Stream st : fl.streams(now)) {
            TreeItem a = f.item(st.from()), b = f.item(st.to());
            if (a == null || b == null || a == b) continue;
            double[] e = ends(g, a, b);
            gc.setGlobalAlpha(0.4);
            gc.setStroke(style.paint(FLIGHT_MESSAGE));
            gc.setLineWidth(em * (0.2 + 0.15 * Math.log10(1 + st.perSecond())));
            gc.strokeLine(e[0], e[1], e[2], e[3]);
            gc.setGlobalAlpha(1);
            String label = beamscope.app.Numbers.compact(st.perSecond()) + "/s";
            gc.setFont(bold(0.8));
            measure.setFont(bold(0.8));
            measure.setText(label);
            double tw = measure.getLayoutBounds().getWidth(), mx = (e[0] + e[2]) / 2, my = (e[1] + e[3]) / 2;
            gc.setFill(style.paint(FLIGHT_MESSAGE));
            gc.fillRoundRect(mx - tw / 2 - em * 0.35, my - em * 0.65, tw + em * 0.7, em * 1.3, em * 0.6, em * 0.6);
            gc.setFill(style.paint(FLIGHT_TEXT));
            gc.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
            gc.setTextBaseline(javafx.geometry.VPos.CENTER);
            gc.fillText(label, mx, my);
            gc.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
            gc.setTextBaseline(javafx.geometry.VPos.BASELINE);
        }
        for (Flights.Flight m : fl.active(now)) {
            TreeItem a = f.item(m.from()), b = f.item(m.to());
            if (a == null || b == null || a == b) continue;
            double[] e = ends(g, a, b);
            double p = m.kind() == Flights.Kind.MESSAGE ? easeInOut(fl.progress(m, now)) : fl.progress(m, now);
            double dx = e[2] - e[0], dy = e[3] - e[1], len = Math.max(1, Math.hypot(dx, dy));
            double lift = Math.sin(Math.PI * p) * em * 1.2;           // off the straight line, to the sender's left
            double x = e[0] + dx * p + dy / len * lift, y = e[1] + dy * p - dx / len * lift, r = em * 0.45;
            switch (m.kind()) {
                case MESSAGE -> {
                    gc.setFill(style.paint(FLIGHT_MESSAGE));
                    gc.fillOval(x - r, y - r, 2 * r, 2 * r);
                }
                case EXIT -> {
                    gc.setFill(style.paint(FLIGHT_EXIT));
                    gc.fillOval(x - r * 1.2, y - r * 1.2, 2.4 * r, 2.4 * r);
                    gc.setStroke(style.paint(FLIGHT_TEXT));
                    gc.setLineWidth(em * 0.15);
                    gc.strokeLine(x - r * 0.6, y - r * 0.6, x + r * 0.6, y + r * 0.6);
                    gc.strokeLine(x - r * 0.6, y + r * 0.6, x + r * 0.6, y - r * 0.6);
                }
                case DOWN -> {
                    gc.setFill(style.paint(FLIGHT_DOWN));
                    gc.fillRect(x - r, y - r, 2 * r, 2 * r);
                }
                case LINK -> {
                    gc.setStroke(style.paint(FLIGHT_LINK));
                    gc.setLineWidth(em * 0.18);
                    gc.strokeOval(x - r, y - r, 2 * r, 2 * r);
                }
            }
        }
    }

    /** Where a line from box {@code a} to box {@code b} starts and ends: the sides that face each other. */
    private static double[] ends(TreeGeometry g, TreeItem a, TreeItem b) {
        double al = g.left(a), bl = g.left(b), w = g.boxWidth();
        double ax, bx;
        if (bl > al + w / 2) { ax = al + w; bx = bl; }
        else if (bl + w / 2 < al) { ax = al; bx = bl + w; }
        else { ax = al + w * 0.85; bx = bl + w * 0.85; }         // same column: right edge to right edge
        return new double[] {ax, g.centreY(a), bx, g.centreY(b)};
    }

    private static double easeInOut(double t) {
        return t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
    }

    /** Where a replaced box stops being its dead predecessor and the new process shows (DIED progress). */
    private static final double SWAP = 0.45, SWAP_LENGTH = 0.15;

    private static double fadeIn(double diedProgress) {
        return Math.max(0, Math.min(1, (diedProgress - SWAP) / SWAP_LENGTH));
    }

    private Font bold(double scale) {
        Font b = style.font(FONT);
        return Font.font(b.getFamily(), FontWeight.BOLD, b.getSize() * scale);
    }

    private Font plain(double scale) {
        Font b = style.font(FONT);
        return Font.font(b.getFamily(), FontWeight.NORMAL, b.getSize() * scale);
    }

    private double arc(TreeGeometry g) {
        return g.em() * 0.9;
    }

    private void drawNode(GraphicsContext gc, TreeGeometry g, TreeItem it) {
        double l = g.left(it), t = g.top(it);
        gc.setFill(style.paint(NODE_BOX));
        gc.fillRoundRect(l, t, g.boxWidth(), g.boxHeight(), g.boxHeight(), g.boxHeight());
        gc.setFill(style.paint(NODE_TEXT));
        gc.setFont(bold(1));
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(fit(it.name(), g.boxWidth() - g.em(), gc.getFont()), l + g.boxWidth() / 2, t + g.boxHeight() * 0.36);
        gc.setFont(plain(0.8));
        gc.fillText(String.format(Locale.ROOT, "node · %,d processes", vm.frame().processes()), l + g.boxWidth() / 2,
                t + g.boxHeight() * 0.72);
        gc.setTextAlign(TextAlignment.LEFT);
    }

    private void drawProcess(GraphicsContext gc, TreeGeometry g, TreeItem it, boolean isSelected, boolean justRestarted) {
        double l = g.left(it), t = g.top(it), bw = g.boxWidth(), bh = g.boxHeight(), em = g.em();
        boolean sup = it.kind() == Kind.SUPERVISOR;
        gc.setFill(sup ? style.paint(SUPERVISOR_BOX) : style.paint(BOX));
        gc.fillRoundRect(l, t, bw, bh, arc(g), arc(g));
        if (it.status() != null) { // a status a recording does not know has no stripe
            gc.setFill(statusPaint(it.status()));
            gc.fillRoundRect(l, t, em * 0.5, bh, em * 0.5, em * 0.5);
            gc.fillRect(l + em * 0.25, t, em * 0.25, bh);
        }
        gc.setStroke(isSelected ? style.paint(SELECTED) : style.paint(BOX_BORDER));
        gc.setLineWidth(style.length(isSelected ? SELECTED_WIDTH : BORDER_WIDTH));
        gc.strokeRoundRect(l, t, bw, bh, arc(g), arc(g));
        if (vm.isHighlighted(it.pid())) {   // what a lesson's step is about: a ring outside the box
            double w = style.length(SELECTED_WIDTH), gap = w * 1.5;
            gc.setStroke(style.paint(HIGHLIGHT));
            gc.setLineWidth(w);
            gc.strokeRoundRect(l - gap, t - gap, bw + 2 * gap, bh + 2 * gap, arc(g) + gap, arc(g) + gap);
        }

        double textLeft = l + em * 0.9, right = l + bw - em * 0.6;
        double badgeW = 0;
        if (it.queue() > 0) badgeW = drawBadge(gc, g, Integer.toString(it.queue()), right, t + bh * 0.32, it.queue() >= 100);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(style.paint(TEXT));
        gc.setFont(bold(1));
        gc.fillText(fit(it.name(), right - textLeft - badgeW - em * 0.3, gc.getFont()), textLeft, t + bh * 0.32);

        gc.setFont(plain(0.82));
        gc.setFill(style.paint(MUTED));
        String pid = "<0." + it.pid().id() + ".0>";
        String second = sup && it.supervisor() != null
                ? pid + "  " + it.supervisor().label()
                : pid + "  " + beamscope.app.Numbers.status(it.status());
        int restarts = vm.restarts(it);
        double restartW = 0;
        if (restarts > 0) {
            String r = "↻" + restarts;
            restartW = width(r, gc.getFont()) + em * 0.3;
            gc.setFill(style.paint(REACTED));
            gc.fillText(r, right - restartW + em * 0.3, t + bh * 0.72);
            gc.setFill(style.paint(MUTED));
        }
        if (justRestarted) {
            second = pid + "  restarted";
            gc.setFill(style.paint(RESTARTED));
        } else if (vm.gaveUp(it.pid())) {
            second = pid + "  ✕ gave up, restarted";        // it reached its restart intensity (hover says more)
            gc.setFill(style.paint(DIED));
        } else if (vm.reaction(it.pid()) != null) {         // the parent's reaction, as lasting as the mark
            second = pid + "  ↻ " + vm.reaction(it.pid());
            gc.setFill(style.paint(REACTED));
        }
        gc.fillText(fit(second, right - textLeft - restartW, gc.getFont()), textLeft, t + bh * 0.72);
        if (TreeGeometry.hasToggle(it)) drawToggle(gc, g, it, it.collapsed() ? "+" + it.children() : "−");
    }

    private void drawAggregate(GraphicsContext gc, TreeGeometry g, TreeItem it) {
        double l = g.left(it), t = g.top(it), bw = g.boxWidth(), bh = g.boxHeight(), em = g.em();
        TreeItem.Aggregate a = it.aggregate();
        gc.setFill(style.paint(BOX));
        gc.fillRoundRect(l, t, bw, bh, arc(g), arc(g));
        // the status breakdown as a stacked bar along the bottom edge
        StatusCounts c = a.statuses();
        int[] counts = {c.running(), c.runnable(), c.waiting(), c.suspended(), c.exiting()};
        ProcessStatus[] order = {ProcessStatus.RUNNING, ProcessStatus.RUNNABLE, ProcessStatus.WAITING,
                ProcessStatus.SUSPENDED, ProcessStatus.EXITING};
        double x = l + em * 0.3, barW = bw - em * 0.6, barY = t + bh - em * 0.55;
        for (int i = 0; i < counts.length; i++) {
            double segW = barW * counts[i] / Math.max(1, a.count());
            gc.setFill(statusPaint(order[i]));
            gc.fillRect(x, barY, segW, em * 0.3);
            x += segW;
        }
        gc.setStroke(style.paint(BOX_BORDER));
        gc.setLineWidth(style.length(BORDER_WIDTH));
        gc.setLineDashes(em * 0.35, em * 0.25);
        gc.strokeRoundRect(l, t, bw, bh, arc(g), arc(g));
        gc.setLineDashes();

        double textLeft = l + em * 0.7, right = l + bw - em * 0.6;
        double badgeW = a.totalQueue() > 0 ? drawBadge(gc, g, compact(a.totalQueue()), right, t + bh * 0.28, a.totalQueue() >= 100) : 0;
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(style.paint(TEXT));
        gc.setFont(bold(1));
        gc.fillText(fit(it.name(), right - textLeft - badgeW, gc.getFont()), textLeft, t + bh * 0.28);
        gc.setFont(plain(0.82));
        gc.setFill(style.paint(MUTED));
        if (a.open()) {
            gc.setTextAlign(TextAlignment.CENTER);
            gc.fillText(String.format(Locale.ROOT, "◀   page %d of %d   ▶", a.page() + 1, a.pages()), l + bw / 2, t + bh * 0.6);
        } else {
            String busy = c.running() + c.runnable() > 0 ? String.format(Locale.ROOT, "%,d busy · ", c.running() + c.runnable()) : "";
            gc.fillText(fit(busy + String.format(Locale.ROOT, "%,d waiting", c.waiting())
                    + (c.suspended() > 0 ? String.format(Locale.ROOT, " · %,d suspended", c.suspended()) : ""),
                    right - textLeft, gc.getFont()), textLeft, t + bh * 0.6);
        }
        gc.setTextAlign(TextAlignment.LEFT);
        drawToggle(gc, g, it, a.open() ? "−" : "+");
    }

    /** A pill ending at {@code right}; returns its width. */
    private double drawBadge(GraphicsContext gc, TreeGeometry g, String label, double right, double cy, boolean hot) {
        Font f = bold(0.75);
        double em = g.em(), w = width(label, f) + em * 0.8, h = em * 1.15;
        gc.setFill(hot ? style.paint(BADGE_HOT) : style.paint(BADGE));
        gc.fillRoundRect(right - w, cy - h / 2, w, h, h, h);
        gc.setFill(style.paint(BADGE_TEXT));
        gc.setFont(f);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(label, right - w / 2, cy);
        gc.setTextAlign(TextAlignment.LEFT);
        return w;
    }

    private void drawToggle(GraphicsContext gc, TreeGeometry g, TreeItem it, String label) {
        Font f = bold(0.72);
        double r = g.toggleRadius(), cx = g.toggleX(it), cy = g.centreY(it);
        double w = Math.max(2 * r, width(label, f) + g.em() * 0.6);
        gc.setFill(style.paint(BACKGROUND));
        gc.fillRoundRect(cx - w / 2, cy - r, w, 2 * r, 2 * r, 2 * r);
        gc.setStroke(style.paint(LINE));
        gc.setLineWidth(style.length(TOGGLE_WIDTH));
        gc.strokeRoundRect(cx - w / 2, cy - r, w, 2 * r, 2 * r, 2 * r);
        gc.setFill(style.paint(TEXT));
        gc.setFont(f);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(label, cx, cy);
        gc.setTextAlign(TextAlignment.LEFT);
    }

    private void drawEffect(GraphicsContext gc, TreeGeometry g, TreeFrame f, TreeEffect e, long now) {
        double p = e.progress(now), em = g.em();
        TreeItem it = e.item();
        double l = g.left(it), t = g.top(it), bw = g.boxWidth(), bh = g.boxHeight();
        switch (e.type()) {
            case DIED -> {
                // the dead box turns red; a restarted one swaps to its replacement, others fade out where
                // they were (as phantoms in the layout, drawn with the items; here only if not shown)
                TreeItem replacement = e.other() == null ? null : f.item(e.other());
                if (replacement != null) drawDead(gc, g, it, g.left(replacement), g.top(replacement), 1 - fadeIn(p));
                else if (f.item(it.pid()) == null) drawDead(gc, g, it, l, t, deadAlpha(p));
            }
            case RESTARTED -> {
                TreeItem shownNow = f.item(it.pid());
                double shown = (now - e.startNanos()) / (double) TreeEffect.Type.DIED.nanos;
                if (shownNow == null || shown < SWAP) return;
                double q = Math.min(1, (now - e.startNanos() - SWAP * TreeEffect.Type.DIED.nanos)
                        / (double) (TreeEffect.Type.RESTARTED.nanos - SWAP * TreeEffect.Type.DIED.nanos));
                l = g.left(shownNow);
                t = g.top(shownNow);
                double grow = em * (0.15 + 0.3 * (1 - q));
                gc.setGlobalAlpha(Math.max(0, 1 - q * q));
                gc.setStroke(style.paint(RESTARTED));
                gc.setLineWidth(style.length(EFFECT_WIDTH));
                gc.strokeRoundRect(l - grow, t - grow, bw + 2 * grow, bh + 2 * grow, arc(g) + grow, arc(g) + grow);
                gc.setGlobalAlpha(1);
            }
            case REACTED -> {
                TreeItem shownNow = f.item(it.pid());
                if (shownNow == null) return;
                l = g.left(shownNow);
                t = g.top(shownNow);
                double pulseAlpha = Math.abs(Math.sin(p * Math.PI * 3)) * (1 - p);
                gc.setGlobalAlpha(pulseAlpha * 0.55);
                gc.setFill(style.paint(REACTED));
                gc.fillRoundRect(l, t, bw, bh, arc(g), arc(g));
                gc.setGlobalAlpha(1 - p);
                gc.setStroke(style.paint(REACTED));
                gc.setLineWidth(style.length(EFFECT_WIDTH));
                gc.strokeRoundRect(l, t, bw, bh, arc(g), arc(g));
                gc.setGlobalAlpha(1);
            }
        }
    }

    private static double deadAlpha(double p) {
        return p < 0.5 ? 1 : 1 - (p - 0.5) / 0.5;
    }

    private void drawDead(GraphicsContext gc, TreeGeometry g, TreeItem it, double l, double t, double alpha) {
        if (alpha <= 0) return;
        double em = g.em(), bw = g.boxWidth(), bh = g.boxHeight();
        String why = vm.exitReason(it.pid());
        boolean normal = "normal".equals(why);   // a process that finished its work: not a crash, no red
        gc.setGlobalAlpha(alpha * (normal ? 0.6 : 1));
        gc.setFill(normal ? style.paint(WAITING) : style.paint(DIED));
        gc.fillRoundRect(l, t, bw, bh, arc(g), arc(g));
        gc.setFill(style.paint(BADGE_TEXT));
        gc.setFont(bold(1));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(fit((normal ? "" : "✕ ") + it.name(), bw - em * 1.2, gc.getFont()), l + em * 0.6, t + bh * 0.32);
        gc.setFont(plain(0.82));
        gc.fillText(fit("<0." + it.pid().id() + ".0>  " + (why == null ? "exited" : why), bw - em * 1.2, gc.getFont()),
                l + em * 0.6, t + bh * 0.72);
        gc.setGlobalAlpha(1);
    }

    private Paint statusPaint(ProcessStatus s) {
        if (s == null) return style.paint(WAITING);
        return switch (s) {
            case RUNNING -> style.paint(RUNNING);
            case RUNNABLE -> style.paint(RUNNABLE);
            case WAITING -> style.paint(WAITING);
            case SUSPENDED -> style.paint(SUSPENDED);
            case EXITING -> style.paint(EXITING);
        };
    }

    private double width(String s, Font f) {
        measure.setFont(f);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    /** The string cut with an ellipsis to fit {@code max} pixels. */
    private String fit(String s, double max, Font f) {
        String key = s + '\u0000' + (int) max + '\u0000' + f.getSize() + f.getStyle();
        String hit = fitted.get(key);
        if (hit != null) return hit;
        String out = s;
        if (width(s, f) > max) {
            int lo = 0, hi = s.length();
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                if (width(s.substring(0, mid) + "…", f) <= max) lo = mid;
                else hi = mid - 1;
            }
            out = s.substring(0, lo) + "…";
        }
        if (fitted.size() > 20_000) fitted.clear();
        fitted.put(key, out);
        return out;
    }

    private static String compact(long n) {
        if (n < 10_000) return Long.toString(n);
        if (n < 1_000_000) return (n / 1000) + "k";
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
}
