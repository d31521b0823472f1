package beamscope.runtime;

import beamscope.runtime.internal.NodeRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A running node: schedulers, processes, names and timers, like one BEAM instance.
 *
 * <pre>{@code
 * try (Node node = Node.start()) {
 *     Pid counter = node.spawn(Counter.start(0));
 *     node.send(counter, Tuple.of(Atom.of("increment"), 5L));
 * }
 * }</pre>
 *
 * Every method may be called from any thread and none of them waits for a scheduler.
 *
 * <h2>Crashes</h2>
 * Whatever a process throws (exceptions, and Errors such as {@code StackOverflowError} or
 * {@code OutOfMemoryError}) ends only that process, with reason {@code {error, stacktrace}} (A2). An
 * error in the runtime's own loops does not stop a scheduler or the timer thread either: the thread
 * reports it as an {@link Event.SystemMonitor} alarm ({@link Event#SCHEDULER_CRASHED},
 * {@link Event#TIMER_CRASHED}, also logged) and carries on.
 *
 * <h2>After close</h2>
 * {@link #close()} ends every process at once. Afterwards the queries answer as for a node with no
 * processes ({@link #isAlive} false, {@link #processCount} 0, {@link #whereis} empty, {@link #processes}
 * empty, {@link #snapshot} and {@link #exitReason} still work), while every command throws
 * {@link IllegalStateException} "node closed" at once: spawn, inbox, send (by pid too: OTP's send never
 * fails, but a send to a node that no longer exists is a bug in the caller, not a message to a dead
 * process), exit, register, sendAfter, suspend, link and the other signals, stepSlice (a failed future),
 * and so every OTP call made from outside ({@code GenServer.call}, {@code Supervisor.whichChildren}, …).
 * Inboxes waiting in receive wake and throw it too.
 */
public final class Node implements AutoCloseable {

    /** The pid that exit signals and messages from outside any process carry as their sender. */
    public static final Pid SYSTEM = Pid.of(0);

    private final NodeRuntime rt;

    private Node(NodeConfig config) {
        this.rt = new NodeRuntime(this, config);
    }

    public static Node start() {
        return start(NodeConfig.defaults());
    }

    public static Node start(NodeConfig config) {
        return new Node(config);
    }

    public NodeConfig config() {
        return rt.config();
    }

    // ---------------------------------------------------------------- processes

    public Pid spawn(Behavior behavior) {
        return rt.spawn(behavior, SpawnOptions.defaults());
    }

    public Pid spawn(Behavior behavior, SpawnOptions options) {
        return rt.spawn(behavior, options);
    }

    /**
     * Sends from outside any process; a dead pid is not an error (A35).
     *
     * <p>The message is shared by reference, not copied as on the BEAM: the receiver gets the very object
     * that was sent. A sender that mutates a sent object afterwards changes what the receiver sees (and
     * races with it, since the two run on different threads). Send immutable values: atoms, numbers,
     * strings, records, {@link Tuple}s, and lists and maps from {@code List.of}/{@code Map.of}.
     */
    public void send(Pid to, Object message) {
        rt.sendExternal(to, message);
    }

    /**
     * Sends to a registered name; throws {@link ErlangError} {@code badarg} when nobody has it (A35). The
     * message is shared by reference, not copied; see {@link #send(Pid, Object)}.
     */
    public void send(String name, Object message) {
        rt.sendExternal(name, message);
    }

    /** {@code Process.exit(pid, reason)} from outside: the signal's sender is {@link #SYSTEM}. */
    public void exit(Pid pid, Object reason) {
        rt.exitExternal(pid, reason);
    }

    public void register(String name, Pid pid) {
        rt.register(name, pid);
    }

    public void unregister(String name) {
        rt.unregister(name);
    }

    public Optional<Pid> whereis(String name) {
        return rt.whereis(name);
    }

    /** Names registered now. */
    public List<String> registered() {
        return rt.registered();
    }

    public boolean isAlive(Pid pid) {
        return rt.isAlive(pid);
    }

    public int processCount() {
        return rt.processCount();
    }

    /** A mailbox with a pid for code outside the node. */
    public Inbox inbox() {
        return rt.inbox("inbox");
    }

    public Inbox inbox(String label) {
        return rt.inbox(label);
    }

    public Ref makeRef() {
        return rt.makeRef();
    }

    public TimerRef sendAfter(Pid to, Object message, Duration delay) {
        return rt.sendAfter(to, message, delay);
    }

    public Optional<Duration> cancelTimer(TimerRef timer) {
        return rt.cancelTimer(timer);
    }

    // ---------------------------------------------------------------- demo controls

    /**
     * Suspends one process ({@code :erlang.suspend_process}): it keeps receiving but does not run.
     * Suspends are counted as in OTP: a process suspended twice runs again after two {@link #resume}s.
     */
    public void suspend(Pid pid) {
        rt.suspend(pid);
    }

    /** Takes back one {@link #suspend}; a resume of a process with no suspend left is ignored. */
    public void resume(Pid pid) {
        rt.resume(pid);
    }

    public void setPriority(Pid pid, Priority priority) {
        rt.setPriority(pid, priority);
    }

    /**
     * Makes {@code a} link to {@code b}, as if {@code a} called {@code Process.link(b)}: done by
     * {@code a} when it next handles its signals, with link/1's rules (a dead {@code b} gives
     * {@code a} a noproc exit unless it traps exits). For demos and the observer window.
     */
    public void link(Pid a, Pid b) {
        rt.link(a, b, true);
    }

    /** Makes {@code a} unlink from {@code b}, as if {@code a} called {@code Process.unlink(b)}. */
    public void unlink(Pid a, Pid b) {
        rt.link(a, b, false);
    }

    /** Makes {@code watcher} monitor {@code target}, as if it called {@code Process.monitor(target)}. */
    public void monitor(Pid watcher, Pid target) {
        rt.monitor(watcher, target);
    }

    public void setTrapExit(Pid pid, boolean on) {
        rt.setTrapExit(pid, on);
    }

    /** Pauses all schedulers after their current slices. Messages and timers still arrive. */
    public void pauseSchedulers() {
        rt.pause();
    }

    public void resumeSchedulers() {
        rt.resumeAll();
    }

    public boolean schedulersPaused() {
        return rt.paused();
    }

    /** While paused: lets exactly one time slice run; completes when that slice has ended. */
    public CompletableFuture<Void> stepSlice() {
        return rt.step();
    }

    /**
     * What the last {@link #stepSlice()} ran: the process, its scheduler and the reductions it used.
     * Read it once the step's future completed (that completion happens after it is set).
     */
    public java.util.Optional<SteppedSlice> lastStep() {
        return rt.lastStep();
    }

    /**
     * Waits this long between slices on every scheduler (zero turns slow motion off), on the node's clock:
     * with a {@link ManualClock}, each scheduler's next slice waits until the clock has moved that far.
     */
    public void slowMotion(Duration delayBetweenSlices) {
        rt.slowMotion(delayBetweenSlices);
    }

    // ---------------------------------------------------------------- observation

    public Optional<ProcessInfo> processInfo(Pid pid) {
        return rt.processInfo(pid, 100);
    }

    public Optional<ProcessInfo> processInfo(Pid pid, int messageLimit) {
        return rt.processInfo(pid, messageLimit);
    }

    /**
     * {@code process_info/1} with at most {@code messageLimit} queued messages and at most {@code linkLimit} links,
     * monitors and monitors-by (their counts say how many there are): a page of a supervisor's 100,000 links costs
     * what the page does.
     */
    public Optional<ProcessInfo> processInfo(Pid pid, int messageLimit, int linkLimit) {
        return rt.processInfo(pid, messageLimit, linkLimit);
    }

    /** One entry of a live process's dictionary ({@link ProcessContext#put}), read without stopping it. */
    public Optional<Object> dictionaryGet(Pid pid, Object key) {
        return rt.dictionaryGet(pid, key);
    }

    /** One row per live process. */
    public List<ProcessSummary> processes() {
        return rt.processes();
    }

    public void forEachProcess(java.util.function.Consumer<ProcessSummary> visitor) {
        rt.forEachProcess(visitor);
    }

    public NodeSnapshot snapshot() {
        return rt.snapshot();
    }

    /** The exit reason of a process that exited recently (the last few thousand exits are kept). */
    public Optional<Object> exitReason(Pid pid) {
        return rt.exitReason(pid);
    }

    /** Subscribes to runtime events; the buffer holds {@code capacity} events and drops the rest. */
    public EventSubscription subscribe(EventFilter filter, int capacity) {
        return rt.subscribe(filter, capacity);
    }

    /**
     * Traces every event but scheduling into rings of {@code ringCapacity} events per scheduler, for a recorder
     * that must keep up at full rate ({@link EventTrace}); several traces may be open at once.
     */
    public EventTrace trace(int ringCapacity) {
        return rt.trace(ringCapacity);
    }

    /**
     * {@code erlang:system_monitor(_, [{long_schedule, Time}])}: a process that holds its scheduler longer
     * than {@code threshold} in one slice (Java code that blocks or loops without returning) is reported
     * once as an {@link Event.SystemMonitor} of kind {@link Event#LONG_SCHEDULE}. On by default at
     * 100 ms of wall time; returns the previous threshold.
     */
    public Duration longScheduleThreshold(Duration threshold) {
        return rt.longScheduleThreshold(threshold);
    }

    /** Publishes a report event (supervisor reports, crash reports) to subscribers. */
    public void report(Pid from, Atom kind, Object details) {
        rt.report(from, kind, details);
    }

    /**
     * Closes the node, like {@code erlang:halt/0}: every process is gone at once, without exit signals,
     * DOWN messages or terminate callbacks; see "After close" above. Returns within about a second
     * whatever processes do: it waits for the schedulers and the timer thread that long in all. A
     * scheduler stuck in a handler that never returns (a Java loop) cannot be stopped, as Java cannot
     * stop a thread safely: close stops waiting for it, the thread (a daemon, renamed "… (node closed,
     * stuck in a handler)") keeps running that handler and ends as soon as the handler returns. A second
     * close does nothing.
     */
    @Override
    public void close() {
        rt.close();
    }

    /** True once {@link #close()} has been called. */
    public boolean isClosed() {
        return rt.isClosed();
    }

    @Override
    public String toString() {
        return "Node(" + rt.config().name() + ")";
    }
}
