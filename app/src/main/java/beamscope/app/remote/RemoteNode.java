package beamscope.app.remote;

import beamscope.app.observe.NodeState;
import beamscope.app.observe.Observed;
import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.SchedulerSnapshot;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorView;
import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangDecodeException;
import com.ericsson.otp.erlang.OtpErlangExit;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangPid;
import com.ericsson.otp.erlang.OtpErlangRef;
import com.ericsson.otp.erlang.OtpErlangTuple;
import com.ericsson.otp.erlang.OtpMbox;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link Observed} over one real BEAM node of a {@link Connection}: the window's views read and act on it as
 * on the embedded node. It offers no {@link beamscope.app.observe.EmbeddedControls}.
 *
 * <p>What a real node does not give is said, not made up:
 * <ul>
 *   <li>Restart counts: a BEAM supervisor counts restarts per intensity period, not per child; every
 *       {@link ChildView#restartCount()} is -1 (unknown), which the views show as "—".</li>
 *   <li>Snapshot totals: run queue lengths per scheduler and their utilisation from
 *       {@code scheduler_wall_time}, the process count and limit, and the node's reductions are real; the
 *       messages sent, spawns, exits, timers and per-scheduler slices are -1 (unavailable), and no scheduler
 *       says which process it runs ({@code running} is null).</li>
 *   <li>Events: a node has no event stream an outsider can read without loading code. The only events are
 *       those this class derives: processes that appeared or vanished between two reads of the process
 *       table (at most {@link #DIFF_LIMIT} processes), labelled as such; exit reasons are not known.</li>
 * </ul>
 *
 * <p>The shell is a JInterface mailbox on Beamscope's hidden node: sends, calls and casts come from it, replies
 * and {@code {:EXIT, pid, reason}} of linked processes arrive in it, and a monitor is a small process on the
 * node (stock {@code erl_eval}) that forwards the DOWN to it. Suspending a process likewise runs in such a
 * process, which holds the suspension until resumed (the BEAM ends a suspension with the process that asked).
 * Every action that can change the node (send, call, cast, exit, link, suspend, resume) is refused until the
 * connection's destructive actions are on ({@link Connection#allowDestructive}).
 *
 * <p>{@link #state()} follows the connection: {@code RECONNECTING} while the attached node is away, then
 * {@code CONNECTED} again. {@link #close()} closes the shell and what it started, not the connection.
 */
public final class RemoteNode implements Observed {

    /** Above this many processes, the table's differences are not turned into events. */
    public static final int DIFF_LIMIT = 100_000;
    private static final int EVENT_BUFFER = 20_000;
    private static final String MONITOR =
            "Ref = erlang:monitor(process, Target), receive {'DOWN', Ref, process, Object, Reason} -> Shell ! {'DOWN', Ref, process, Object, Reason} end.";
    private static final String SUSPENDER =
            "erlang:suspend_process(Target), Shell ! {beamscope_suspended, self()}, receive resume -> erlang:resume_process(Target) end.";

    private final Connection connection;
    private final BeamNode node;
    private final OtpMbox shell;
    private final Pid shellPid;
    private final Map<OtpErlangRef, PendingCall> calls = new ConcurrentHashMap<>();
    private final Map<Pid, OtpErlangPid> suspenders = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** The pids of the last table read, for the derived events; owned by the thread that walks (the sampler). */
    private Map<Pid, ProcessSummary> lastTable;
    private volatile boolean closed;

    private record PendingCall(CompletableFuture<Object> future, String request) {}

    /** Observes {@code nodeName} (the attached node or another node of its cluster) through {@code connection}. */
    public RemoteNode(Connection connection, String nodeName) {
        this.connection = connection;
        this.node = connection.node(nodeName);
        this.shell = connection.newMbox();
        this.shellPid = connection.pids().toPid(shell.self());
    }

    /** The attached node of {@code connection}. */
    public static RemoteNode of(Connection connection) {
        return new RemoteNode(connection, connection.target());
    }

    public Connection connection() {
        return connection;
    }

    // ---------------------------------------------------------------- the connection

    @Override
    public NodeState state() {
        if (closed) return NodeState.DOWN;
        return switch (connection.state()) {
            case CONNECTED -> NodeState.CONNECTED;
            case RECONNECTING -> NodeState.RECONNECTING;
            case DOWN -> NodeState.DOWN;
        };
    }

    @Override
    public String nodeName() {
        return node.name();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Run queues per scheduler and their wall times ({@code scheduler_wall_time}, in the node's own unit:
     * only the ratio is used), the process count and limit, the node's reductions. What a real node does not
     * count is -1: see the class comment.
     */
    @Override
    public NodeSnapshot snapshot() {
        SchedulerSample sample = node.schedulers();
        List<SchedulerSnapshot> schedulers = new ArrayList<>(sample.schedulers().size());
        for (SchedulerSample.Load l : sample.schedulers()) {
            schedulers.add(new SchedulerSnapshot(l.id() - 1, null, 0, 0, l.runQueue(), 0, l.active(), l.total(), -1, -1));
        }
        String name = node.name();
        int count = BeamNode.intOf(connection.rpc(name, Connection.DEFAULT_TIMEOUT, "erlang", "system_info", new OtpErlangAtom("process_count")));
        int limit = BeamNode.intOf(connection.rpc(name, Connection.DEFAULT_TIMEOUT, "erlang", "system_info", new OtpErlangAtom("process_limit")));
        OtpErlangObject reds = connection.rpc(name, Connection.DEFAULT_TIMEOUT, "erlang", "statistics", new OtpErlangAtom("reductions"));
        long reductions = reds instanceof OtpErlangTuple t ? BeamNode.longOf(t.elementAt(0)) : -1;
        return new NodeSnapshot(sample.nanoTime(), List.copyOf(schedulers), count, limit, -1, -1, -1, reductions, false, 0,
                -1, 0);
    }

    /**
     * Every process, in chunks (see {@link BeamNode#forEachChunk}). The sampler's walks also feed the derived
     * spawn and exit events: each read is compared with the one before.
     */
    @Override
    public void forEachProcess(Consumer<ProcessSummary> visitor) {
        List<ProcessSummary> rows = subscriptions.isEmpty() ? null : new ArrayList<>();
        node.forEachChunk(chunk -> {
            if (rows != null && rows.size() <= DIFF_LIMIT) rows.addAll(chunk);
            chunk.forEach(visitor);
        });
        if (rows != null) derive(rows);
    }

    /** Spawns and exits seen as the differences between this table read and the last. */
    private synchronized void derive(List<ProcessSummary> rows) {
        long now = System.nanoTime();
        if (rows.size() > DIFF_LIMIT) {
            if (lastTable != null) publish(new Event.Report(now, shellPid, Atom.of("beamscope"),
                    "over " + DIFF_LIMIT + " processes: spawns and exits are no longer derived from the table"));
            lastTable = null;
            return;
        }
        Map<Pid, ProcessSummary> table = new HashMap<>(rows.size() * 2);
        for (ProcessSummary r : rows) table.put(r.pid(), r);
        Map<Pid, ProcessSummary> before = lastTable;
        lastTable = table;
        if (before == null) return;
        for (ProcessSummary r : rows) {
            if (!before.containsKey(r.pid())) {
                publish(new Event.Spawn(now, r.pid(), r.parent(), r.initialCall() + " (new in a table read)"));
            }
        }
        for (ProcessSummary r : before.values()) {
            if (!table.containsKey(r.pid())) {
                publish(new Event.Report(now, r.pid(), Atom.of("gone"), (r.registeredName() != null ? r.registeredName() + " "
                        : "") + r.initialCall() + ": missing from a table read; the exit reason is not known"));
            }
        }
    }

    private void publish(Event e) {
        for (Subscription s : subscriptions) s.offer(e);
    }

    /** A supervisor, told by its initial call ({@code :supervisor.Mod/1}; Elixir's DynamicSupervisor says the same). */
    @Override
    public boolean isSupervisor(ProcessSummary process) {
        return process.initialCall() != null && process.initialCall().startsWith(":supervisor.");
    }

    @Override
    public Optional<ProcessInfo> info(Pid pid, int messageLimit) {
        if (pid.equals(shellPid)) return Optional.empty();
        return node.info(pid, messageLimit);
    }

    /** A real node tells an outsider no exit reason after the fact (a monitor would have to be in place first). */
    @Override
    public Optional<Object> exitReason(Pid pid) {
        return Optional.empty();
    }

    @Override
    public Optional<String> serverState(Pid pid) {
        return node.serverState(pid);
    }

    @Override
    public Optional<Pid> whereis(String name) {
        String n = name.startsWith(":") ? name.substring(1) : name;
        return n.isBlank() ? Optional.empty() : node.whereis(n);
    }

    /**
     * {@code supervisor:which_children/1} with the strategy, intensity and period from the supervisor's state;
     * every child's restart count is -1 (a BEAM supervisor does not count per child). Empty when the process
     * is not a supervisor, is gone, or its state could not be read (its strategy would be a guess).
     */
    @Override
    public Optional<SupervisorView> supervisor(Pid pid) {
        return node.supervisor(pid).flatMap(RemoteNode::view);
    }

    static Optional<SupervisorView> view(Supervision.Supervisor s) {
        Strategy strategy = switch (s.strategy()) {
            case "one_for_one", "simple_one_for_one" -> Strategy.ONE_FOR_ONE;
            case "one_for_all" -> Strategy.ONE_FOR_ALL;
            case "rest_for_one" -> Strategy.REST_FOR_ONE;
            default -> null;
        };
        if (strategy == null) return Optional.empty();
        List<ChildView> children = new ArrayList<>(s.children().size());
        for (Supervision.Child c : s.children()) {
            ChildView.Status status = c.pid().isPresent() ? ChildView.Status.RUNNING
                    : c.state().name().equals("restarting") ? ChildView.Status.RESTARTING : ChildView.Status.UNDEFINED;
            children.add(new ChildView(c.id(), c.pid(), status, c.type(), c.restart().orElse(null), -1));
        }
        String label = s.name().orElse(s.module().startsWith("Elixir.") ? s.module().substring(7) : s.module());
        return Optional.of(new SupervisorView(s.pid(), s.name(), label, strategy, s.intensity(), s.period(), s.dynamic(), -1,
                List.copyOf(children)));
    }

    @Override
    public EventSubscription subscribe(EventFilter filter, int capacity) {
        Subscription s = new Subscription(filter, Math.min(capacity, EVENT_BUFFER));
        s.offer(new Event.Report(System.nanoTime(), shellPid, Atom.of("beamscope"), "a real node has no event stream an"
                + " observer can read without loading code: the spawns and exits shown are differences between two reads"
                + " of the process table (reasons unknown); links, monitors and messages are not shown"));
        subscriptions.add(s);
        return s;
    }

    /** A bounded buffer that counts what it drops, as the embedded node's subscriptions do. */
    private final class Subscription implements EventSubscription {
        private final EventFilter filter;
        private final int capacity;
        private final ArrayDeque<Event> buffer = new ArrayDeque<>();
        private long dropped;

        Subscription(EventFilter filter, int capacity) {
            this.filter = filter;
            this.capacity = capacity;
        }

        synchronized void offer(Event e) {
            if (!filter.wantsKind(e.getClass()) || (e.pid() != null && !filter.wantsPid(e.pid()))) return;
            if (buffer.size() >= capacity) dropped++;
            else buffer.add(e);
        }

        @Override
        public synchronized int drainTo(List<Event> into, int max) {
            int n = 0;
            while (n < max && !buffer.isEmpty()) {
                into.add(buffer.poll());
                n++;
            }
            return n;
        }

        @Override
        public synchronized long dropped() {
            return dropped;
        }

        @Override
        public EventFilter filter() {
            return filter;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    // ---------------------------------------------------------------- the shell

    @Override
    public Pid shell() {
        return shellPid;
    }

    /**
     * Moves what reached the shell mailbox into {@code into}: replies complete their calls, an exit signal from
     * a linked process shows as {@code {:EXIT, pid, reason}} (the shell traps exits, as IEx's does).
     */
    @Override
    public int drainShell(List<ShellMessage> into, int max) {
        int n = 0;
        while (n < max) {
            OtpErlangObject m;
            try {
                m = shell.receive(0);
            } catch (OtpErlangExit exit) {
                Pid from = exit.pid() == null ? null : connection.pids().toPid(exit.pid());
                into.add(new ShellMessage(System.nanoTime(), Tuple.of(Atom.of("EXIT"), from, connection.codec().fromOtp(exit.reason())),
                        false, null));
                n++;
                continue;
            } catch (OtpErlangDecodeException bad) {
                into.add(new ShellMessage(System.nanoTime(), "a message that could not be decoded: " + bad.getMessage(), false, null));
                n++;
                continue;
            }
            if (m == null) break;
            into.add(answer(m));
            n++;
        }
        return n;
    }

    private ShellMessage answer(OtpErlangObject m) {
        if (m instanceof OtpErlangTuple t && t.arity() == 2 && t.elementAt(0) instanceof OtpErlangRef tag) {
            PendingCall c = calls.remove(tag);
            if (c != null) {
                Object reply = connection.codec().fromOtp(t.elementAt(1));
                c.future().complete(reply);
                return new ShellMessage(System.nanoTime(), reply, true, c.request());
            }
        }
        return new ShellMessage(System.nanoTime(), connection.codec().fromOtp(m), false, null);
    }

    // ---------------------------------------------------------------- acting

    @Override
    public void send(Pid to, Object message) {
        connection.checkDestructive("send a message");
        shell.send(connection.pids().toOtp(to), connection.codec().toOtp(message));
    }

    /**
     * {@code GenServer.call} from the shell: {@code {:"$gen_call", {shell, tag}, request}}, answered with
     * {@code {tag, reply}} into the shell. Completes exceptionally after {@code timeout}: JInterface cannot
     * monitor the server, so a server that dies first is seen only as the timeout.
     */
    @Override
    public CompletableFuture<Object> call(Pid to, Object request, Duration timeout) {
        connection.checkDestructive("call a process");
        OtpErlangRef tag = connection.newRef();
        CompletableFuture<Object> f = new CompletableFuture<>();
        calls.put(tag, new PendingCall(f, Terms.inspect(request)));
        f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> calls.remove(tag));
        OtpErlangObject from = new OtpErlangTuple(new OtpErlangObject[] {shell.self(), tag});
        shell.send(connection.pids().toOtp(to), new OtpErlangTuple(new OtpErlangObject[] {
                new OtpErlangAtom("$gen_call"), from, connection.codec().toOtp(request)}));
        return f;
    }

    @Override
    public void cast(Pid to, Object request) {
        connection.checkDestructive("cast to a process");
        shell.send(connection.pids().toOtp(to), new OtpErlangTuple(new OtpErlangObject[] {
                new OtpErlangAtom("$gen_cast"), connection.codec().toOtp(request)}));
    }

    /** An exit signal from the shell, {@code Process.exit(pid, reason)}. */
    @Override
    public void exit(Pid pid, Object reason) {
        connection.checkDestructive("exit " + pid);
        shell.exit(connection.pids().toOtp(pid), connection.codec().toOtp(reason));
    }

    /** Links the shell to {@code pid}: if Beamscope detaches, the link breaks and {@code pid} gets an exit signal. */
    @Override
    public void link(Pid pid) {
        connection.checkDestructive("link " + pid + " to the shell (it gets an exit signal when Beamscope detaches)");
        try {
            shell.link(connection.pids().toOtp(pid));
        } catch (OtpErlangExit gone) {
            throw new RemoteError(RemoteError.Kind.BADRPC, pid + " is gone: " + gone.reason(), gone);
        }
    }

    @Override
    public void unlink(Pid pid) {
        shell.unlink(connection.pids().toOtp(pid));
    }

    /** A process on the node monitors {@code pid} and forwards the DOWN to the shell. Harmless: always allowed. */
    @Override
    public void monitor(Pid pid) {
        node.spawnEval(MONITOR, Map.of("Target", connection.pids().toOtp(pid), "Shell", shell.self()));
    }

    @Override
    public void suspend(Pid pid) {
        connection.checkDestructive("suspend " + pid);
        if (suspenders.containsKey(pid)) return;
        OtpMbox reply = connection.newMbox();
        try {
            OtpErlangPid holder = node.spawnEval(SUSPENDER, Map.of("Target", connection.pids().toOtp(pid), "Shell", reply.self()));
            if (reply.receive(Connection.DEFAULT_TIMEOUT.toMillis()) == null) {
                throw new RemoteError(RemoteError.Kind.TIMEOUT, pid + " was not suspended within " + Connection.DEFAULT_TIMEOUT.toSeconds() + " s");
            }
            suspenders.put(pid, holder);
        } catch (OtpErlangExit | OtpErlangDecodeException e) {
            throw new RemoteError(RemoteError.Kind.BADRPC, "could not suspend " + pid + ": " + e, e);
        } finally {
            connection.closeMbox(reply);
        }
    }

    @Override
    public void resume(Pid pid) {
        connection.checkDestructive("resume " + pid);
        OtpErlangPid holder = suspenders.remove(pid);
        if (holder == null) throw new RemoteError(RemoteError.Kind.BADRPC, pid + " was not suspended from Beamscope");
        connection.keeper().send(holder, new OtpErlangAtom("resume"));
    }

    /**
     * Starts a child under a supervisor of this node ({@link BeamNode#startChild}: a child spec, or for a
     * simple_one_for_one supervisor the extra argument list). Needs destructive actions on. Waits for the
     * supervisor: call it off the FX thread.
     */
    public Pid startChild(Pid supervisor, Object childSpec) {
        return connection.node(connection.pids().nodeOf(supervisor)).startChild(supervisor, childSpec);
    }

    /** Closes the shell (its links break), resumes what it suspended, drops pending calls. Not the connection. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (OtpErlangPid holder : suspenders.values()) connection.keeper().send(holder, new OtpErlangAtom("resume"));
        suspenders.clear();
        calls.values().forEach(c -> c.future().cancel(false));
        calls.clear();
        subscriptions.clear();
        connection.closeMbox(shell);
    }

    @Override
    public String toString() {
        return "RemoteNode[" + node.name() + "]";
    }
}
