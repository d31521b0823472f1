package beamscope.app.observe;

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
import beamscope.runtime.Terms;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.DynamicSupervisor;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.ServerView;
import beamscope.runtime.otp.StartResult;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import beamscope.runtime.otp.SupervisorView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link Observed} over the embedded {@link Node}, with every {@link EmbeddedControls} too. The shell is an
 * {@link Inbox} that traps exits; only {@link #drainShell} receives from it (with a zero timeout, so it
 * never parks holding the inbox), and call replies are matched there by their request tag
 * ({@link GenServer#checkResponse}). It is {@link NodeState#CONNECTED} until {@link #close()}d.
 */
public final class LocalNode implements Observed, EmbeddedControls {

    private final Node node;
    private final Catalogue catalogue;
    /** The shell process; replaced by a new one if it is killed, as IEx starts a new shell. */
    private volatile Inbox shell;
    private final Map<Ref, PendingCall> calls = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong children = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    private record PendingCall(CompletableFuture<Object> future, String request) {}

    /** @param catalogue the code behind the spawnable kinds (the demo's {@code Examples.CATALOGUE}) */
    public LocalNode(Node node, Catalogue catalogue) {
        this.node = node;
        this.catalogue = catalogue;
        this.shell = node.inbox("shell");
        shell.trapExit(true);
    }

    public Node node() {
        return node;
    }

    @Override
    public NodeState state() {
        return closed ? NodeState.DOWN : NodeState.CONNECTED;
    }

    @Override
    public Optional<EmbeddedControls> embedded() {
        return Optional.of(this);
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
    public boolean isSupervisor(ProcessSummary process) {
        return Observe.isSupervisor(process);
    }

    @Override
    public Optional<ProcessInfo> info(Pid pid, int messageLimit) {
        return node.processInfo(pid, messageLimit);
    }

    @Override
    public Optional<ProcessInfo> info(Pid pid, int messageLimit, int linkLimit) {
        return node.processInfo(pid, messageLimit, linkLimit);
    }

    @Override
    public Optional<Object> exitReason(Pid pid) {
        return node.exitReason(pid);
    }

    @Override
    public Optional<String> serverState(Pid pid) {
        Optional<String> server = Observe.server(node, pid).map(ServerView::state);
        return server.isPresent() ? server : catalogue.loopState(node, pid).map(s -> Terms.inspect(s, 2000));
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
            into.add(answer(m.get()));
            n++;
        }
        return n;
    }

    /** A message the shell received, completing the call it answers (a reply, or the server's DOWN). */
    private ShellMessage answer(Object msg) {
        Inbox sh = shell;
        synchronized (calls) {   // see call(): a call is registered before its answer is looked for
            for (Map.Entry<Ref, PendingCall> e : calls.entrySet()) {
                PendingCall c = e.getValue();
                switch (GenServer.checkResponse(sh, msg, e.getKey())) {
                    case GenServer.Response.Reply(Object reply) -> {
                        calls.remove(e.getKey());
                        c.future().complete(reply);
                        return new ShellMessage(System.nanoTime(), reply, true, c.request());
                    }
                    case GenServer.Response.Error(Object reason, Pid server) -> {
                        calls.remove(e.getKey());
                        c.future().completeExceptionally(new ExitException(reason));
                        return new ShellMessage(System.nanoTime(), msg, false, null);
                    }
                    case GenServer.Response.NoReply() -> { }
                }
            }
        }
        return new ShellMessage(System.nanoTime(), msg, false, null);
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
        return catalogue.spawn(node, kind, options.priority(), options.crashOn());
    }

    @Override
    public Pid startSupervisor(SupervisorFlags flags, ProcessKind childKind, int children, Pid parent) {
        List<ChildSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < children; i++) {
            specs.add(ChildSpec.worker(Atom.of(childKind.label().toLowerCase(java.util.Locale.ROOT) + "_" + this.children.incrementAndGet()),
                    catalogue.childStart(childKind, ProcessKind.DEFAULT_CRASH)));
        }
        StartResult r;
        if (parent == null) {
            r = Supervisor.start(node, flags, specs);
        } else {
            boolean dynamic = Observe.dynamicSupervisor(node, parent)
                    .orElseThrow(() -> new IllegalArgumentException(parent + " is not a supervisor"));
            ChildSpec spec = ChildSpec.supervisor(Atom.of("sup_" + this.children.incrementAndGet()), flags, specs);
            r = dynamic ? DynamicSupervisor.startChild(node, parent, spec) : Supervisor.startChild(node, parent, spec);
        }
        if (r instanceof StartResult.Ok(Pid pid)) return pid;
        throw new IllegalStateException("supervisor start failed: " + Terms.inspect(r instanceof StartResult.Error(Object e) ? e : r));
    }

    /**
     * Supervised: from a {@link Spawner} process in the node (one start_child call after another, each
     * answered on the spawner's scheduler), about eight times the rate of calls from a Java thread here;
     * unsupervised: one spawn after another.
     */
    @Override
    public Pid spawnMany(ProcessKind kind, Spawn options, int count, java.util.function.IntConsumer started,
                         java.util.function.BooleanSupplier cancelled) {
        Pid sup = options.supervisor();
        if (sup == null || count == 1) return EmbeddedControls.super.spawnMany(kind, options, count, started, cancelled);
        boolean dynamic = Observe.dynamicSupervisor(node, sup)
                .orElseThrow(() -> new IllegalArgumentException(sup + " is not a supervisor"));
        String label = kind.label().toLowerCase(java.util.Locale.ROOT);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        Spawner.Handle h = Spawner.start(node, sup, dynamic, i -> ChildSpec.worker(Atom.of(label + "_" + children.incrementAndGet()),
                catalogue.childStart(kind, options.crashOn())), count, n);
        try {
            while (!h.await(50)) {
                started.accept(n.get());
                if (cancelled.getAsBoolean()) h.cancel();
                if (!node.isAlive(h.pid()) && !h.await(0))
                    throw new IllegalStateException("stopped after " + n.get() + ": " + Terms.inspect(node.exitReason(h.pid()).orElse("spawner exited")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            h.cancel();
        }
        started.accept(n.get());
        if (h.failure() != null) throw new IllegalStateException("stopped after " + n.get() + ": "
                + Terms.inspect(h.failure() instanceof StartResult.Error(Object e) ? e : h.failure()));
        return null;
    }

    private Pid startChild(ProcessKind kind, Spawn options) {
        Pid sup = options.supervisor();
        // O(1): Observe.supervisor would list every child, once per spawn into a big supervisor
        boolean dynamic = Observe.dynamicSupervisor(node, sup)
                .orElseThrow(() -> new IllegalArgumentException(sup + " is not a supervisor"));
        ChildSpec spec = ChildSpec.worker(Atom.of(kind.label().toLowerCase(java.util.Locale.ROOT) + "_" + children.incrementAndGet()),
                catalogue.childStart(kind, options.crashOn()));
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
        Inbox sh = shell;
        CompletableFuture<Object> f = new CompletableFuture<>();
        // the tag is known only once the request is sent: holding the lock that answer() takes, the reply
        // cannot be drained before the call is registered
        synchronized (calls) {
            Ref tag = GenServer.sendRequest(sh, to, request);
            calls.put(tag, new PendingCall(f, Terms.inspect(request)));
            f.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
                if (calls.remove(tag) != null) sh.demonitor(tag, false);
            });
        }
        return f;
    }

    @Override
    public void cast(Pid to, Object request) {
        GenServer.cast(node, to, request);
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
    public Optional<beamscope.runtime.SteppedSlice> lastStep() {
        return node.lastStep();
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
        closed = true;
        calls.values().forEach(c -> c.future().cancel(false));
        shell.close();
    }

}
