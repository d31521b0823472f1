package beamscope.app.tree;

import beamscope.app.tree.TreeGeometry.Hit;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The supervision tree's state: the frame shown, what the user folded, zoom and pan, the running
 * animations, and the selected process (shared with the rest of the window). Touched on the FX thread
 * only, except {@link #shape()} and {@link #watched()}, which the sampler reads.
 */
public final class TreeViewModel {

    /** Called when the user asks for a process's context menu (screen coordinates). */
    @FunctionalInterface
    public interface ContextMenuHook {
        void show(Pid pid, double screenX, double screenY);
    }

    private final ObjectProperty<Pid> selection;
    private final LongSupplier clock;
    private final ReadOnlyObjectWrapper<TreeFrame> frame = new ReadOnlyObjectWrapper<>(TreeFrame.EMPTY);
    private final DoubleProperty scale = new SimpleDoubleProperty(1);
    private final DoubleProperty offsetX = new SimpleDoubleProperty(0);
    private final DoubleProperty offsetY = new SimpleDoubleProperty(0);
    private final List<TreeEffect> effects = new ArrayList<>();
    private final Map<Pid, Integer> seenRestarts = new HashMap<>();
    private final Map<Pid, String> exitReasons = new HashMap<>();
    /** Deaths not yet matched to a restart: a frame can fall between a death and its restart. */
    private final List<Waiting> waiting = new ArrayList<>();
    private static final long WAIT_FOR_RESTART_NANOS = 3_000_000_000L;

    private record Waiting(TreeChanges.Death death, long since) {}

    /** Supervisors restarted after they gave up (reached their restart intensity), since when: marked on the tree. */
    private final Map<Pid, Long> gaveUp = new HashMap<>();
    /** The parent's reaction to a child supervisor that gave up: the parent, whom it restarted, since when. */
    private final Map<Pid, Reaction> reactions = new HashMap<>();

    /** A supervisor restarted {@code child}, a supervisor that had given up, at {@code since}. */
    private record Reaction(String child, long since) {}
    private static final long GAVE_UP_SHOWN_NANOS = 60_000_000_000L;
    private volatile TreeShape shape = TreeShape.INITIAL;
    private volatile Set<Pid> watched = Set.of();
    private volatile List<ProcessSummary> phantoms = List.of();
    private volatile Set<Pid> phantomPids = Set.of();
    private Runnable onShapeChange = () -> {};
    private ContextMenuHook onNodeContextMenu = (pid, x, y) -> {};
    private long changes;
    private final Flights flights = new Flights();
    private final ObjectProperty<Flights.Speed> flightSpeed =
            new javafx.beans.property.SimpleObjectProperty<>(this, "flightSpeed", Flights.Speed.NORMAL);
    {
        flightSpeed.addListener((o, a, s) -> flights.setSpeed(s == null ? Flights.Speed.OFF : s));
    }
    private final ObjectProperty<java.util.Set<Pid>> highlighted =
            new javafx.beans.property.SimpleObjectProperty<>(this, "highlighted", java.util.Set.of());

    public TreeViewModel(ObjectProperty<Pid> selection) {
        this(selection, System::nanoTime);
    }

    public TreeViewModel(ObjectProperty<Pid> selection, LongSupplier clock) {
        this.selection = selection;
        this.clock = clock;
        highlighted.addListener(o -> changes++);
        // a process selected elsewhere (a table, a search) is brought into view when it is folded away
        selection.addListener((o, a, pid) -> {
            changes++;
            if (pid != null && frame.get().item(pid) == null) {
                shape = shape.reveal(pid);
                onShapeChange.run();
            }
        });
    }

    // ------------------------------------------------------------ frames in

    /** Shows a new frame (FX thread) and starts the animations for what changed since the last one. */
    public void apply(TreeFrame next) {
        long now = clock.getAsLong();
        // finished effects go here as well as when the canvas draws: a tree out of sight does not draw
        effects.removeIf(e -> e.over(now));
        waiting.removeIf(w -> {
            boolean expired = now - w.since() > WAIT_FOR_RESTART_NANOS;
            if (expired) seenRestarts.remove(w.death().item().pid());
            return expired;
        });
        List<TreeChanges.Death> earlier = new ArrayList<>();
        for (Waiting w : waiting) earlier.add(w.death());
        TreeChanges ch = TreeChanges.between(frame.get(), next, earlier);
        List<Waiting> still = new ArrayList<>();
        for (TreeChanges.Death d : ch.unmatched()) {
            long since = now;
            for (Waiting w : waiting) if (w.death().item().pid().equals(d.item().pid())) since = w.since();
            still.add(new Waiting(d, since));
        }
        waiting.clear();
        waiting.addAll(still);
        List<ProcessSummary> ph = new ArrayList<>();
        Set<Pid> phPids = new java.util.HashSet<>();
        for (Waiting w : waiting) {
            if (now - w.since() >= TreeEffect.Type.DIED.nanos) continue;
            TreeItem it = w.death().item();
            ph.add(new ProcessSummary(it.pid(), it.name(), it.name(), ProcessStatus.EXITING, Priority.NORMAL, 0,
                    it.queue(), 0, 0, w.death().parent()));
            phPids.add(it.pid());
        }
        phantoms = List.copyOf(ph);
        phantomPids = Set.copyOf(phPids);
        Map<Pid, Pid> replacedBy = new HashMap<>();
        gaveUp.values().removeIf(since -> now - since > GAVE_UP_SHOWN_NANOS);
        reactions.values().removeIf(x -> now - x.since() > GAVE_UP_SHOWN_NANOS);
        for (TreeChanges.Restart r : ch.restarted()) {
            String why = next.exitReasons().get(r.before().pid());
            if (why != null && why.startsWith(TreeFramer.GAVE_UP)) {
                gaveUp.put(r.after().pid(), now);
                TreeItem parent = r.after().parent() < 0 ? null : next.items().get(r.after().parent());
                if (parent != null && parent.pid() != null) reactions.put(parent.pid(), new Reaction(r.after().name(), now));
            } else if (gaveUp.remove(r.before().pid()) != null) gaveUp.put(r.after().pid(), now);
            effects.add(new TreeEffect(TreeEffect.Type.RESTARTED, r.after(), r.before().pid(), now));
            seenRestarts.put(r.after().pid(), restarts(r.before()) + 1);
            seenRestarts.remove(r.before().pid());
            replacedBy.put(r.before().pid(), r.after().pid());
        }
        exitReasons.keySet().removeIf(p -> effects.stream().noneMatch(e -> p.equals(e.item().pid())));
        exitReasons.putAll(next.exitReasons());
        for (TreeItem dead : ch.died()) {
            effects.add(new TreeEffect(TreeEffect.Type.DIED, dead, replacedBy.get(dead.pid()), now));
        }
        for (Pid p : ch.reacted()) {
            TreeItem it = next.item(p);
            if (it != null) effects.add(new TreeEffect(TreeEffect.Type.REACTED, it, null, now));
        }
        // the dead drawn as phantoms are not watched: their leaving the layout is not a second death
        Set<Pid> shown = new java.util.HashSet<>(next.shownPids());
        for (TreeChanges.Death d : earlier) shown.remove(d.item().pid());
        for (Waiting w : waiting) shown.remove(w.death().item().pid());
        watched = Set.copyOf(shown);
        frame.set(next);
        changes++;
        // a death nobody restarted: ask for the next frame now, which keeps its slot (a phantom)
        for (TreeChanges.Death d : ch.unmatched())
            if (ch.died().contains(d.item())) {
                onShapeChange.run();
                break;
            }
    }

    public ReadOnlyObjectProperty<TreeFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public TreeFrame frame() {
        return frame.get();
    }

    /** What the user folded; read by the sampler thread. */
    public TreeShape shape() {
        return shape;
    }

    /** The pids shown now, whose deaths the next frame should report; read by the sampler thread. */
    public Set<Pid> watched() {
        return watched;
    }

    /** Processes that died a moment ago without a restart, kept in the layout while they fade; read by the sampler. */
    public List<ProcessSummary> phantoms() {
        return phantoms;
    }

    /** Why a process that just died exited ({@code killed}, {@code gave up: too many restarts}…), or null. */
    public String exitReason(Pid pid) {
        return exitReasons.get(pid);
    }

    /**
     * Whether this process took the place of a supervisor that gave up (reached its restart intensity and
     * shut down) in the last minute: its box says so until then, beside its parent's flash.
     */
    public boolean gaveUp(Pid pid) {
        Long since = pid == null ? null : gaveUp.get(pid);
        return since != null && clock.getAsLong() - since <= GAVE_UP_SHOWN_NANOS;
    }

    /**
     * This supervisor's reaction to a child supervisor that gave up in the last minute, as its box says it:
     * "restarted counter_sup" (the child's own box says it gave up); null when there was none. A class sees who reacted, not only
     * a flash.
     */
    public String reaction(Pid pid) {
        Reaction x = pid == null ? null : reactions.get(pid);
        return x == null || clock.getAsLong() - x.since() > GAVE_UP_SHOWN_NANOS ? null : "restarted " + x.child();
    }

    private final javafx.beans.property.BooleanProperty intro = new javafx.beans.property.SimpleBooleanProperty(Intro.wanted());

    /** Whether the "what am I looking at" card shows above the tree (until the user dismisses it). */
    public javafx.beans.property.ReadOnlyBooleanProperty introProperty() {
        return intro;
    }

    public void dismissIntro() {
        intro.set(false);
    }

    /** Whether this shown item is a process that already died (drawn fading out). */
    public boolean isPhantom(Pid pid) {
        return pid != null && phantomPids.contains(pid);
    }

    /** The sampler registers here to build a frame at once when the user folds or pages, or a process died. */
    public void setOnShapeChange(Runnable r) {
        onShapeChange = r == null ? () -> {} : r;
    }

    // ------------------------------------------------------------ animations

    /** The animations still running; finished ones are dropped. */
    public List<TreeEffect> effects() {
        long now = clock.getAsLong();
        effects.removeIf(e -> e.over(now));
        return List.copyOf(effects);
    }

    public long now() {
        return clock.getAsLong();
    }

    /**
     * The restart badge's one count: how many times its supervisor restarted this child, the same number
     * as the "(restart N)" of the restart events (a supervisor that was itself restarted counts from 0
     * again). Only a process whose supervisor gives no count falls back to the restarts this view saw.
     */
    public int restarts(TreeItem it) {
        if (it.restarts() >= 0) return it.restarts();
        return it.pid() == null ? 0 : seenRestarts.getOrDefault(it.pid(), 0);
    }

    /** What the restart badge means, for its tooltip and the legend. */
    public static final String RESTARTS_MEANING = "↻N: times its supervisor restarted this child, the N of the"
            + " restart events' \"(restart N)\"; a supervisor restarted itself starts its children's counts at 0 again";

    /** Grows on every change that needs a redraw (frames, folds, zoom, pan, selection). */
    public long changes() {
        return changes;
    }

    // ------------------------------------------------------------ user actions

    /**
     * The processes a lesson's current step is about (empty for none): drawn with a highlight ring, beside
     * the selection. Set on the FX thread.
     */
    /** Messages, exit signals, links and DOWNs flying between the boxes. */
    public Flights flights() {
        return flights;
    }

    /** How fast flights fly (off: none, and the window asks the node for no message traffic). */
    public ObjectProperty<Flights.Speed> flightSpeedProperty() {
        return flightSpeed;
    }

    /**
     * Takes one frame's message traffic and signals for the flights; an exit signal flies from a process
     * to its supervisor (the box it hangs under).
     */
    public void flights(java.util.List<beamscope.runtime.Event> sends, java.util.List<Flights.Rate> rates,
                        java.util.List<beamscope.runtime.Event> events, boolean slowed) {
        TreeFrame f = frame.get();
        flights.accept(sends, rates, events, slowed, clock.getAsLong(), pid -> {
            TreeItem it = f.item(pid);
            TreeItem parent = it == null ? null : f.parentOf(it);
            return parent != null && parent.kind() == TreeItem.Kind.SUPERVISOR ? parent.pid() : null;
        });
    }

    public ObjectProperty<java.util.Set<Pid>> highlightedProperty() {
        return highlighted;
    }

    public boolean isHighlighted(Pid pid) {
        return pid != null && highlighted.get().contains(pid);
    }

    private java.util.function.Predicate<Pid> followedRestartTo = p -> false;

    /** Tells which selections followed a restart rather than the user ({@code AppState::followedRestartTo}). */
    public void setFollowedRestartTo(java.util.function.Predicate<Pid> test) {
        followedRestartTo = test;
    }

    /** Whether {@code pid} is selected because the selection followed a restart to it: the view keeps still for it. */
    public boolean followedRestartTo(Pid pid) {
        return followedRestartTo.test(pid);
    }

    public ObjectProperty<Pid> selectionProperty() {
        return selection;
    }

    /** A click on a point of the content: selects, folds or pages. */
    public void click(Hit hit) {
        if (hit == null) return;
        TreeItem it = hit.item();
        switch (hit.zone()) {
            case TOGGLE -> toggle(it);
            case PREV -> page(it, -1);
            case NEXT -> page(it, +1);
            case BODY -> {
                if (it.kind() == TreeItem.Kind.AGGREGATE && !it.aggregate().open()) toggle(it);
                else if (it.isProcess()) selection.set(it.pid());
            }
        }
        changes++;
    }

    /** Folds or unfolds a node; opens an aggregate at its first page or closes it. */
    public void toggle(TreeItem it) {
        if (it.kind() == TreeItem.Kind.AGGREGATE)
            shape = shape.page(it.pid(), it.aggregate().group(), it.aggregate().open() ? -1 : 0);
        else if (it.pid() != null) shape = shape.toggle(it.pid(), it.collapsed());
        onShapeChange.run();
    }

    /** Moves an open aggregate a page forward or back. */
    public void page(TreeItem aggregate, int delta) {
        TreeItem.Aggregate a = aggregate.aggregate();
        if (a == null || !a.open()) return;
        int p = Math.floorMod(a.page() + delta, a.pages());
        shape = shape.page(aggregate.pid(), a.group(), p);
        onShapeChange.run();
    }

    public void setOnNodeContextMenu(ContextMenuHook hook) {
        onNodeContextMenu = hook == null ? (pid, x, y) -> {} : hook;
    }

    public void contextMenu(Hit hit, double screenX, double screenY) {
        if (hit != null && hit.item().isProcess()) onNodeContextMenu.show(hit.item().pid(), screenX, screenY);
    }

    /** The hover text for an item: what the box shows, unabbreviated. */
    public String describe(TreeItem it) {
        StringBuilder b = new StringBuilder();
        switch (it.kind()) {
            case NODE -> b.append("node ").append(it.name()).append('\n')
                    .append(String.format(java.util.Locale.ROOT, "%,d processes", frame.get().processes()));
            case AGGREGATE -> {
                TreeItem.Aggregate a = it.aggregate();
                TreeItem.StatusCounts c = a.statuses();
                b.append(it.name()).append(String.format(java.util.Locale.ROOT,
                        "%nrunning %,d · runnable %,d · waiting %,d · suspended %,d · exiting %,d%nmessages queued: %,d%n",
                        c.running(), c.runnable(), c.waiting(), c.suspended(), c.exiting(), a.totalQueue()));
                b.append(a.open() ? "page " + (a.page() + 1) + " of " + a.pages() + " (◀ ▶ to page)" : "click to open, " + TreeFrame.PAGE_SIZE + " per page");
            }
            default -> {
                b.append(it.name()).append("  ").append(it.pid()).append('\n');
                if (it.supervisor() != null) b.append("supervisor, ").append(it.supervisor().label()).append('\n');
                if (it.childId() != null) b.append("child id: ").append(it.childId()).append('\n');
                b.append("status: ").append(beamscope.app.Numbers.status(it.status()))
                        .append(" · mailbox: ").append(it.queue());
                int r = restarts(it);
                if (r > 0) b.append(" · ↻").append(r).append(" restarts by its supervisor (as in the events' \"(restart ").append(r).append(")\")");
                if (gaveUp(it.pid())) b.append("\nits predecessor gave up: too many restarts (more than ")
                        .append(it.supervisor() == null ? "its intensity" : it.supervisor().label())
                        .append("); its supervisor restarted it");
                if (reaction(it.pid()) != null) b.append("\n").append(reaction(it.pid()))
                        .append(": a child supervisor reached its restart intensity, and this supervisor restarted it");
                if (isPhantom(it.pid())) b.append("\nexited").append(exitReason(it.pid()) == null ? "" : ": " + exitReason(it.pid()));
                if (it.children() > 0) b.append(String.format(java.util.Locale.ROOT, "%n%,d processes under it", it.children()));
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------ zoom and pan

    public DoubleProperty scaleProperty() { return scale; }
    public DoubleProperty offsetXProperty() { return offsetX; }
    public DoubleProperty offsetYProperty() { return offsetY; }

    /** Zooms by {@code factor} keeping the view point (px, py) still. */
    public void zoom(double factor, double px, double py) {
        double s = scale.get(), ns = Math.max(0.1, Math.min(4, s * factor));
        offsetX.set(px - (px - offsetX.get()) * ns / s);
        offsetY.set(py - (py - offsetY.get()) * ns / s);
        scale.set(ns);
        changes++;
    }

    public void pan(double dx, double dy) {
        offsetX.set(offsetX.get() + dx);
        offsetY.set(offsetY.get() + dy);
        changes++;
    }

    /** Scales and centres the whole tree into a view of this size (never above 100 %). */
    public void fit(double viewWidth, double viewHeight, TreeGeometry g) {
        TreeFrame f = frame.get();
        double w = g.width(f), h = g.height(f);
        if (w <= 0 || h <= 0 || viewWidth <= 0 || viewHeight <= 0) return;
        double s = Math.max(0.1, Math.min(1, Math.min(viewWidth / w, viewHeight / h)));
        scale.set(s);
        offsetX.set((viewWidth - w * s) / 2);
        offsetY.set(Math.max(0, (viewHeight - h * s) / 2));
        changes++;
    }

    /** Converts a view point to content coordinates. */
    public double contentX(double viewX) { return (viewX - offsetX.get()) / scale.get(); }
    public double contentY(double viewY) { return (viewY - offsetY.get()) / scale.get(); }
}
