package beamscope.app.observe;

import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.otp.SupervisorView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one thing the views read and act on: a node seen from outside. {@link LocalNode} implements it over
 * the embedded runtime; a remote BEAM node could implement the same interface.
 *
 * <p>Reads may be slow for a large node (a million processes): call them from the sampler thread, never
 * from the FX thread. Actions never wait for a scheduler and may be called from any thread; the ones
 * that wait for an answer ({@link #call}, {@link #stepSlice}) return a future instead.
 */
public interface Observed extends AutoCloseable {

    // ---------------------------------------------------------------- reading

    /** Scheduler and node totals. Only the sampler should take these (utilisation is per interval). */
    NodeSnapshot snapshot();

    /** One row per live process, streamed without building a list. */
    void forEachProcess(Consumer<ProcessSummary> visitor);

    default List<ProcessSummary> processes() {
        List<ProcessSummary> out = new java.util.ArrayList<>();
        forEachProcess(out::add);
        return out;
    }

    /** {@code process_info/1} with at most {@code messageLimit} queued messages. */
    Optional<ProcessInfo> info(Pid pid, int messageLimit);

    /** How a process that exited recently ended. */
    Optional<Object> exitReason(Pid pid);

    /** A server's state in inspect syntax, when the process is a GenServer/Agent (or keeps a "state"). */
    Optional<String> serverState(Pid pid);

    /** The node's name, e.g. {@code nonode@nohost}. */
    default String nodeName() {
        return "nonode@nohost";
    }

    /** {@code Process.whereis(name)}. */
    Optional<Pid> whereis(String name);

    /** A live supervisor's strategy, intensity and children with their restart counts. */
    Optional<SupervisorView> supervisor(Pid pid);

    EventSubscription subscribe(EventFilter filter, int capacity);

    /** The shell process: its pid receives what the user's sends and calls get back. */
    Pid shell();

    /** Moves what arrived at the shell into {@code into} without waiting; completes pending calls. */
    int drainShell(List<ShellMessage> into, int max);

    /** A message the shell received, and whether it answered a call of ours. */
    record ShellMessage(long nanos, Object message, boolean reply, String request) {}

    // ---------------------------------------------------------------- acting

    /**
     * Spawns one process of a catalogue kind, unsupervised or as a child of a supervisor. May wait for a
     * GenServer's init or the supervisor's answer: call it off the FX thread. Throws with the reason when
     * the start fails.
     */
    Pid spawn(ProcessKind kind, Spawn options);

    /**
     * Starts a new supervisor with {@code children} workers of {@code childKind}: under {@code parent} (a
     * supervisor) when given, else on its own. Blocks until its children have started: call it off the FX
     * thread. Throws with the reason when the start fails.
     */
    Pid startSupervisor(beamscope.runtime.otp.SupervisorFlags flags, ProcessKind childKind, int children, Pid parent);

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

    /** Sends from the shell. */
    void send(Pid to, Object message);

    /** {@code GenServer.call}: completes with the reply, or exceptionally on timeout. */
    CompletableFuture<Object> call(Pid to, Object request, Duration timeout);

    /** {@code GenServer.cast}. */
    void cast(Pid to, Object request);

    /** {@code Process.exit(pid, reason)} from the shell. */
    void exit(Pid pid, Object reason);

    /** Links the shell to {@code pid}. */
    void link(Pid pid);

    void unlink(Pid pid);

    /** The shell monitors {@code pid}; the DOWN message shows up in the shell. */
    void monitor(Pid pid);

    /** {@code a} links to {@code b}, as if it called {@code Process.link(b)} itself. */
    void link(Pid a, Pid b);

    void unlink(Pid a, Pid b);

    /** {@code watcher} monitors {@code target}; the DOWN goes to the watcher's mailbox. */
    void monitor(Pid watcher, Pid target);

    void setPriority(Pid pid, Priority priority);

    void suspend(Pid pid);

    void resume(Pid pid);

    void pauseSchedulers();

    /** Runs exactly one time slice while paused; completes when it has ended. */
    CompletableFuture<Void> stepSlice();

    void resumeSchedulers();

    void slowMotion(Duration delayBetweenSlices);

    @Override
    void close();
}
