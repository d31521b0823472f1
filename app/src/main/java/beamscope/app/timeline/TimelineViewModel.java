package beamscope.app.timeline;

import beamscope.app.connect.NodeChoiceViewModel;
import beamscope.app.observe.LocalNode;
import beamscope.app.observe.Observed;
import beamscope.record.Recorder;
import beamscope.record.Recording;
import beamscope.record.RecordingFile;
import beamscope.record.RecordingFormatException;
import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The timeline: while the window is open its embedded node is recorded (bounded, {@link #setLimits}); moving back
 * ({@link #seek}) shows the node as it was through a {@link RecordedNode}, which the window reads like any node;
 * {@link #play} moves forward at a speed; {@link #live} returns to the node now; {@link #open} shows a saved
 * recording without a running node. Marks: crashes, restarts and supervisors giving up. FX thread, except where said;
 * taking a copy of the recording and reading a file run on the background executor.
 */
public final class TimelineViewModel implements AutoCloseable {

    public enum Kind { CRASH, RESTART, GAVE_UP }

    /** A moment worth jumping to. */
    public record Mark(long nanos, Kind kind, String label) {}

    /** The window records the last 10 minutes or 1M events, whichever is fewer, until the user changes it. */
    public static final Recorder.Limits WINDOW_LIMITS = new Recorder.Limits(Duration.ofMinutes(10), 1_000_000);
    static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(1);
    /** Marks shown at most (the latest). */
    static final int MAX_MARKS = 200;
    static final Atom PROGRESS = Atom.of("progress_report"), SUPERVISOR_REPORT = Atom.of("supervisor_report"),
            GAVE_UP = Atom.of("reached_max_restart_intensity");

    private final NodeChoiceViewModel nodes;
    private final Executor fx, background;
    private volatile Recorder recorder;
    private Recorder.Limits limits = WINDOW_LIMITS;
    private RecordedNode shown;
    private long playedAt;

    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);
    private final DoubleProperty position = new SimpleDoubleProperty(1);
    private final ReadOnlyStringWrapper size = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper moment = new ReadOnlyStringWrapper("live");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper asOf = new ReadOnlyStringWrapper("");
    private final ObservableList<Mark> marks = FXCollections.observableArrayList();
    private double speed = 1;

    public TimelineViewModel(NodeChoiceViewModel nodes, Executor fx, Executor background) {
        this.nodes = nodes;
        this.fx = fx;
        this.background = background;
        // "Back to the embedded node" from the Node menu ends the look back too
        nodes.onEmbeddedProperty().addListener((o, was, on) -> {
            if (on && shown != null) leave();
        });
    }

    private Double pendingFraction;

    /** Records {@code node} from now on (the embedded one; a remote node is not recorded). Any thread. */
    public void record(Observed node) {
        recorded = node;
        Recorder old = recorder;
        recorder = !off && node instanceof LocalNode local && !local.node().isClosed()
                ? Recorder.start(local.node(), limits, SNAPSHOT_EVERY) : null;
        if (old != null) background.execute(old::close);
    }

    /** The node recorded (or that would be, were recording on). */
    private volatile Observed recorded;
    /** The user turned recording off (while it is on, every send and receive is written into the trace's rings). */
    private volatile boolean off;

    /** Turns recording off (the history kept so far goes) or on again (from now). */
    public void setRecording(boolean on) {
        off = !on;
        Observed n = recorded;
        if (n != null) record(n);
        else if (!on) {
            Recorder old = recorder;
            recorder = null;
            if (old != null) background.execute(old::close);
        }
        refreshSize();
    }

    /** Whether the node is being recorded (the user has not turned it off). */
    public boolean recording() {
        return !off;
    }

    public Recorder.Limits limits() {
        return limits;
    }

    public void setLimits(Recorder.Limits limits) {
        this.limits = limits;
        if (off) {
            setRecording(true);
            return;
        }
        Recorder r = recorder;
        if (r != null) background.execute(() -> r.setLimits(limits));
        refreshSize();
    }

    /** The size line, e.g. "recording: last 10 min · 1.2M events"; call now and then (it never waits). */
    public void refreshSize() {
        Recorder r = recorder;
        if (shown != null && !live.get()) {
            Recording rec = shown.recording();
            size.set(String.format(Locale.ROOT, "recording: %s · %s events", seconds(rec.endNanos() - rec.startNanos()),
                    count(rec.events().size())));
        } else if (off) {
            size.set("recording: off (the node runs at full speed)");
        } else if (r == null || !nodes.onEmbeddedProperty().get()) {
            size.set("recording: off (only the embedded node is recorded)");
        } else {
            size.set(String.format(Locale.ROOT, "recording: last %s · %s events", minutes(limits.window()), count(r.eventCount())));
        }
    }

    /** Shows the node as it was at {@code fraction} (0 the start of the recording, 1 its end). */
    public CompletableFuture<Void> seek(double fraction) {
        error.set("");
        double f = Math.max(0, Math.min(1, fraction));
        if (shown != null) {
            moveTo(shown.recording().startNanos() + (long) (f * (shown.recording().endNanos() - shown.recording().startNanos())));
            return CompletableFuture.completedFuture(null);
        }
        Recorder r = recorder;
        if (r == null || !nodes.onEmbeddedProperty().get()) { // a real node is shown: it is not recorded
            position.set(1);
            return CompletableFuture.completedFuture(null);
        }
        boolean inFlight = pendingFraction != null;
        pendingFraction = f;
        if (inFlight) return CompletableFuture.completedFuture(null); // the copy under way takes the latest fraction
        String name = nodes.current().nodeName();
        return CompletableFuture.supplyAsync(() -> new RecordedNode(r.recording(), name + " (recorded)", true), background)
                .thenAcceptAsync(node -> {
                    Recording rec = node.recording();
                    double at = pendingFraction;
                    pendingFraction = null;
                    show(node);
                    moveTo(rec.startNanos() + (long) (at * (rec.endNanos() - rec.startNanos())));
                }, fx);
    }

    /** Jumps to just before a mark, so that playing forward shows it happen. */
    public void jumpTo(Mark m) {
        if (shown == null) return;
        stop();
        moveTo(m.nanos() - 1);
    }

    /** Reads a saved recording and shows it from its start; false (and {@link #errorProperty()}) when it cannot be read. */
    public CompletableFuture<Boolean> open(Path file) {
        error.set("");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new RecordedNode(RecordingFile.load(file), String.valueOf(file.getFileName()));
            } catch (RecordingFormatException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, background).handleAsync((node, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
                error.set(file.getFileName() + ": " + cause.getMessage());
                return false;
            }
            show(node);
            moveTo(node.recording().startNanos());
            return true;
        }, fx);
    }

    /** Plays the recording forward at {@code speed} (¼, 1, 4) from the moment shown; the bar's pulse calls {@link #tick}. */
    public void play(double speed) {
        if (shown == null) return;
        this.speed = speed;
        playedAt = System.nanoTime();
        playing.set(true);
    }

    public void stop() {
        playing.set(false);
    }

    /** One step of play: moves the moment forward by the time since the last tick times the speed. */
    public void tick(long nowNanos) {
        if (!playing.get() || shown == null) return;
        long dt = nowNanos - playedAt;
        playedAt = nowNanos;
        long next = shown.nanos() + (long) (dt * speed);
        if (next >= shown.recording().endNanos()) {
            next = shown.recording().endNanos();
            stop();
        }
        moveTo(next);
    }

    /** Back to the node now: the live views again. */
    public void live() {
        stop();
        error.set("");
        if (shown == null) return;
        leave();
        nodes.backToEmbedded();
    }

    private void leave() {
        stop();
        shown = null;
        live.set(true);
        position.set(1);
        moment.set("live");
        asOf.set("");
        marks.clear();
        refreshSize();
    }

    private void show(RecordedNode node) {
        shown = node;
        live.set(false);
        marks.setAll(marks(node.recording()));
        nodes.showRecording(node);
        refreshSize();
    }

    private void moveTo(long t) {
        shown.moveTo(t);
        Recording rec = shown.recording();
        long span = Math.max(1, rec.endNanos() - rec.startNanos());
        position.set((double) (shown.nanos() - rec.startNanos()) / span);
        moment.set(String.format(Locale.ROOT, "%s of %s", seconds(shown.nanos() - rec.startNanos()), seconds(span)));
        asOf.set(shown.asOf());
    }

    /** Crashes (an exit that is not normal or shutdown), restarts, and supervisors giving up; the latest {@value #MAX_MARKS}. */
    static List<Mark> marks(Recording r) {
        List<Mark> out = new ArrayList<>();
        for (Event e : r.events()) {
            switch (e) {
                case Event.Exit x when !normal(x.reason()) -> out.add(new Mark(x.nanos(), Kind.CRASH,
                        x.pid() + " crashed: " + beamscope.runtime.Terms.inspect(x.reason(), 80)));
                case Event.Report rep when rep.kind().equals(PROGRESS) && restartCount(rep.details()) > 0 ->
                        out.add(new Mark(rep.nanos(), Kind.RESTART, rep.pid() + " restarted a child"));
                case Event.Report rep when rep.kind().equals(SUPERVISOR_REPORT)
                        && beamscope.runtime.Terms.inspect(rep.details(), 4000).contains(":" + GAVE_UP.name()) ->
                        out.add(new Mark(rep.nanos(), Kind.GAVE_UP, rep.pid() + " gave up: reached max restart intensity"));
                default -> { }
            }
        }
        out.sort(java.util.Comparator.comparingLong(Mark::nanos));
        return out.size() > MAX_MARKS ? out.subList(out.size() - MAX_MARKS, out.size()) : out;
    }

    private static boolean normal(Object reason) {
        return Atom.NORMAL.equals(reason) || Atom.SHUTDOWN.equals(reason) || Tuple.isTagged(reason, Atom.SHUTDOWN);
    }

    private static long restartCount(Object details) {
        if (details instanceof List<?> l)
            for (Object o : l)
                if (o instanceof Tuple t && t.size() == 2 && Atom.of("restart_count").equals(t.get(0)) && t.get(1) instanceof Number n)
                    return n.longValue();
        return 0;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    static String count(long n) {
        if (n >= 1_000_000) return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        if (n >= 10_000) return String.format(Locale.ROOT, "%.0fk", n / 1e3);
        return Long.toString(n);
    }

    /** Where a mark sits on the bar (0..1). */
    public double fraction(Mark m) {
        if (shown == null) return 1;
        Recording rec = shown.recording();
        return Math.max(0, Math.min(1, (double) (m.nanos() - rec.startNanos()) / Math.max(1, rec.endNanos() - rec.startNanos())));
    }

    /** The moment shown, or null while live. */
    public RecordedNode shown() {
        return shown;
    }

    public ReadOnlyBooleanProperty liveProperty() { return live.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty playingProperty() { return playing.getReadOnlyProperty(); }
    public DoubleProperty positionProperty() { return position; }
    public ReadOnlyStringProperty sizeProperty() { return size.getReadOnlyProperty(); }
    public ReadOnlyStringProperty momentProperty() { return moment.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** What the moment shown knows only as of an earlier time (statuses, reductions, lanes); empty while live. */
    public ReadOnlyStringProperty asOfProperty() { return asOf.getReadOnlyProperty(); }
    public ObservableList<Mark> marks() { return marks; }

    @Override
    public void close() {
        Recorder r = recorder;
        recorder = null;
        if (r != null) r.close();
    }
}
