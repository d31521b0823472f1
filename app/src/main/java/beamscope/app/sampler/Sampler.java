package beamscope.app.sampler;

import beamscope.app.observe.Observed;
import beamscope.app.observe.Observed.ShellMessage;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.SupervisorView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The window's one background sampler. On its own thread, a few times a second, it takes a node
 * snapshot, walks the process list once (rates, filter, top-N in the asked order), reads the inspected
 * process, drains events and the shell, and hands the result to the FX thread.
 *
 * <p>Hand-off ({@link beamscope.app.Handoff}): at most one task is pending on the FX thread. A new frame
 * replaces a pending one (keeping its events and shell messages), so a slow FX thread skips frames
 * instead of queueing them.
 *
 * <p>The sampler never waits for the FX thread, and the node never waits for the sampler: the event
 * subscription is bounded and counts what it drops.
 */
public final class Sampler implements AutoCloseable {

    /** The event kinds the log shows; sends, receives and scheduling would drown everything else. */
    public static final EventFilter LOG_EVENTS = EventFilter.kinds(Event.Spawn.class, Event.Exit.class,
            Event.Link.class, Event.Unlink.class, Event.Monitor.class, Event.Down.class, Event.Register.class,
            Event.Unregister.class, Event.Report.class);

    private final Observed node;
    private final EventSubscription events;
    private final beamscope.app.Handoff<Frame> handoff;
    private volatile Query query = Query.defaults();

    // Owned by whoever runs sample(): the sampler thread, or a test.
    private LongLongMap lastReductions = new LongLongMap(16), spare = new LongLongMap(16);
    private long lastNanos;
    private NodeSnapshot last;
    private Map<Pid, Integer> restarts = Map.of();
    private java.util.Set<Pid> inTree = java.util.Set.of();
    private long seq;

    private volatile boolean running;
    private Thread thread;
    /** The supervision tree's view model, whose shape the tree frames follow; null until attached. */
    private volatile beamscope.app.tree.TreeViewModel tree;
    private final beamscope.app.tree.TreeFramer treeFramer;

    /**
     * @param fx   runs a task on the FX thread ({@code Platform::runLater}); a same-thread executor in tests
     * @param sink receives frames on the FX thread
     */
    public Sampler(Observed node, Executor fx, Consumer<Frame> sink) {
        this.node = node;
        this.handoff = new beamscope.app.Handoff<>(fx, sink, (older, newer) -> newer.after(older));
        this.events = node.subscribe(LOG_EVENTS, 20_000);
        this.treeFramer = new beamscope.app.tree.TreeFramer(node::exitReason);
    }

    /** From now on frames carry a supervision tree laid out in {@code viewModel}'s shape. */
    public void attachTree(beamscope.app.tree.TreeViewModel viewModel) {
        this.tree = viewModel;
    }

    public Query query() {
        return query;
    }

