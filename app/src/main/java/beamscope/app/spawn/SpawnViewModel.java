package beamscope.app.spawn;

import beamscope.app.observe.EmbeddedControls;
import beamscope.app.observe.Observed;
import beamscope.app.observe.ProcessKind;
import beamscope.app.send.Message;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Spawning from the catalogue: a kind, how many, a priority, and for a Crasher the message it dies on.
 * One process spawns at once and becomes the selection; many spawn on the background executor with a
 * progress bar (at most one progress update pending on the FX thread).
 */
public final class SpawnViewModel {
    public static final int MAX_COUNT = 1_000_000;

    private final Observed node;
    /** Null for a node that cannot spawn from the catalogue (only the embedded one can). */
    private final EmbeddedControls controls;
    private final Executor fx;
    private final Executor background;
    private final Consumer<Pid> select;
    private final ObjectProperty<ProcessKind> kind = new SimpleObjectProperty<>(this, "kind", ProcessKind.COUNTER);
    private final IntegerProperty count = new SimpleIntegerProperty(this, "count", 1);
    private final ObjectProperty<Priority> priority = new SimpleObjectProperty<>(this, "priority", Priority.NORMAL);
    private final StringProperty crashOn = new SimpleStringProperty(this, "crashOn", ":boom");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty supervised = new SimpleBooleanProperty(this, "supervised");
    private final ObjectProperty<Pid> supervisor = new SimpleObjectProperty<>(this, "supervisor");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public SpawnViewModel(Observed node, Executor fx, Executor background, Consumer<Pid> select) {
        this.node = node;
        this.controls = node.embedded().orElse(null);
        this.fx = fx;
        this.background = background;
        this.select = select;
    }

    /**
     * Spawns {@link #countProperty()} processes of the chosen kind on the background executor (a GenServer's
     * start waits for its init, and a supervised start for the supervisor). One process becomes the
     * selection; many move a progress bar, with at most one progress update pending on the FX thread.
     */
    public void spawn() {
        if (busy.get()) return;
        if (controls == null) {
            status.set(node.nodeName() + " cannot start the catalogue's processes: only the embedded node runs their code.");
            return;
        }
        Object trigger = ProcessKind.DEFAULT_CRASH;
        if (kind.get() == ProcessKind.CRASHER) {
            Message m = Message.read(crashOn.get(), node.shell());
            if (m instanceof Message.SyntaxError e) {
                status.set("Crasher's message: " + e.message());
                return;
            }
            trigger = ((Message.Term) m).term();
        }
        Pid sup = supervised.get() ? supervisor.get() : null;
        if (supervised.get() && sup == null) {
            status.set("No supervisor to spawn under: select one in the tree or the table.");
            return;
        }
        EmbeddedControls.Spawn options = new EmbeddedControls.Spawn(priority.get(), trigger, sup);
        ProcessKind k = kind.get();
        int n = Math.max(1, Math.min(MAX_COUNT, count.get()));
        busy.set(true);
        progress.set(0);
        status.set("spawning " + (n == 1 ? "" : n + " × ") + k.label() + (sup == null ? "" : " under " + sup) + "…");
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean pending = new AtomicBoolean();
        background.execute(() -> {
            String failure = null;
            Pid last = null;
            try {
                // supervised: the embedded node starts them from a process in the node, not one call per child
                last = controls.spawnMany(k, options, n, started -> {
                    done.set(started);
                    if (pending.compareAndSet(false, true)) fx.execute(() -> {
                        pending.set(false);
                        progress.set(done.get() / (double) n);
                    });
                }, () -> false);
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
            String error = failure;
            Pid pid = last;
            fx.execute(() -> {
                progress.set(done.get() / (double) n);
                busy.set(false);
                if (error != null) status.set("spawn " + error);
                else if (n == 1) {
                    status.set("spawned " + k.label() + " " + pid + (sup == null ? "" : " under " + sup));
                    select.accept(pid);
                } else status.set("spawned " + done.get() + " × " + k.label());
            });
        });
    }

    /**
     * Starts a supervisor with {@code children} workers of the chosen kind, on the background executor;
     * under {@link #supervisorProperty()} when "supervised" is on. The new supervisor becomes the selection.
     */
    public void startSupervisor(beamscope.runtime.otp.SupervisorFlags flags, int children) {
        if (busy.get()) return;
        if (controls == null) {
            status.set(node.nodeName() + " cannot start the catalogue's processes: only the embedded node runs their code.");
            return;
        }
        Pid sup = supervised.get() ? supervisor.get() : null;
        ProcessKind k = kind.get();
        busy.set(true);
        status.set("starting a " + flags.strategy().atomName() + " supervisor with " + children + " × " + k.label() + "…");
        background.execute(() -> {
            String failure = null;
            Pid pid = null;
            try {
                pid = controls.startSupervisor(flags, k, children, sup);
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
            String error = failure;
            Pid started = pid;
            fx.execute(() -> {
                busy.set(false);
                if (error != null) status.set(error);
                else {
                    status.set("started supervisor " + started + (sup == null ? "" : " under " + sup));
                    select.accept(started);
                }
            });
        });
    }

    /** Whether to spawn as a child of {@link #supervisorProperty()}. */
    public BooleanProperty supervisedProperty() { return supervised; }

    /** The supervisor a supervised spawn goes under (the selected one, or the demo's DynamicSupervisor). */
    public ObjectProperty<Pid> supervisorProperty() { return supervisor; }

    public ObjectProperty<ProcessKind> kindProperty() { return kind; }
    public IntegerProperty countProperty() { return count; }
    public ObjectProperty<Priority> priorityProperty() { return priority; }
    public StringProperty crashOnProperty() { return crashOn; }
    public DoubleProperty progressProperty() { return progress; }
    public BooleanProperty busyProperty() { return busy; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
}
