package beamscope.record;

import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
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
 * Records a node: every event but scheduling (one subscription, {@link #RECORDED}) into a bounded ring that keeps the last
 * {@link Limits#window()} of node time or the last {@link Limits#maxEvents()} events, whichever is fewer, and a
 * {@link RecordedSnapshot} every {@code snapshotEvery} so that any moment in the ring can be rebuilt.
 *
 * <p>The node never waits for the recorder: its own thread drains the subscription, and when it falls behind the
 * node drops events (counted in {@link Recording#eventsDropped()}). A snapshot walks the process list and reads
 * each non-empty mailbox up to the cap, like {@code process_info}: not one atomic picture of a busy node.
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

    /** The node's buffer for the recorder's events. */
    static final int BUFFER = 1 << 16;

    private final Node node;
    private final EventSubscription subscription;
    private final int mailboxCap;
    private final long snapshotEveryNanos;
    private final ArrayDeque<Event> ring = new ArrayDeque<>();
    private final ArrayDeque<RecordedSnapshot> snapshots = new ArrayDeque<>();
    private final List<Event> batch = new ArrayList<>();
    private final Map<Pid, RecordedFlags> flags = new HashMap<>();
    private final SchedulerSamples lanes = new SchedulerSamples();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Limits limits;
    private long lastEvicted = Long.MIN_VALUE;
    private volatile int count;
    private volatile long lastCaptureNanos;
    /** {@link #MAX_SNAPSHOT_PROCESSES}; tests lower it. */
    int maxSnapshotProcesses = MAX_SNAPSHOT_PROCESSES;

    private Recorder(Node node, Limits limits, Duration snapshotEvery, int mailboxCap, boolean background) {
        this.node = node;
        this.limits = limits;
        this.mailboxCap = mailboxCap;
        this.snapshotEveryNanos = snapshotEvery.toNanos();
        this.subscription = node.subscribe(RECORDED, BUFFER);
        snapshotNow();
        if (background) {
            thread = Thread.ofPlatform().daemon().name("beamscope-recorder").start(this::run);
        } else {
            thread = null;
        }
    }

    /** Starts recording {@code node} on the recorder's own thread; a snapshot is taken at once and every {@code snapshotEvery}. */
    public static Recorder start(Node node, Limits limits, Duration snapshotEvery) {
        return new Recorder(node, limits, snapshotEvery, DEFAULT_MAILBOX_CAP, true);
    }

    /** A recorder without a thread: events move into the ring when the caller asks ({@link #snapshotNow}, {@link #recording}). For tests. */
    public static Recorder manual(Node node, Limits limits) {
        return new Recorder(node, limits, Duration.ofDays(365), DEFAULT_MAILBOX_CAP, false);
    }

    public Limits limits() {
        return limits;
    }

    /** Changes how much the ring keeps; a smaller limit drops the oldest events at once. */
    public synchronized void setLimits(Limits limits) {
        this.limits = limits;
        evict();
        count = ring.size();
    }

    /** Events in the ring now; never waits (a view may ask every frame). */
    public int eventCount() {
        return count;
    }

    /** Node time covered by the ring now (its first snapshot to its last event), in nanoseconds. */
    public synchronized long spanNanos() {
        if (snapshots.isEmpty()) return 0;
        long end = snapshots.getLast().nanos();
        if (!ring.isEmpty()) end = Math.max(end, ring.getLast().nanos());
        return end - snapshots.getFirst().nanos();
    }

    /** Moves the node's buffered events into the ring, then takes a snapshot; returns it. */
    public synchronized RecordedSnapshot snapshotNow() {
        drain();
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

    /** A copy of what the ring holds now (after moving in the node's buffered events). */
    public synchronized Recording recording() {
        drain();
        return new Recording(RecordingFile.VERSION, mailboxCap, subscription.dropped(), List.copyOf(ring), List.copyOf(snapshots),
                flags, lanes.copy());
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
        subscription.close();
    }

    private void run() {
        long lastSnapshot = System.nanoTime();
        while (!closed && !node.isClosed()) {
            int n;
            synchronized (this) {
                n = drain();
            }
            sampleLanes();
            if (System.nanoTime() - lastSnapshot >= Math.max(snapshotEveryNanos, SNAPSHOT_IDLE_FACTOR * lastCaptureNanos)) {
                snapshotNow();
                lastSnapshot = System.nanoTime();
            }
            if (n == 0) LockSupport.parkNanos(2_000_000);
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

    private int drain() {
        int total = 0;
        int n;
        do {
            batch.clear();
            n = subscription.drainTo(batch, 4096);
            ring.addAll(batch);
            total += n;
        } while (n > 0);
        batch.clear();
        if (total > 0) evict();
        count = ring.size();
        return total;
    }

    /** Drops the oldest events past the limits, and the snapshots that those events were needed after. */
    private void evict() {
        Limits l = limits;
        if (ring.isEmpty()) return;
        long newest = ring.getLast().nanos();
        long window = l.window().toNanos();
        while (!ring.isEmpty() && (ring.size() > l.maxEvents() || newest - ring.getFirst().nanos() > window))
            lastEvicted = Math.max(lastEvicted, ring.removeFirst().nanos());
        while (!snapshots.isEmpty() && snapshots.getFirst().nanos() < lastEvicted) snapshots.removeFirst();
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
            if (len > 0 || links) {
                ProcessInfo info = node.processInfo(p.pid(), len > 0 ? mailboxCap : 0).orElse(null);
                if (info == null) continue;
                len = info.messageQueueLen();
                List<String> m = new ArrayList<>(info.messages().size());
                for (Object o : info.messages()) m.add(RecordedSnapshot.text(o));
                messages = m;
                status = info.status();
                reductions = info.reductions();
                if (links) {
                    linked = info.links();
                    monitors = info.monitors().stream().map(RecordedSnapshot::text).toList();
                }
            }
            String name = p.registeredName() == null ? "" : p.registeredName();
            procs.put(p.pid(), new RecordedProcess(p.pid(), name, p.initialCall(), p.parent(), len, messages, status, reductions,
                    linked, monitors));
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
        return new RecordedSnapshot(t, procs, sups);
    }
}
