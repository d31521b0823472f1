package beamscope.app.sampler;

import beamscope.app.observe.NodeState;
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
 * snapshot, reads the inspected process and the processes running now, drains events and the shell,
 * and hands the result to the FX thread.
 *
 * <p>The walk over every process (table rows: rates, filter, top-N in the asked order; supervisors;
 * the supervision tree) is the one part that grows with the node. It runs at once when the table's
 * order or filter changes or the tree's shape does, and otherwise after idling {@link #WALK_IDLE_FACTOR}
 * times as long as the last walk took: a small node is walked every frame, a million-process node every
 * few seconds, and the sampler never takes more than about 5% of a core from the node. Frames between
 * walks carry the last walk's rows and tree (the same instances, so views can tell nothing changed).
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
            Event.Unregister.class, Event.Report.class, Event.SystemMonitor.class);

    /** Message traffic, for the event log's send and receive lines and the tree's message flights. */
    public static final EventFilter MESSAGE_EVENTS = EventFilter.kinds(Event.Send.class, Event.Receive.class);

    /** After a walk, the next one (unless asked for) waits this many times as long as the walk took. */
    public static final int WALK_IDLE_FACTOR = 19;

    private final Observed node;
    private final java.util.function.LongSupplier nanoTime;
    private final EventSubscription events;
    /** Subscribed only while a view wants message traffic ({@link #wantMessages}): sends cost the node then. */
    private EventSubscription messages;
    private volatile boolean messagesWanted;
    private long messagesDropped;
    private final beamscope.app.Handoff<Frame> handoff;
    private volatile Query query = Query.defaults();

    // Owned by whoever runs sample(): the sampler thread, or a test.
    private LongLongMap lastReductions = new LongLongMap(16), spare = new LongLongMap(16);
    private long lastNanos;
    private NodeSnapshot last;
    private Walk walk;
    private long lastWalkNanos = Long.MIN_VALUE, nextWalkAt;
    private volatile boolean walkAsked = true;
    private Map<Pid, Integer> restarts = Map.of();
    private java.util.Set<Pid> inTree = java.util.Set.of();
    private long seq;
    private Frame lastFrame;

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
        this(node, fx, sink, System::nanoTime);
    }

    /** With a clock of its own (tests: when the next walk is due). */
    Sampler(Observed node, Executor fx, Consumer<Frame> sink, java.util.function.LongSupplier nanoTime) {
        this.node = node;
        this.nanoTime = nanoTime;
        this.handoff = new beamscope.app.Handoff<>(fx, sink, (older, newer) -> newer.after(older));
        // a recording's past shows the log's last lines up to the moment, not an empty log
        this.events = node.subscribeRecent(LOG_EVENTS, 20_000, beamscope.app.events.EventLogViewModel.CAP);
        this.treeFramer = new beamscope.app.tree.TreeFramer(node::exitReason);
    }

    /** From now on frames carry a supervision tree laid out in {@code viewModel}'s shape. */
    public void attachTree(beamscope.app.tree.TreeViewModel viewModel) {
        this.tree = viewModel;
    }

    public Query query() {
        return query;
    }

    /**
     * Asks for another order, filter or selection; the next frame comes at once, with a fresh walk
     * if the rows asked for changed.
     */
    public void setQuery(Query q) {
        if (!q.sameRowsAs(query)) walkAsked = true;
        query = q;
        wake();
    }

    /** Asks for a frame with a fresh walk at once (the tree was folded or paged). */
    public void walkNow() {
        walkAsked = true;
        wake();
    }

    /**
     * Asks for a fresh walk each time {@code busy} turns false (FX thread): when an action ends (a lesson's step),
     * the next frame shows the node as the action left it, even where walks are seconds apart (a big node).
     */
    public void walkWhenDone(javafx.beans.value.ObservableValue<Boolean> busy) {
        busy.addListener((o, was, now) -> {
            if (Boolean.TRUE.equals(was) && !Boolean.TRUE.equals(now)) walkNow();
        });
    }

    private void wake() {
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
                    publish(next());
                } catch (RuntimeException e) {
                    System.getLogger("beamscope.app").log(System.Logger.Level.WARNING, "sample failed", e);
                }
                long spent = System.nanoTime() - t0;
                LockSupport.parkNanos(Math.max(periodNanos - spent, spent));
            }
        });
    }

    /**
     * The frame the sampler thread takes next: with a walk when one was asked for or is due (see the class
     * comment), else a light frame that reuses the last walk.
     */
    synchronized Frame next() {
        NodeState state = node.state();
        if (state != NodeState.CONNECTED) return lastSeen(state);
        long t0 = nanoTime.getAsLong();
        boolean due = walkAsked || walk == null || t0 - nextWalkAt >= 0;
        Frame f = frame(due);
        if (due) nextWalkAt = t0 + (1 + WALK_IDLE_FACTOR) * (nanoTime.getAsLong() - t0);
        return f;
    }

    /**
     * Takes one frame now, with a walk. Not for the FX thread: it visits every process. Null when the node
     * is not connected and was never seen.
     */
    public synchronized Frame sample() {
        NodeState state = node.state();
        return state == NodeState.CONNECTED ? frame(true) : lastSeen(state);
    }

    /**
     * While the node is not connected nothing is read from it: the frame repeats what was last seen, saying
     * so ({@link Frame#nodeState()}). Null if nothing was ever seen.
     */
    private Frame lastSeen(NodeState state) {
        return lastFrame == null ? null : lastFrame.lastSeen(++seq, state);
    }

    /** The results of one walk over every process, which light frames carry on. */
    private record Walk(Query query, int matching, List<ProcessRow> rows, Map<Pid, SupervisorView> supervisors,
                        Map<Pid, ProcessRow> supervised, beamscope.app.tree.TreeFrame tree,
                        beamscope.app.schedulers.SchedulerFrame schedulers, beamscope.app.grid.ProcessStrip strip) {}

    private Frame frame(boolean walkNow) {
        Query q = query;
        NodeSnapshot snap = node.snapshot();
        long now = nanoTime.getAsLong();
        double dt = last == null ? 0 : (now - lastNanos) / 1e9;
        double redsPerSec = last == null ? 0 : beamscope.app.schedulers.Rates.rate(last.reductions(), snap.reductions(), dt);
        double msgsPerSec = last == null ? 0 : beamscope.app.schedulers.Rates.rate(last.messagesSent(), snap.messagesSent(), dt);

        List<Event> ev = new ArrayList<>();
        events.drainTo(ev, Frame.EVENT_CAP);
        treeFramer.noteReports(ev);
        Traffic traffic = traffic();

        beamscope.app.schedulers.SchedulerFrame schedulerFrame;
        if (walkNow) {
            walkAsked = false;
            walk = walk(q, snap, now);
            schedulerFrame = walk.schedulers();
        } else {
            schedulerFrame = runningNow(snap, walk.schedulers().memory());
        }

        List<ShellMessage> shell = new ArrayList<>();
        node.drainShell(shell, 1_000);

        Frame.Selected selected = null;
        if (q.selected() != null) {
            Pid p = q.selected();
            // a page of links and monitors, with their counts: the inspector shows no more
            Optional<ProcessInfo> info = node.info(p, 100, beamscope.app.inspector.PidLinks.PAGE);
            selected = new Frame.Selected(p, info, info.isPresent() ? Optional.empty() : node.exitReason(p),
                    info.isPresent() ? node.serverState(p) : Optional.empty(),
                    info.isPresent() ? node.supervisor(p) : Optional.empty(), node.recorded());
        }

        last = snap;
        lastNanos = now;
        Walk w = walk;
        return lastFrame = new Frame(++seq, w.query().withSelected(q.selected()), snap, redsPerSec, msgsPerSec,
                w.matching(), w.rows(), selected, List.copyOf(ev), events.dropped(), List.copyOf(shell), w.supervisors(),
                w.supervised(), w.tree(), schedulerFrame, NodeState.CONNECTED, traffic, w.strip());
    }

    /**
     * Whether frames carry message traffic ({@link Frame#traffic()}): the event log's send and receive
     * chips and the tree's message flights ask for it. While nobody does, the node publishes no send or
     * receive events at all (a subscription to them costs a busy node: each send is an event).
     */
    public void wantMessages(boolean on) {
        messagesWanted = on;
    }

    /** The sends and receives since the previous frame, subscribing or unsubscribing as asked. */
    private Traffic traffic() {
        if (messagesWanted && messages == null) {
            messages = node.subscribe(MESSAGE_EVENTS, 20_000);
            messagesDropped = 0;
        } else if (!messagesWanted && messages != null) {
            messages.close();
            messages = null;
        }
        if (messages == null) return Traffic.NONE;
        List<Event> msgs = new ArrayList<>();
        messages.drainTo(msgs, 20_000);
        long droppedNow = messages.dropped() - messagesDropped;
        messagesDropped = messages.dropped();
        return Traffic.of(msgs, droppedNow);
    }

    /** The schedulers' part of a light frame: who runs now, by name, and the last walk's memory total. */
    private beamscope.app.schedulers.SchedulerFrame runningNow(NodeSnapshot snap, long memory) {
        Map<Pid, String> names = new HashMap<>();
        for (beamscope.runtime.SchedulerSnapshot s : snap.schedulers()) {
            if (s.running() == null) continue;
            node.info(s.running(), 0).ifPresent(i -> names.put(i.pid(),
                    beamscope.app.schedulers.SchedulerFrame.nameOf(i.registeredName().orElse(null), i.initialCall())));
        }
        return new beamscope.app.schedulers.SchedulerFrame(snap, memory, names);
    }

    /** Visits every process once: table rows, supervisors, tree, memory. */
    private Walk walk(Query q, NodeSnapshot snap, long now) {
        double dt = lastWalkNanos == Long.MIN_VALUE ? 0 : (now - lastWalkNanos) / 1e9;
        lastWalkNanos = now;
        Comparator<ProcessColumns> order = q.sortKey().order(q.descending());
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
        List<beamscope.runtime.ProcessSummary> all = treeView == null ? null : new ArrayList<>(snap.processes() + 16);
        java.util.Set<Pid> running = new java.util.HashSet<>();
        for (beamscope.runtime.SchedulerSnapshot s : snap.schedulers()) if (s.running() != null) running.add(s.running());
        Map<Pid, String> runningNames = new HashMap<>();
        long[] memory = {0};
        ProcessColumns.Visit visit = new ProcessColumns.Visit();
        beamscope.app.grid.ProcessStrip.Builder strip = new beamscope.app.grid.ProcessStrip.Builder(snap.processes());
        node.forEachProcess(s -> {
            if (all != null) all.add(s);
            strip.add(s.pid(), s.status(), s.messageQueueLen());
            memory[0] += Math.max(0, s.memory());   // -1: not known (a recording)
            if (running.contains(s.pid()))
                runningNames.put(s.pid(), beamscope.app.schedulers.SchedulerFrame.nameOf(s.registeredName(), s.initialCall()));
            if (s.registeredName() != null) names.put(s.pid(), s.registeredName());
            if (node.isSupervisor(s)) supervisors.add(s.pid());
            long before = prev.get(s.pid().id(), -1);
            double rate = before < 0 || dt <= 0 ? 0 : Math.max(0, s.reductions() - before) / dt;
            seen.put(s.pid().id(), s.reductions());
            ProcessColumns.Visit v = visit.at(s, rate, restartsNow.getOrDefault(s.pid(), 0));
            if (!treePids.isEmpty() && treePids.contains(s.pid())) supervised.put(s.pid(), v.row());
            if (!needle.isEmpty() && !v.matches(needle)) return;
            matching[0]++;
            if (top.size() < q.limit()) top.add(v.row());
            else if (order.compare(v, top.peek()) < 0) {
                top.poll();
                top.add(v.row());
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

        // the dense views' parts, from the same walk
        beamscope.app.tree.TreeFrame treeFrame = null;
        if (treeView != null) {
            Map<Pid, beamscope.app.tree.SupervisorInfo> infos = new HashMap<>();
            views.forEach((pid, v) -> infos.put(pid, beamscope.app.tree.SupervisorInfo.of(v)));
            treeFrame = treeFramer.frame(node.nodeName(), all, infos, treeView);
        }

        spare = prev;
        lastReductions = seen;
        return new Walk(q, matching[0], List.copyOf(rows), java.util.Collections.unmodifiableMap(views),
                java.util.Collections.unmodifiableMap(supervised), treeFrame,
                new beamscope.app.schedulers.SchedulerFrame(snap, memory[0], runningNames), strip.build(names));
    }

    /**
     * Restarts per child pid (the child's count) and per supervisor (the sum over its children); -1 where the
     * supervisor does not count per child (a real BEAM node), so the table shows it as unknown.
     */
    private static Map<Pid, Integer> restartCounts(java.util.Collection<SupervisorView> supervisors) {
        Map<Pid, Integer> out = new HashMap<>();
        for (SupervisorView v : supervisors) {
            int sum = 0;
            for (ChildView c : v.children()) {
                if (c.restartCount() < 0) {
                    sum = -1;
                    c.pid().ifPresent(p -> out.put(p, -1));
                    continue;
                }
                if (sum >= 0) sum += c.restartCount();
                if (c.restartCount() > 0) c.pid().ifPresent(p -> out.put(p, c.restartCount()));
            }
            if (sum != 0) out.put(v.pid(), sum);
        }
        return out;
    }

    /** Hands a frame to the FX thread, replacing (and absorbing) one that is still waiting there. */
    public void publish(Frame frame) {
        if (frame != null) handoff.publish(frame);
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
                t.join(); // a walk is never cut short: at most one walk's time (about a second at 1M processes)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        events.close();
        synchronized (this) {
            if (messages != null) messages.close();
        }
    }
}
