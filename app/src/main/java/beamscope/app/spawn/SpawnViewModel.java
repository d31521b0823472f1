package beamscope.app.spawn;

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
    private final Executor fx;
    private final Executor background;
    private final Consumer<Pid> select;
    private final ObjectProperty<ProcessKind> kind = new SimpleObjectProperty<>(this, "kind", ProcessKind.COUNTER);
    private final IntegerProperty count = new SimpleIntegerProperty(this, "count", 1);
    private final ObjectProperty<Priority> priority = new SimpleObjectProperty<>(this, "priority", Priority.NORMAL);
    private final StringProperty crashOn = new SimpleStringProperty(this, "crashOn", ":boom");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public SpawnViewModel(Observed node, Executor fx, Executor background, Consumer<Pid> select) {
        this.node = node;
        this.fx = fx;
        this.background = background;
        this.select = select;
    }

    /** Spawns {@link #countProperty()} processes of the chosen kind. */
    public void spawn() {
        if (busy.get()) return;
        Object trigger = ProcessKind.DEFAULT_CRASH;
        if (kind.get() == ProcessKind.CRASHER) {
            Message m = Message.read(crashOn.get(), node.shell());
            if (m instanceof Message.SyntaxError e) {
                status.set("Crasher's message: " + e.message());
                return;
            }
            trigger = ((Message.Term) m).term();
        }
        Observed.Spawn options = new Observed.Spawn(priority.get(), trigger);
        ProcessKind k = kind.get();
        int n = Math.max(1, Math.min(MAX_COUNT, count.get()));
        if (n == 1) {
            Pid pid = spawnOne(k, options);
            if (pid != null) {
                status.set("spawned " + k.label() + " " + pid);
                select.accept(pid);
            }
            return;
        }
        busy.set(true);
        progress.set(0);
        status.set("spawning " + n + " × " + k.label() + "…");
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean pending = new AtomicBoolean();
        background.execute(() -> {
            String failure = null;
            for (int i = 0; i < n; i++) {
                try {
                    node.spawn(k, options);
                } catch (RuntimeException e) {
                    failure = e.getMessage();
                    break;
                }
                done.incrementAndGet();
                if ((i & 1023) == 0 && pending.compareAndSet(false, true)) fx.execute(() -> {
                    pending.set(false);
                    progress.set(done.get() / (double) n);
                });
            }
            String error = failure;
            fx.execute(() -> {
                progress.set(done.get() / (double) n);
                busy.set(false);
                status.set(error == null ? "spawned " + done.get() + " × " + k.label()
                        : "stopped after " + done.get() + ": " + error);
            });
        });
    }

    private Pid spawnOne(ProcessKind k, Observed.Spawn options) {
        try {
            return node.spawn(k, options);
        } catch (RuntimeException e) {
            status.set("spawn failed: " + e.getMessage());
            return null;
        }
    }

    public ObjectProperty<ProcessKind> kindProperty() { return kind; }
    public IntegerProperty countProperty() { return count; }
    public ObjectProperty<Priority> priorityProperty() { return priority; }
    public StringProperty crashOnProperty() { return crashOn; }
    public DoubleProperty progressProperty() { return progress; }
    public BooleanProperty busyProperty() { return busy; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
}
