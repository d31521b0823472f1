package beamscope.app.observe;

import beamscope.app.demo.Examples;
import beamscope.runtime.Atom;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.ExitException;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Ref;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.DynamicSupervisor;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.ServerView;
import beamscope.runtime.otp.StartResult;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link Observed} over the embedded {@link Node}. The shell is an {@link Inbox} that traps exits; only
 * {@link #drainShell} receives from it (with a zero timeout, so it never parks holding the inbox), and
 * call replies are matched there by reference.
 */
public final class LocalNode implements Observed {

    private final Node node;
    /** The shell process; replaced by a new one if it is killed, as IEx starts a new shell. */
    private volatile Inbox shell;
    private final Map<Ref, PendingCall> calls = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong children = new java.util.concurrent.atomic.AtomicLong();

    private record PendingCall(CompletableFuture<Object> future, String request) {}

    public LocalNode(Node node) {
        this.node = node;
        this.shell = node.inbox("shell");
        shell.trapExit(true);
    }

    public Node node() {
        return node;
    }

    @Override
    public NodeSnapshot snapshot() {
        return node.snapshot();
    }

    @Override
    public void forEachProcess(Consumer<ProcessSummary> visitor) {
        node.forEachProcess(visitor);
    }

    @Override
    public Optional<ProcessInfo> info(Pid pid, int messageLimit) {
        return node.processInfo(pid, messageLimit);
    }

    @Override
    public Optional<Object> exitReason(Pid pid) {
        return node.exitReason(pid);
    }

    @Override
    public Optional<String> serverState(Pid pid) {
        Optional<String> server = Observe.server(node, pid).map(ServerView::state);
        return server.isPresent() ? server : node.dictionaryGet(pid, Examples.STATE).map(s -> Terms.inspect(s, 2000));
    }

    @Override
    public String nodeName() {
        return node.config().name();
    }

    @Override
    public Optional<Pid> whereis(String name) {
        return node.whereis(name);
    }

    @Override
    public Optional<SupervisorView> supervisor(Pid pid) {
        return Observe.supervisor(node, pid);
    }

    @Override
    public EventSubscription subscribe(EventFilter filter, int capacity) {
        return node.subscribe(filter, capacity);
    }

    @Override
    public Pid shell() {
        return shell.pid();
    }

    @Override
    public int drainShell(List<ShellMessage> into, int max) {
        int n = 0;
        while (n < max) {
            Optional<Object> m;
            try {
                m = shell.receive(Duration.ZERO);
            } catch (ExitException died) {
                into.add(new ShellMessage(System.nanoTime(), restartShell(died.reason()), false, null));
                n++;
                continue;
            }
            if (m.isEmpty()) break;
            Object msg = m.get();
            PendingCall call = null;
            Object shown = msg;
            if (msg instanceof Tuple2(Ref ref, Object reply) && (call = calls.remove(ref)) != null) {
                call.future().complete(reply);
                shown = reply;
            }
            into.add(new ShellMessage(System.nanoTime(), shown, call != null, call == null ? null : call.request()));
            n++;
        }
        return n;
    }

    /** Like IEx: the old shell is gone (only {@code :kill} gets through, it traps exits); a new one starts. */
    private String restartShell(Object reason) {
        Pid old = shell.pid();
        for (PendingCall c : calls.values()) c.future().completeExceptionally(new ExitException(reason));
        calls.clear();
        Inbox fresh = node.inbox("shell");
        fresh.trapExit(true);
        shell = fresh;
        return "** (EXIT from " + old + ") shell process exited with reason: " + Terms.inspect(reason, 200)
                + "; new shell " + fresh.pid();
    }

    @Override
    public Pid spawn(ProcessKind kind, Spawn options) {
        if (options.supervisor() != null) return startChild(kind, options);
        GenServer<Object, ?> module = Examples.server(kind);
        Pid pid;
        if (module == null) {
            pid = node.spawn(Examples.loop(kind, options.crashOn()),
                    SpawnOptions.defaults().withPriority(options.priority()).withInitialCall(kind.initialCall()));
        } else {
            StartResult r = GenServer.start(node, module, Examples.initialArg(kind));
            if (!(r instanceof StartResult.Ok(Pid p))) throw new IllegalStateException("start failed: " + r);
            pid = p;
            if (options.priority() != Priority.NORMAL) node.setPriority(pid, options.priority());
        }
        return pid;
    }

    @Override
    public Pid startSupervisor(beamscope.runtime.otp.SupervisorFlags flags, ProcessKind childKind, int children, Pid parent) {
        List<ChildSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < children; i++) {
            specs.add(ChildSpec.worker(Atom.of(childKind.label().toLowerCase(java.util.Locale.ROOT) + "_" + this.children.incrementAndGet()),
                    Examples.childStart(childKind, ProcessKind.DEFAULT_CRASH)));
        }
        StartResult r;
        if (parent == null) {
            r = beamscope.runtime.otp.Supervisor.start(node, flags, specs);
        } else {
            boolean dynamic = Observe.dynamicSupervisor(node, parent)
                    .orElseThrow(() -> new IllegalArgumentException(parent + " is not a supervisor"));
            ChildSpec spec = ChildSpec.supervisor(Atom.of("sup_" + this.children.incrementAndGet()), flags, specs);
            r = dynamic ? DynamicSupervisor.startChild(node, parent, spec) : Supervisor.startChild(node, parent, spec);
        }
        if (r instanceof StartResult.Ok(Pid pid)) return pid;
        throw new IllegalStateException("supervisor start failed: " + Terms.inspect(r instanceof StartResult.Error(Object e) ? e : r));
    }

    private Pid startChild(ProcessKind kind, Spawn options) {
        Pid sup = options.supervisor();
        // O(1): Observe.supervisor would list every child, once per spawn into a big supervisor
        boolean dynamic = Observe.dynamicSupervisor(node, sup)
                .orElseThrow(() -> new IllegalArgumentException(sup + " is not a supervisor"));
        ChildSpec spec = ChildSpec.worker(Atom.of(kind.label().toLowerCase(java.util.Locale.ROOT) + "_" + children.incrementAndGet()),
                Examples.childStart(kind, options.crashOn()));
        StartResult r = dynamic ? DynamicSupervisor.startChild(node, sup, spec) : Supervisor.startChild(node, sup, spec);
        if (r instanceof StartResult.Ok(Pid pid)) return pid;
        throw new IllegalStateException("start_child failed: " + Terms.inspect(r instanceof StartResult.Error(Object e) ? e : r));
    }

    @Override
    public void send(Pid to, Object message) {
        shell.send(to, message);
    }

    @Override
    public CompletableFuture<Object> call(Pid to, Object request, Duration timeout) {
        Ref ref = node.makeRef();
        CompletableFuture<Object> f = new CompletableFuture<>();
        calls.put(ref, new PendingCall(f, Terms.inspect(request)));
        f.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> calls.remove(ref));
        shell.send(to, Tuple.of(Examples.GEN_CALL, new GenServer.From(shell.pid(), ref), request));
        return f;
    }

    @Override
    public void cast(Pid to, Object request) {
        shell.send(to, Tuple.of(Examples.GEN_CAST, request));
    }

    @Override
    public void exit(Pid pid, Object reason) {
        if (pid.equals(shell.pid())) node.exit(pid, reason); // the shell traps exits: only :kill ends it
        else shell.exit(pid, reason);
    }

    @Override
    public void link(Pid pid) {
        shell.link(pid);
    }

    @Override
    public void unlink(Pid pid) {
        shell.unlink(pid);
    }

    @Override
    public void monitor(Pid pid) {
        shell.monitor(pid);
    }

    @Override
    public void link(Pid a, Pid b) {
        node.link(a, b);
    }

    @Override
    public void unlink(Pid a, Pid b) {
        node.unlink(a, b);
    }

    @Override
    public void monitor(Pid watcher, Pid target) {
        node.monitor(watcher, target);
    }

    @Override
    public void setPriority(Pid pid, Priority priority) {
        node.setPriority(pid, priority);
    }

    @Override
    public void suspend(Pid pid) {
        node.suspend(pid);
    }

    @Override
    public void resume(Pid pid) {
        node.resume(pid);
    }

    @Override
    public void pauseSchedulers() {
        node.pauseSchedulers();
    }

    @Override
    public CompletableFuture<Void> stepSlice() {
        return node.stepSlice();
    }

    @Override
    public void resumeSchedulers() {
        node.resumeSchedulers();
    }

    @Override
    public void slowMotion(Duration delayBetweenSlices) {
        node.slowMotion(delayBetweenSlices);
    }

    @Override
    public void close() {
        calls.values().forEach(c -> c.future().cancel(false));
        shell.close();
    }

}
