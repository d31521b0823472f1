package beamscope.record;

import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventTrace;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.SupervisorView;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Records a node: every event but scheduling ({@link #RECORDED}, through a {@link Node#trace}) into a bounded ring
 * that keeps the last {@link Limits#window()} of node time or the last {@link Limits#maxEvents()} events, whichever
 * is fewer, and a {@link RecordedSnapshot} every {@code snapshotEvery} so that any moment in the ring can be rebuilt.
 *
 * <p>The node never waits for the recorder, and the recorder does nothing per event: each scheduler writes its
 * events into its own ring of the trace (no object per send or receive, no hand-over to another thread), over its
 * oldest once full; {@link #recording} copies the rings, merges them by time and cuts them to the limits, and only
 * then are {@link Event}s made. No event is dropped while the limits keep it. The recorder's thread only takes the
 * snapshots. A snapshot walks the process list and reads each non-empty mailbox up to the cap, like
 * {@code process_info}: not one atomic picture of a busy node.
 */
public final class Recorder implements AutoCloseable {

    /** How much the ring keeps: the last {@code window} of node time or the last {@code maxEvents}, whichever is fewer. */
    public record Limits(Duration window, int maxEvents) {
        public Limits {
            if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
            if (maxEvents < 1) throw new IllegalArgumentException("maxEvents must be at least 1");
        }

        public static final Limits DEFAULT = new Limits(Duration.ofMinutes(10), 5_000_000);
    }

    /** Messages kept per mailbox in a snapshot. */
    public static final int DEFAULT_MAILBOX_CAP = 100;
    /**
     * What is recorded: every kind of event but scheduling (ScheduleIn/ScheduleOut, one pair per time slice: the
     * most frequent events by far, and not needed to rebuild a moment).
     */
    public static final EventFilter RECORDED = EventFilter.kinds(Event.Spawn.class, Event.Exit.class, Event.Link.class,
            Event.Unlink.class, Event.Monitor.class, Event.Down.class, Event.Send.class, Event.Receive.class,
            Event.Register.class, Event.Unregister.class, Event.Report.class, Event.SystemMonitor.class);

    /**
     * Processes held by all snapshots together, at most: past it the oldest snapshots but the first are dropped (a
     * moment then replays from an earlier snapshot over more events), so a node of a million processes keeps two.
     */
    static final int MAX_SNAPSHOT_PROCESSES = 2_000_000;
    /** A snapshot of a big node is taken at most this often relative to how long the last one took. */
    static final int SNAPSHOT_IDLE_FACTOR = 20;

    /** How often the recorder's thread samples the schedulers' lanes ({@link SchedulerSample}). */
    public static final Duration SAMPLE_EVERY = Duration.ofMillis(20);
    /** A snapshot reads each process's links and monitors (one {@code process_info} each) up to this many processes. */
    static final int LINKS_UP_TO = 100_000;

    private final Node node;
    /** The node's trace: rings sized for {@code limits.maxEvents()} ({@link #ringCapacity}). */
    private EventTrace trace;
    /** Events kept from an earlier trace (its rings were another size), oldest first. */
    private List<Event> carried = List.of();
    private final int mailboxCap;
    private final long snapshotEveryNanos;
    private final ArrayDeque<RecordedSnapshot> snapshots = new ArrayDeque<>();
    private final Map<Pid, RecordedFlags> flags = new HashMap<>();
    private final SchedulerSamples lanes = new SchedulerSamples();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Limits limits;
    private volatile long lastCaptureNanos;
    /** {@link #MAX_SNAPSHOT_PROCESSES}; tests lower it. */
    int maxSnapshotProcesses = MAX_SNAPSHOT_PROCESSES;

    private Recorder(Node node, Limits limits, Duration snapshotEvery, int mailboxCap, boolean background) {
        this.node = node;
        this.limits = limits;
        this.mailboxCap = mailboxCap;
        this.snapshotEveryNanos = snapshotEvery.toNanos();
        this.trace = node.trace(ringCapacity(limits.maxEvents()));
        snapshotNow();
        if (background) {
            thread = Thread.ofPlatform().daemon().name("beamscope-recorder").start(this::run);
        } else {
            thread = null;
        }
    }

    /**
     * Events each of the trace's rings holds: the greatest power of two up to {@code maxEvents} (at least 1024), so
     * one busy scheduler keeps at least half of the limit on its own and all of them together at most a few times
     * it; a recording keeps the newest {@code maxEvents} of them.
     */
    static int ringCapacity(int maxEvents) {
        return Integer.highestOneBit(Math.max(1024, maxEvents));
    }

    /** Starts recording {@code node} on the recorder's own thread; a snapshot is taken at once and every {@code snapshotEvery}. */
    public static Recorder start(Node node, Limits limits, Duration snapshotEvery) {
        return new Recorder(node, limits, snapshotEvery, DEFAULT_MAILBOX_CAP, true);
    }

    /** A recorder without a thread: snapshots are taken when the caller asks ({@link #snapshotNow}). For tests. */
    public static Recorder manual(Node node, Limits limits) {
        return new Recorder(node, limits, Duration.ofDays(365), DEFAULT_MAILBOX_CAP, false);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Changes how much the ring keeps; a smaller limit drops the oldest events at once. Rings of another size
     * replace the trace: the new one starts, the old one stops and what it holds is kept (the few events written
     * to both in between are taken once).
     */
    public synchronized void setLimits(Limits limits) {
        this.limits = limits;
        int cap = ringCapacity(limits.maxEvents());
        if (cap != trace.capacity()) {
            EventTrace old = trace;
            trace = node.trace(cap);
            old.close();
            trace.forget();
            Kept k = kept(old);
            carried = k.events();
            prune(k.lastEvicted());
        }
    }

    /** Events in the ring now, about (the window is applied when a recording is made); never waits. */
    public int eventCount() {
        return (int) Math.min(limits.maxEvents(), trace.held() + carried.size());
    }

    /** Node time covered by the ring now (its first snapshot to its last event), in nanoseconds. */
    public synchronized long spanNanos() {
        if (snapshots.isEmpty()) return 0;
        long end = Math.max(snapshots.getLast().nanos(), trace.newest());
        return end - snapshots.getFirst().nanos();
    }

    /** Takes a snapshot of the node now; returns it. */
    public synchronized RecordedSnapshot snapshotNow() {
        long t0 = System.nanoTime();
        RecordedSnapshot s = capture(node, mailboxCap, flags);
        lastCaptureNanos = System.nanoTime() - t0;
        snapshots.addLast(s);
        lanes.sample(node.snapshot());
        long held = 0;
        for (RecordedSnapshot k : snapshots) held += k.processes().size();
        while (held > maxSnapshotProcesses && snapshots.size() > 2) {
            java.util.Iterator<RecordedSnapshot> it = snapshots.iterator();
            it.next();
            held -= it.next().processes().size();
            it.remove();
        }
        return s;
    }

    /**
     * A copy of what the ring holds now: the trace's rings merged by time, cut to the limits (and to the horizon
     * before which a ring has written over events), with the snapshots that can be replayed from. Every receive in
     * it comes with its send, unless that was sent before the recording's first event ({@link EventTrace#read}).
     */
    public Recording recording() {
        Kept k;
        List<RecordedSnapshot> snaps;
        Map<Pid, RecordedFlags> fl;
        List<SchedulerSample> ln;
        synchronized (this) {
            k = kept(trace);
            prune(k.lastEvicted());
            snaps = List.copyOf(snapshots);
            fl = Map.copyOf(flags);
            ln = lanes.copy();
        }
        return new Recording(RecordingFile.VERSION, mailboxCap, 0, k.events(), snaps, fl, ln);
    }

    /** The events kept (in time order), and the latest time of one no longer kept. */
    private record Kept(List<Event> events, long lastEvicted) {}

    /** {@code t}'s events and the carried ones, cut to the limits and to {@code t}'s horizon (under the lock). */
    private Kept kept(EventTrace t) {
        EventColumns col = new EventColumns(t.held());
        long horizon = t.read(col);
        List<Event> fresh = col.events();
        List<Event> all;
        if (carried.isEmpty()) all = fresh;
        else {
            all = new ArrayList<>(carried.size() + fresh.size());
            all.addAll(carried);
            all.addAll(fresh);
            all.sort(java.util.Comparator.comparingLong(Event::nanos));
        }
        if (all.isEmpty()) return new Kept(all, horizon);
        Limits l = limits;
        long cut = Math.max(horizon, all.getLast().nanos() - l.window().toNanos());
        int from = 0;
        while (from < all.size() && all.get(from).nanos() < cut) from++;
        from = Math.max(from, all.size() - l.maxEvents());
        long lastEvicted = from == 0 ? horizon : Math.max(horizon, all.get(from - 1).nanos());
        return new Kept(from == 0 ? all : List.copyOf(all.subList(from, all.size())), lastEvicted);
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        trace.close();
    }

    /**
     * Snapshots now and then, and the schedulers' lanes every {@link #SAMPLE_EVERY} (the events need no one: the
     * schedulers write them into the trace's rings).
     */
    private void run() {
        long lastSnapshot = System.nanoTime();
        while (!closed && !node.isClosed()) {
            sampleLanes();
            long every = Math.max(snapshotEveryNanos, SNAPSHOT_IDLE_FACTOR * lastCaptureNanos);
            long wait = lastSnapshot + every - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, SAMPLE_EVERY.toNanos()));
                continue;
            }
            synchronized (this) {
                snapshotNow();
                prune(Math.max(trace.horizon(), trace.newest() - limits.window().toNanos()));
            }
            lastSnapshot = System.nanoTime();
        }
    }

    private long lastSample = Long.MIN_VALUE;

    /** A sample of the schedulers' lanes when {@link #SAMPLE_EVERY} has passed since the last; on the recorder's thread. */
    private void sampleLanes() {
        long now = System.nanoTime();
        if (lastSample != Long.MIN_VALUE && now - lastSample < SAMPLE_EVERY.toNanos()) return;
        lastSample = now;
        beamscope.runtime.NodeSnapshot snap = node.snapshot();
        synchronized (this) {
            lanes.sample(snap);
        }
    }

    /** Drops the snapshots that events before {@code lastEvicted} were needed after, and flags no snapshot needs. */
    private void prune(long lastEvicted) {
        while (!snapshots.isEmpty() && snapshots.getFirst().since() < lastEvicted) snapshots.removeFirst();
        if (!snapshots.isEmpty()) lanes.dropBefore(snapshots.getFirst().nanos());
        if (flags.size() > 10_000) { // only the supervisors some kept snapshot holds
            java.util.Set<Pid> kept = new java.util.HashSet<>();
            for (RecordedSnapshot s : snapshots) kept.addAll(s.supervisors().keySet());
            flags.keySet().retainAll(kept);
        }
    }

    /** The node now: every process (mailboxes up to {@code mailboxCap}) and every supervisor's children. */
    public static RecordedSnapshot capture(Node node, int mailboxCap) {
        return capture(node, mailboxCap, new HashMap<>());
    }

    /** As {@link #capture(Node, int)}, noting each supervisor's flags in {@code flags}. */
    static RecordedSnapshot capture(Node node, int mailboxCap, Map<Pid, RecordedFlags> flags) {
        long t = node.snapshot().nanoTime();
        Map<Pid, RecordedProcess> procs = new HashMap<>();
        List<ProcessSummary> all = node.processes();
        boolean links = all.size() <= LINKS_UP_TO;
        for (ProcessSummary p : all) {
            int len = p.messageQueueLen();
            List<String> messages = List.of();
            ProcessStatus status = p.status();
            long reductions = p.reductions();
            List<Pid> linked = null;
            List<String> monitors = null;
            beamscope.runtime.Priority priority = null;
            Boolean trapExit = null;
            if (len > 0 || links) {
                ProcessInfo info = node.processInfo(p.pid(), len > 0 ? mailboxCap : 0).orElse(null);
                if (info == null) continue;
                len = info.messageQueueLen();
                List<String> m = new ArrayList<>(info.messages().size());
                for (Object o : info.messages()) m.add(RecordedSnapshot.text(o));
                messages = m;
                status = info.status();
                reductions = info.reductions();
                priority = info.priority();
                trapExit = info.trapExit();
                if (links) {
                    linked = info.links();
                    monitors = info.monitors().stream().map(RecordedSnapshot::text).toList();
                }
            }
            String name = p.registeredName() == null ? "" : p.registeredName();
            procs.put(p.pid(), new RecordedProcess(p.pid(), name, p.initialCall(), p.parent(), len, messages, status, reductions,
                    linked, monitors, priority, trapExit));
        }
        Map<Pid, RecordedSupervisor> sups = new HashMap<>();
        for (Pid s : Observe.supervisors(node)) {
            SupervisorView v = Observe.supervisor(node, s).orElse(null);
            if (v == null) continue;
            List<RecordedChild> kids = new ArrayList<>();
            for (ChildView c : v.children())
                kids.add(new RecordedChild(RecordedSnapshot.text(c.id()), c.pid().orElse(null),
                        c.restart() == null ? "permanent" : c.restart().atomName()));
            sups.put(s, new RecordedSupervisor(s, v.dynamic(), kids));
            flags.put(s, new RecordedFlags(v.strategy().atomName(), v.intensity(), v.period()));
        }
        long end = node.snapshot().nanoTime();   // the node went on while it was read: it stands for the node from here
        return new RecordedSnapshot(Math.max(t, end), t, procs, sups);
    }
}
