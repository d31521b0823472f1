package beamscope.app.observe;

import beamscope.app.demo.Examples;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
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
    private final Inbox shell;
    private final Map<Ref, PendingCall> calls = new ConcurrentHashMap<>();

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
        return node.dictionaryGet(pid, Examples.STATE).map(Terms::inspect);
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
            } catch (RuntimeException closed) {
                return n;
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

    @Override
    public Pid spawn(ProcessKind kind, Spawn options) {
        return node.spawn(Examples.of(kind, options.crashOn()),
                SpawnOptions.defaults().withPriority(options.priority()).withInitialCall(kind.initialCall()));
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
        shell.send(to, Tuple.of(Examples.GEN_CALL, Tuple.of(shell.pid(), ref), request));
        return f;
    }

    @Override
    public void cast(Pid to, Object request) {
        shell.send(to, Tuple.of(Examples.GEN_CAST, request));
    }

    @Override
    public void exit(Pid pid, Object reason) {
        shell.exit(pid, reason);
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
