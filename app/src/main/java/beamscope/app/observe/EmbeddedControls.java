package beamscope.app.observe;

import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.otp.SupervisorFlags;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What only the embedded runtime can do, beyond {@link Observed}: start the catalogue's example processes
 * (their code is Java, here), drive the schedulers (pause, one time slice, slow motion), and act as any
 * process (link or monitor between two others, set another process's priority), none of which a real
 * BEAM node offers an outsider. Reached through {@link Observed#embedded()}; the window shows these
 * controls only when it is there.
 *
 * <p>Actions never wait for a scheduler, except the starts, which wait for an init: call those off the
 * FX thread.
 */
public interface EmbeddedControls {

    /**
     * Spawns one process of a catalogue kind, unsupervised or as a child of a supervisor. May wait for a
     * GenServer's init or the supervisor's answer: call it off the FX thread. Throws with the reason when
     * the start fails.
     */
    Pid spawn(ProcessKind kind, Spawn options);

    /**
     * Spawns {@code count} processes as {@link #spawn} would, one after another, until done, cancelled or the
     * first failure (thrown, with how many started before in its message). {@code started} hears the running
     * total (any thread; cheap). Waits: call it off the FX thread. Returns the last pid started, or null.
     * The default calls {@link #spawn} in a loop; the embedded node starts supervised children from a process
     * inside the node instead, which does not wake a Java thread per child.
     */
    default Pid spawnMany(ProcessKind kind, Spawn options, int count, java.util.function.IntConsumer started,
                          java.util.function.BooleanSupplier cancelled) {
        Pid last = null;
        for (int i = 0; i < count && !cancelled.getAsBoolean(); i++) {
            try {
                last = spawn(kind, options);
            } catch (RuntimeException e) {
                throw new IllegalStateException("stopped after " + i + ": " + e.getMessage(), e);
            }
            started.accept(i + 1);
        }
        return last;
    }

    /**
     * Starts a new supervisor with {@code children} workers of {@code childKind}: under {@code parent} (a
     * supervisor) when given, else on its own. Blocks until its children have started: call it off the FX
     * thread. Throws with the reason when the start fails.
     */
    Pid startSupervisor(SupervisorFlags flags, ProcessKind childKind, int children, Pid parent);

    /**
     * How to spawn: priority (unsupervised only), for a Crasher the message it dies on, and the supervisor
     * to start it under (null: unsupervised).
     */
    record Spawn(Priority priority, Object crashOn, Pid supervisor) {
        public static Spawn defaults() {
            return new Spawn(Priority.NORMAL, ProcessKind.DEFAULT_CRASH, null);
        }

        public Spawn under(Pid sup) {
            return new Spawn(priority, crashOn, sup);
        }
    }

    /** {@code a} links to {@code b}, as if it called {@code Process.link(b)} itself. */
    void link(Pid a, Pid b);

    void unlink(Pid a, Pid b);

    /** {@code watcher} monitors {@code target}; the DOWN goes to the watcher's mailbox. */
    void monitor(Pid watcher, Pid target);

    /** {@code Process.flag(:priority, p)}, on another process's behalf. */
    void setPriority(Pid pid, Priority priority);

    /** Pauses every scheduler after its current time slice. */
    void pauseSchedulers();

    /** Runs exactly one time slice while paused; completes when it has ended. */
    CompletableFuture<Void> stepSlice();

    /** What the last step ran (process, scheduler, reductions used); set before its future completes. */
    java.util.Optional<beamscope.runtime.SteppedSlice> lastStep();

    void resumeSchedulers();

    /** Waits this long between time slices (zero: full speed). */
    void slowMotion(Duration delayBetweenSlices);
}
