package beamscope.app.observe;

import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.otp.SupervisorView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one door through which the views read and act on a node: what any node answers, the embedded one
 * ({@link LocalNode}) as well as a real BEAM node reached over the network. The window uses nothing else.
 * What only the embedded runtime can do (spawn from the catalogue, pause and step the schedulers, slow
 * motion, link two other processes, set a priority) is in {@link EmbeddedControls}, offered through
 * {@link #embedded()}; the window hides those controls for a node that does not offer them.
 *
 * <p>The split follows OTP: a connected node lets an outsider (the shell, a hidden process on the observer's
 * side) send, call and cast, exit and kill, link to and monitor from itself, and read what
 * {@code observer_backend} reads (process_info, supervisor children); {@code erlang:suspend_process/1}
 * runs there through rpc. Pausing the schedulers, running one time slice, or making one process link
 * another has no counterpart on a real node.
 *
 * <p>Reads may be slow for a large node (a million processes): call them from the sampler thread, never
 * from the FX thread; {@link #state()}, {@link #nodeName()} and {@link #embedded()} are the exceptions. Actions never wait for a scheduler and may be
 * called from any thread; {@link #call} returns a future instead of waiting. While the node is not
 * {@link NodeState#CONNECTED}, reads and actions may throw.
 */
public interface Observed extends AutoCloseable {

    // ---------------------------------------------------------------- the connection

    /** Whether reads and actions reach the node now. Cheap (no round trip): any thread, the FX thread too. */
    NodeState state();

    /** What only the embedded runtime can do; empty for a node that cannot (a remote BEAM node). */
    default Optional<EmbeddedControls> embedded() {
        return Optional.empty();
    }

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

    /**
     * Whether a process (a row {@link #forEachProcess} just gave) is a supervisor, static or dynamic, and
     * so worth asking {@link #supervisor} about; otherwise it is a worker. Cheap: it is asked for every
     * process of a walk.
     */
    boolean isSupervisor(ProcessSummary process);

    /** {@code process_info/1} with at most {@code messageLimit} queued messages. */
    Optional<ProcessInfo> info(Pid pid, int messageLimit);

    /**
     * {@code process_info/1} with at most {@code messageLimit} queued messages and at least the first
     * {@code linkLimit} links, monitors and monitors-by, with their counts ({@link ProcessInfo#linkCount}): a node
     * that can read a page of them reads no more (the inspector of a supervisor of 100,000 children).
     */
    default Optional<ProcessInfo> info(Pid pid, int messageLimit, int linkLimit) {
        return info(pid, messageLimit);
    }

    /** How a process that exited recently ended. */
    Optional<Object> exitReason(Pid pid);

    /** A server's state in inspect syntax, when the process is a GenServer/Agent (or keeps a "state"). */
    Optional<String> serverState(Pid pid);

    /** The node's name, e.g. {@code nonode@nohost}. Cheap (known without a round trip): any thread. */
    String nodeName();

    /** {@code Process.whereis(name)}. */
    Optional<Pid> whereis(String name);

    /** A live supervisor's strategy, intensity and children with their restart counts. */
    Optional<SupervisorView> supervisor(Pid pid);

    EventSubscription subscribe(EventFilter filter, int capacity);

    /**
     * As {@link #subscribe}, starting with the events that already happened when the node keeps them: a recording
     * shown at a past moment gives its events up to that moment first. A live node keeps none.
     */
    default EventSubscription subscribeFromStart(EventFilter filter, int capacity) {
        return subscribe(filter, capacity);
    }

    /**
     * As {@link #subscribe}, starting with the last {@code recent} wanted events that already happened when the node
     * keeps them, and again from the new moment each time a recording's moment moves back: an event log's lines.
     * A live node keeps none.
     */
    default EventSubscription subscribeRecent(EventFilter filter, int capacity, int recent) {
        return subscribe(filter, capacity);
    }

    /**
     * How many times the moment shown has moved back (a recording whose timeline was dragged back), for a view
     * that draws history to draw it again; a live node never moves back. Cheap: any thread, the FX thread too.
     */
    default long rewinds() {
        return 0;
    }

    /**
     * Whether this is a recording's past rather than a node: its {@link #info} holds what a recording keeps, and
     * the fields it does not (priority, trap_exit, current behaviour, scheduler, memory) are to be shown as unknown.
     */
    default boolean recorded() {
        return false;
    }

    /** The shell process: its pid receives what the user's sends and calls get back. */
    Pid shell();

    /** Moves what arrived at the shell into {@code into} without waiting; completes pending calls. */
    int drainShell(List<ShellMessage> into, int max);

    /** A message the shell received, and whether it answered a call of ours. */
    record ShellMessage(long nanos, Object message, boolean reply, String request) {}

    // ---------------------------------------------------------------- acting

    /** Sends from the shell. */
    void send(Pid to, Object message);

    /**
     * {@code GenServer.call} from the shell: completes with the reply; exceptionally on timeout, or with
     * the server's exit reason when it is gone or dies first.
     */
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

    /** {@code :erlang.suspend_process(pid)}. */
    void suspend(Pid pid);

    /** {@code :erlang.resume_process(pid)}. */
    void resume(Pid pid);

    @Override
    void close();
}