    /** Asks for another order, filter or selection; the next frame comes at once. */
    public void setQuery(Query q) {
        query = q;
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /** Changes the query from the FX thread (the only writer); the next frame comes at once. */
    public void update(java.util.function.UnaryOperator<Query> change) {
        setQuery(change.apply(query));
    }

    /** Samples every {@code period} on a daemon thread, or less often when a sample takes long. */
    public synchronized void start(Duration period) {
        if (thread != null) return;
        running = true;
        thread = Thread.ofPlatform().daemon().name("beamscope-sampler").start(() -> {
            long periodNanos = period.toNanos();
            while (running) {
                long t0 = System.nanoTime();
                try {
                    publish(sample());
                } catch (RuntimeException e) {
                    System.getLogger("beamscope.app").log(System.Logger.Level.WARNING, "sample failed", e);
                }
                long spent = System.nanoTime() - t0;
                // Idle at least four times as long as the sample took: the node shares the cores, and with a
                // million processes a walk is long, so big nodes are refreshed less often, never slowed much.
                LockSupport.parkNanos(Math.max(periodNanos - spent, 4 * spent));
            }
        });
    }

    /** Takes one frame now. Not for the FX thread: it walks every process. */
    public synchronized Frame sample() {
        Query q = query;
        NodeSnapshot snap = node.snapshot();
        long now = System.nanoTime();
        double dt = last == null ? 0 : (now - lastNanos) / 1e9;
        double redsPerSec = dt > 0 ? (snap.reductions() - last.reductions()) / dt : 0;
        double msgsPerSec = dt > 0 ? (snap.messagesSent() - last.messagesSent()) / dt : 0;

        List<Event> ev = new ArrayList<>();
        events.drainTo(ev, Frame.EVENT_CAP);

        Comparator<ProcessRow> order = q.sortKey().order(q.descending());
        PriorityQueue<ProcessRow> top = new PriorityQueue<>(Math.min(q.limit(), 4096) + 1, order.reversed());
        String needle = q.filter().toLowerCase(Locale.ROOT);
        LongLongMap prev = lastReductions;
        LongLongMap seen = spare;
        seen.clear(snap.processes() + 1024);
        int[] matching = {0};
        List<Pid> supervisors = new ArrayList<>();
        Map<Pid, Integer> restartsNow = restarts;    // from the previous sample's supervisors
        Map<Pid, String> names = new HashMap<>();
        java.util.Set<Pid> treePids = inTree;
        Map<Pid, ProcessRow> supervised = new HashMap<>();
        beamscope.app.tree.TreeViewModel treeView = tree;
        List<beamscope.runtime.ProcessSummary> all = new ArrayList<>(snap.processes() + 16);
        node.forEachProcess(s -> {
            all.add(s);
            if (s.registeredName() != null) names.put(s.pid(), s.registeredName());
            if (s.initialCall() != null && s.initialCall().endsWith("Supervisor.init/1")) supervisors.add(s.pid());
            long before = prev.get(s.pid().id(), -1);
            double rate = before < 0 || dt <= 0 ? 0 : Math.max(0, s.reductions() - before) / dt;
            seen.put(s.pid().id(), s.reductions());
            ProcessRow row = ProcessRow.of(s, rate, restartsNow.getOrDefault(s.pid(), 0));
            if (!treePids.isEmpty() && treePids.contains(s.pid())) supervised.put(s.pid(), row);
            if (!needle.isEmpty() && !row.matches(needle)) return;
            matching[0]++;
            if (top.size() < q.limit()) top.add(row);
            else if (order.compare(row, top.peek()) < 0) {
                top.poll();
                top.add(row);
            }
        });
        Map<Pid, SupervisorView> views = new java.util.LinkedHashMap<>();
        for (Pid sup : supervisors) node.supervisor(sup).ifPresent(v -> views.put(sup, v));
        restarts = restartCounts(views.values());
        java.util.Set<Pid> nextTree = new java.util.HashSet<>(views.keySet());
        for (SupervisorView v : views.values()) for (ChildView c : v.children()) c.pid().ifPresent(nextTree::add);
        inTree = nextTree;
        List<ProcessRow> rows = new ArrayList<>(top.size());
        for (ProcessRow r : top) rows.add(r.parent() != null && names.containsKey(r.parent()) ? r.withParentName(names.get(r.parent())) : r);
        rows.sort(order);

        List<ShellMessage> shell = new ArrayList<>();
        node.drainShell(shell, 1_000);

        // the dense views' parts, from the same walk
        beamscope.app.schedulers.SchedulerFrame schedulerFrame = beamscope.app.schedulers.SchedulerFrame.from(snap, all::forEach);
        beamscope.app.tree.TreeFrame treeFrame = null;
        if (treeView != null) {
            treeFramer.noteReports(ev);
            Map<Pid, beamscope.app.tree.SupervisorInfo> infos = new HashMap<>();
            views.forEach((pid, v) -> infos.put(pid, beamscope.app.tree.OtpProbe.info(v)));
            treeFrame = treeFramer.frame(node.nodeName(), all, infos, treeView);
        }

        Frame.Selected selected = null;
        if (q.selected() != null) {
            Pid p = q.selected();
            Optional<ProcessInfo> info = node.info(p, 100);
            selected = new Frame.Selected(p, info, info.isPresent() ? Optional.empty() : node.exitReason(p),
                    info.isPresent() ? node.serverState(p) : Optional.empty(),
                    info.isPresent() ? node.supervisor(p) : Optional.empty());
        }

        last = snap;
        lastNanos = now;
        spare = prev;
        lastReductions = seen;
        return new Frame(++seq, q, snap, redsPerSec, msgsPerSec, matching[0], List.copyOf(rows), selected,
                List.copyOf(ev), events.dropped(), List.copyOf(shell), java.util.Collections.unmodifiableMap(views),
                java.util.Collections.unmodifiableMap(supervised), treeFrame, schedulerFrame);
    }

    /** Restarts per child pid (the child's count) and per supervisor (the sum over its children). */
    private static Map<Pid, Integer> restartCounts(java.util.Collection<SupervisorView> supervisors) {
        Map<Pid, Integer> out = new HashMap<>();
        for (SupervisorView v : supervisors) {
            int sum = 0;
            for (ChildView c : v.children()) {
                sum += c.restartCount();
                if (c.restartCount() > 0) c.pid().ifPresent(p -> out.put(p, c.restartCount()));
            }
            if (sum > 0) out.put(v.pid(), sum);
        }
        return out;
    }

    /** Hands a frame to the FX thread, replacing (and absorbing) one that is still waiting there. */
    public void publish(Frame frame) {
        handoff.publish(frame);
    }

    /** Samples and publishes once, on the calling thread (tests, and "refresh now"). */
    public void sampleNow() {
        publish(sample());
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        events.close();
    }
}
