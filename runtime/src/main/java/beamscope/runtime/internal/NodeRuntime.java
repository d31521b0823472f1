package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Clock;
import beamscope.runtime.ErlangError;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Inbox;
import beamscope.runtime.MaxHeap;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Ref;
import beamscope.runtime.SchedulerSnapshot;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Terms;
import beamscope.runtime.TimerRef;
import beamscope.runtime.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Everything a node is made of; {@link Node} is its public face and the only code outside this package
 * that uses it (ArchitectureTest checks that). This is the package's one public type, and its public
 * methods are exactly those {@code Node} calls; everything else here is package-private.
 */
public final class NodeRuntime {

    static final System.Logger LOG = System.getLogger("beamscope.runtime");
    private static final AtomicInteger NODE_IDS = new AtomicInteger();

    final Node node;
    final NodeConfig config;
    final Clock clock;
    final ProcessTable table;
    final Scheduler[] schedulers;
    final TimerService timers;
    final SystemMonitor systemMonitor;
    final DirtySchedulers dirty;
    final EventBus events = new EventBus(this);
    final Gate gate = new Gate(this);
    final ConcurrentHashMap<String, ProcessCell> names = new ConcurrentHashMap<>();
    final AtomicInteger processCount = new AtomicInteger();
    final AtomicInteger parkedCount = new AtomicInteger();
    private final AtomicLong refs = new AtomicLong();
    private final LongAdder externalSpawns = new LongAdder();
    private final LongAdder externalSent = new LongAdder();
    private final LongAdder exits = new LongAdder();
    private final RecentExits recentExits = new RecentExits(4096);
    private final Thread timerThread;
    /** The memory watermark alarm and its thread, or null when the node has none. */
    final WatermarkAlarm watermark;
    private final Thread watermarkThread;
    private final AtomicInteger placement = new AtomicInteger();
    /** Set once by {@link #close}: the node is closed (every command fails, every loop ends). */
    volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    /** How long close waits, in all, for the schedulers and the timer thread to end. */
    static final long CLOSE_WAIT_NANOS = 1_000_000_000L;

    public NodeRuntime(Node node, NodeConfig config) {
        this.node = node;
        this.config = config;
        this.clock = config.clock();
        this.table = new ProcessTable(config.processLimit());
        int n = config.schedulers();
        this.schedulers = new Scheduler[n];
        for (int i = 0; i < n; i++) schedulers[i] = new Scheduler(this, i, n);
        this.timers = new TimerService(this, clock);
        this.systemMonitor = new SystemMonitor(this);
        int id = NODE_IDS.incrementAndGet();
        this.dirty = new DirtySchedulers(this, "beamscope-" + id + "-dirty-");
        for (Scheduler s : schedulers) {
            Thread t = new Scheduler.Worker(s, "beamscope-" + id + "-scheduler-" + (s.index + 1));
            t.setDaemon(true);
            s.thread = t;
        }
        timerThread = new Thread(timers, "beamscope-" + id + "-timers");
        timerThread.setDaemon(true);
        for (Scheduler s : schedulers) s.thread.start();
        timerThread.start();
        if (config.memoryWatermark().isOff()) {
            watermark = null;
            watermarkThread = null;
        } else {
            watermark = new WatermarkAlarm(this, config.memoryWatermark());
            watermarkThread = new Thread(watermark, "beamscope-" + id + "-watermark");
            watermarkThread.setDaemon(true);
            watermarkThread.start();
        }
        systemMonitor.start("beamscope-" + id + "-system-monitor");
    }

    // ------------------------------------------------------------------ processes

    ProcessCell lookup(Pid pid) {
        return pid.node() == 0 ? table.get(pid.id()) : null;
    }

    public boolean isAlive(Pid pid) {
        return lookup(pid) != null;
    }

    public int processCount() {
        return processCount.get();
    }

    /** Spawns from outside any process. */
    public Pid spawn(Behavior behavior, SpawnOptions options) {
        return spawn(behavior, options, null, false, null).pid;
    }

    public boolean isClosed() {
        return stopping;
    }

    /** Throws if the node is closed: what every command does on a closed node. */
    void ensureOpen() {
        if (stopping) throw closed();
    }

    IllegalStateException closed() {
        return new IllegalStateException("node closed: " + config.name());
    }

    /**
     * A process just put in the table of a node that may be closing: the Dekker pair of {@link #close},
     * which sets {@code stopping} and then clears the table. Either close sees the new process and
     * removes it, or we see {@code stopping} here, remove it ourselves and throw; a fence orders our
     * table write before our read of the flag. Whoever removes it counts it out.
     */
    private void admitted(ProcessCell c) {
        java.lang.invoke.VarHandle.fullFence();
        if (stopping) {
            if (table.remove(c)) processCount.decrementAndGet();
            throw closed();
        }
    }

    /**
     * Creates a process. With {@code link} the child starts linked to {@code parent}; with
     * {@code monitorRef} the parent starts monitoring it. Both are in place before the child can run
     * or be seen (A14). A child whose first behaviour is a plain receive starts parked: it has nothing
     * to do until a message comes, exactly like a process that entered receive.
     */
    ProcessCell spawn(Behavior behavior, SpawnOptions options, ProcessCell parent, boolean link, Ref monitorRef) {
        if (behavior == null) throw new NullPointerException("behavior");
        if (behavior instanceof Behavior.Same || behavior instanceof Behavior.Unhandled || behavior instanceof Behavior.Stop)
            throw ErlangError.badarg("a process must start with receive, setup or compute, not " + behavior);
        ensureOpen();
        if (processCount.incrementAndGet() > config.processLimit()) {
            processCount.decrementAndGet();
            throw new ErlangError(Atom.SYSTEM_LIMIT, "the process limit of " + config.processLimit() + " is reached");
        }
        long id = table.allocate();
        Pid pid = Pid.of(id);
        Lineage lineage = parent == null ? null : parent.childLineage();
        String initial = options.initialCall() != null ? options.initialCall() : labelOf(behavior);
        ProcessCell c = new ProcessCell(this, pid, behavior, lineage, initial, options.priority());
        c.limit = limitOf(options.maxHeap() != null ? options.maxHeap() : config.maxHeap());
        Scheduler here = parent != null ? parent.runningOn : null;
        if (here == null && Scheduler.calling() instanceof Scheduler s && s.rt == this) here = s; // not another node's
        c.schedulerIndex = here != null ? here.index : Math.floorMod(placement.getAndIncrement(), schedulers.length);
        if (link) c.extras().links().add(parent.pid);
        if (monitorRef != null) c.extras().watchers().add(new Watch(monitorRef, parent.pid, pid));
        boolean startParked = behavior instanceof Behavior.Receive r && r.timeout() == null;
        if (startParked) {
            c.inbound = ProcessCell.PARKED;
            c.status = ProcessCell.S_WAITING;
        } else if (behavior instanceof Behavior.Receive r) {
            c.enterReceive(r);
        }
        table.put(id, c);
        admitted(c);
        if (options.name() != null) {
            try {
                register(options.name(), c);
            } catch (ErlangError e) {
                if (table.remove(c)) processCount.decrementAndGet();
                throw e;
            }
        }
        if (here != null) here.pendingSpawns++;
        else externalSpawns.increment();
        events.spawned(c, parent == null ? null : parent.pid);
        if (!startParked) makeRunnable(c);
        return c;
    }

    private static MailboxLimit limitOf(MaxHeap max) {
        return max.isOff() ? null : new MailboxLimit(max, 0);
    }

    static String labelOf(Behavior b) {
        if (b.label() != null) return b.label();
        return switch (b) {
            case Behavior.Receive r -> "receive";
            case Behavior.Setup s -> "setup";
            case Behavior.Compute c -> "compute";
            case Behavior.Blocking w -> "blocking";
            default -> b.getClass().getSimpleName();
        };
    }

    /**
     * Makes a process runnable. Woken by a process running on one of this node's schedulers, it runs
     * next on that scheduler (its runNext slot), wherever it ran before: partners that message each
     * other come together on one scheduler and leave the other cores free, and a waker that keeps
     * running hands it to the run queue after {@link Scheduler#RUN_NEXT_GRACE} reductions, where idle
     * schedulers steal it. Otherwise (woken from outside, by a timer, slot taken, or paused) it joins the
     * run queue of the scheduler it last ran on.
     *
     * <p>That scheduler may be in the middle of a slice that does not end soon (a process blocked in
     * Java). So a push onto a busy scheduler's queue also wakes one parked scheduler: awake, it steals
     * the process if the slice is still the same one after a spin round (see {@link Scheduler}), else
     * parks again. Dekker with {@link Scheduler#idle}: we push, fence, then read {@code parked}; a
     * scheduler going to park writes {@code parked}, increments {@code parkedCount} (a full fence), then
     * looks at every queue. One of the two sees the other. Each push wakes at most one scheduler, and a
     * parked scheduler is woken once however many pushes see it parked: the first claims its wake-up
     * ({@link Scheduler#unpark}), so a million pushes from outside do not make a million system calls.
     */
    void makeRunnable(ProcessCell c) {
        c.setStatus(ProcessCell.S_RUNNABLE);
        if (!gate.paused) {
            Scheduler here = Scheduler.calling();
            if (here != null && here.rt == this && here.offerRunNext(c)) return;
        }
        Scheduler target = schedulers[c.schedulerIndex];
        target.queue.push(c);
        if (gate.paused) {
            gate.onWork();
            return;
        }
        java.lang.invoke.VarHandle.fullFence(); // the push is visible before we read parked (Dekker)
        if (!target.unpark() && (target.queue.size() >= 2 || target.current() != null)) wakeIdle(target);
    }

    private final AtomicInteger wakeCursor = new AtomicInteger();

    /** More work than its owner can run: wake one parked scheduler (not {@code busy}) to steal some. */
    void wakeIdle(Scheduler busy) {
        if (parkedCount.get() == 0) return;
        int n = schedulers.length, start = wakeCursor.getAndIncrement();
        for (int i = 0; i < n; i++) {
            Scheduler s = schedulers[Math.floorMod(start + i, n)];
            if (s != busy && s.unpark()) return; // claimed: one wake-up per push at most
        }
    }

    /**
     * True if some scheduler other than {@code self} has a process waiting in its queue. An idle
     * scheduler does not park then: the process may be waiting behind a long slice, and only a
     * scheduler that keeps looking sees that (two looks at the same dispatch) and steals it.
     */
    boolean anyStealable(Scheduler self) {
        for (Scheduler s : schedulers) if (s != self && s.queue.size() > 0) return true;
        return false;
    }

    public Inbox inbox(String label) {
        ensureOpen();
        if (processCount.incrementAndGet() > config.processLimit()) {
            processCount.decrementAndGet();
            throw new ErlangError(Atom.SYSTEM_LIMIT, "the process limit is reached");
        }
        long id = table.allocate();
        InboxCell c = new InboxCell(this, Pid.of(id), label);
        c.limit = limitOf(config.maxHeap());
        table.put(id, c);
        admitted(c);
        externalSpawns.increment();
        events.spawned(c, null);
        return c;
    }

    // ------------------------------------------------------------------ messages and signals

    // A traced send returns the stamp its message carries (0 when no one traces): see EventBus, "Trace stamps".

    void send(ProcessCell from, Pid to, Object msg) {
        ProcessCell t = lookup(to);
        Scheduler s = from.runningOn;
        if (s != null) s.pendingSent++;
        else externalSent.increment();
        long stamp = events.sent(s, from.pid, to, msg);
        if (t != null) t.deliver(msg, stamp);
    }

    void send(ProcessCell from, ProcessCell to, Object msg) {
        Scheduler s = from.runningOn;
        if (s != null) s.pendingSent++;
        else externalSent.increment();
        long stamp = events.sent(s, from.pid, to.pid, msg);
        to.deliver(msg, stamp);
    }

    /** A send from outside any process (Node.send). */
    public void sendExternal(Pid to, Object msg) {
        ensureOpen();
        externalSent.increment();
        long stamp = events.sent(null, Node.SYSTEM, to, msg);
        ProcessCell t = lookup(to);
        if (t != null) t.deliver(msg, stamp);
    }

    public void sendExternal(String name, Object msg) {
        ensureOpen();
        ProcessCell t = whereisCell(name);
        if (t == null) throw ErlangError.badarg("no process is registered as " + name);
        externalSent.increment();
        long stamp = events.sent(null, Node.SYSTEM, t.pid, msg);
        t.deliver(msg, stamp);
    }

    void sendFromService(Pid to, Object msg) {
        ProcessCell t = lookup(to);
        externalSent.increment();
        if (t != null) t.deliver(msg);
    }

    void sendToNameFromService(String name, Object msg) {
        ProcessCell t = whereisCell(name);
        externalSent.increment();
        if (t != null) t.deliver(msg);
    }

    /** Delivers a signal; false when the target is gone (the caller answers for it). */
    boolean sendSignal(Pid to, Signal s) {
        ProcessCell t = lookup(to);
        return t != null && t.deliver(s);
    }

    /** A link, unlink, monitor or demonitor signal: applied in place to a parked target (see {@link SignalCell#deliverInPlace}). */
    boolean sendInPlace(Pid to, Signal s) {
        ProcessCell t = lookup(to);
        return t != null && t.deliverInPlace(s);
    }

    public void exitExternal(Pid target, Object reason) {
        ensureOpen();
        sendExit(Node.SYSTEM, target, reason);
    }

    /** An explicit exit signal ({@code exit/2}); a kill to a parked process ends it at once. */
    void sendExit(Pid from, Pid target, Object reason) {
        ProcessCell t = lookup(target);
        if (t == null) return;
        Signal.Exit x = new Signal.Exit(from, reason, false);
        if (Atom.KILL.equals(reason)) t.deliverKill(x);
        else t.deliver(x);
    }

    /** A link request reached a process that had already exited: the linker gets noproc over the link. */
    void answerDeadLink(Pid dead, Pid linker) {
        sendSignal(linker, new Signal.Exit(dead, Atom.NOPROC, true));
    }

    void answerDeadMonitor(Pid dead, Signal.Monitor m) {
        sendSignal(m.watcher(), new Signal.Down(m.ref(), m.object(), Atom.NOPROC));
    }

    /** A control signal from outside any process (suspend, resume, priority, link, monitor, trap exits). */
    private void control(Pid target, Signal s) {
        ensureOpen();
        sendSignal(target, s);
    }

    public void suspend(Pid p) {
        control(p, new Signal.Suspend());
    }

    public void resume(Pid p) {
        control(p, new Signal.Resume());
    }

    public void setPriority(Pid p, Priority prio) {
        control(p, new Signal.SetPriority(prio));
    }

    public void link(Pid a, Pid b, boolean on) {
        control(a, new Signal.LinkRequest(b, on));
    }

    public void monitor(Pid watcher, Pid target) {
        control(watcher, new Signal.MonitorRequest(target));
    }

    public void setTrapExit(Pid p, boolean on) {
        control(p, new Signal.SetTrapExit(on));
    }

    public Ref makeRef() {
        return Ref.of(refs.incrementAndGet());
    }

    // ------------------------------------------------------------------ names

    public void register(String name, Pid pid) {
        ensureOpen();
        ProcessCell c = lookup(pid);
        if (c == null) throw ErlangError.badarg(pid + " is not alive");
        register(name, c);
    }

    void register(String name, ProcessCell c) {
        if (name == null || name.isEmpty() || name.equals("undefined"))
            throw ErlangError.badarg("invalid name " + name);
        synchronized (c) {
            if (c.status == ProcessCell.S_EXITING || lookup(c.pid) != c) throw ErlangError.badarg(c.pid + " is not alive");
            ProcessCell.Extras x = c.extras();
            if (x.name != null) throw ErlangError.badarg(c.pid + " is already registered as " + x.name);
            ProcessCell prev = names.putIfAbsent(name, c);
            if (prev != null) throw ErlangError.badarg(name + " is already registered to " + prev.pid);
            x.name = name;
        }
        events.registered(c, name, true);
    }

    public void unregister(String name) {
        ensureOpen();
        ProcessCell c = names.get(name);
        if (c == null) throw ErlangError.badarg(name + " is not registered");
        synchronized (c) {
            if (!names.remove(name, c)) throw ErlangError.badarg(name + " is not registered");
            c.extras().name = null;
        }
        events.registered(c, name, false);
    }

    ProcessCell whereisCell(String name) {
        return names.get(name);
    }

    public Optional<Pid> whereis(String name) {
        if (stopping) return Optional.empty();
        ProcessCell c = names.get(name);
        return c == null ? Optional.empty() : Optional.of(c.pid);
    }

    public List<String> registered() {
        if (stopping) return new ArrayList<>();
        return new ArrayList<>(names.keySet());
    }

    // ------------------------------------------------------------------ exits

    /**
     * First step of an exit: the name is freed and the pid stops being alive (A21). Returns false if
     * the node's close removed the process first (it then counted it out).
     */
    boolean release(ProcessCell c, Object reason) {
        recentExits.add(c.pid, reason);
        events.exited(c, reason); // before the pid stops being alive: an observer that sees it gone has the event

        String name = null;
        synchronized (c) {
            c.setStatus(ProcessCell.S_EXITING);
            ProcessCell.Extras x = c.extras;
            if (x != null && x.name != null) {
                name = x.name;
                names.remove(name, c);
                x.name = null;
            }
        }
        if (name != null) events.registered(c, name, false);
        return table.remove(c);
    }

    /**
     * Last step of an exit: counters and the crash log. {@code counted} is what {@link #release}
     * returned: only the one who removed the process from the table counts it out.
     */
    void exited(ProcessCell c, Object reason, Throwable crash, boolean counted) {
        if (counted) processCount.decrementAndGet();
        exits.increment();
        if (crash != null && LOG.isLoggable(System.Logger.Level.ERROR)) logCrash(c, reason, crash);
    }

    /**
     * The crash log line. Nothing here may throw into the exit path: a reason that cannot be printed (a
     * throwable whose {@code getMessage} throws) is shown by its class, and a logger that fails on the
     * throwable gets the line without it.
     */
    private static void logCrash(ProcessCell c, Object reason, Throwable crash) {
        String line = "Error in process " + c.pid + " (" + c.initialCall + ") with exit value: " + inspectSafely(reason, 2000);
        try {
            LOG.log(System.Logger.Level.ERROR, line, crash);
        } catch (Throwable unprintable) {
            try {
                LOG.log(System.Logger.Level.ERROR, line + " (its stack trace could not be printed: "
                        + unprintable.getClass().getName() + ")");
            } catch (Throwable ignored) {
                // the logger itself fails: nothing more can be said, and the exit must go on
            }
        }
    }

    /**
     * {@link Terms#inspect(Object, int)}, or when printing throws, the term with each element that
     * cannot be printed shown by its class name ({@code #Java<class>}). Never throws.
     */
    static String inspectSafely(Object term, int limit) {
        try {
            return Terms.inspect(term, limit);
        } catch (Throwable e) {
            try {
                if (term instanceof Tuple t) {
                    StringBuilder b = new StringBuilder("{");
                    for (int i = 0; i < t.size(); i++) {
                        if (i > 0) b.append(", ");
                        b.append(inspectSafely(t.get(i), limit));
                    }
                    String s = b.append('}').toString();
                    return s.length() <= limit ? s : s.substring(0, Math.max(0, limit - 3)) + "...";
                }
                return "#Java<" + term.getClass().getName() + ">";
            } catch (Throwable again) {
                return "#Java<unprintable>";
            }
        }
    }

    /**
     * A node-level alarm for an error the runtime survived ({@link beamscope.runtime.Event.SystemMonitor},
     * e.g. {@code scheduler_crashed}): details {@code [error: "…", …extra]}, also logged. Never throws.
     */
    void alarm(Pid pid, Atom kind, Throwable error, Tuple... extra) {
        List<Object> details = new ArrayList<>(extra.length + 1);
        details.add(Tuple.of(Atom.ERROR, inspectSafely(error, 500)));
        details.addAll(List.of(extra));
        try {
            events.systemMonitor(pid, kind, List.copyOf(details));
        } catch (Throwable ignored) {
            // an event hook failed (a failing clock): the log below still says it
        }
        try {
            LOG.log(System.Logger.Level.ERROR, kind + " " + inspectSafely(details, 1000), error);
        } catch (Throwable unprintable) {
            try {
                LOG.log(System.Logger.Level.ERROR, kind + " " + inspectSafely(details, 1000));
            } catch (Throwable ignored) {
                // nothing more can be said
            }
        }
    }

    public Optional<Object> exitReason(Pid pid) {
        return recentExits.find(pid);
    }

    // ------------------------------------------------------------------ timers

    public TimerRef sendAfter(Object dest, Object message, Duration delay) {
        ensureOpen();
        return new TimerRef(timers.scheduleUser(delay, dest, message));
    }

    public Optional<Duration> cancelTimer(TimerRef t) {
        return timers.cancelUser(t.id());
    }

    // ------------------------------------------------------------------ demo controls

    public void pause() {
        gate.pause();
    }

    public void resumeAll() {
        gate.resume();
    }

    public CompletableFuture<Void> step() {
        if (stopping) return CompletableFuture.failedFuture(closed());
        return gate.step();
    }

    /** What the last step ran, if a step ran. */
    public java.util.Optional<beamscope.runtime.SteppedSlice> lastStep() {
        return java.util.Optional.ofNullable(gate.lastStep);
    }

    public void slowMotion(Duration delay) {
        gate.slowMotion(Deadlines.nanos(delay));
    }

    public boolean paused() {
        return gate.paused;
    }

    public EventSubscription subscribe(EventFilter filter, int capacity) {
        return events.subscribe(filter, capacity);
    }

    public beamscope.runtime.EventTrace trace(int ringCapacity) {
        return events.trace(ringCapacity);
    }

    /** Sets the long-schedule threshold of the node's system monitor; returns the previous one. */
    public Duration longScheduleThreshold(Duration threshold) {
        return systemMonitor.longSchedule(threshold);
    }

    public void report(Pid pid, Atom kind, Object details) {
        events.report(pid, kind, details);
    }

    // ------------------------------------------------------------------ observation

    public Optional<ProcessInfo> processInfo(Pid pid, int messageLimit) {
        return processInfo(pid, messageLimit, Integer.MAX_VALUE);
    }

    /** As {@link #processInfo(Pid, int)}, with at most {@code linkLimit} links, monitors and monitors-by read. */
    public Optional<ProcessInfo> processInfo(Pid pid, int messageLimit, int linkLimit) {
        ProcessCell c = lookup(pid);
        if (c == null) return Optional.empty();
        ProcessCell.Extras x = c.extras;
        List<Pid> links = x == null || x.links == null ? List.of() : List.copyOf(x.links.snapshot(linkLimit));
        List<Object> monitors = new ArrayList<>();
        List<Pid> monitoredBy = new ArrayList<>();
        int linkCount = x == null || x.links == null ? 0 : Math.max(links.size(), x.links.sizeObserved());
        int monitorCount = 0, monitoredByCount = 0;
        if (x != null) {
            OwnedSet<Watch> watches = x.watches, watchers = x.watchers;
            if (watches != null) for (Watch w : watches.snapshot(linkLimit)) monitors.add(w.object());
            if (watchers != null) for (Watch w : watchers.snapshot(linkLimit)) monitoredBy.add(w.pid());
            monitorCount = watches == null ? 0 : Math.max(monitors.size(), watches.sizeObserved());
            monitoredByCount = watchers == null ? 0 : Math.max(monitoredBy.size(), watchers.sizeObserved());
        }
        if (linkLimit == Integer.MAX_VALUE) {   // all read: the counts are the lists' own
            linkCount = links.size();
            monitorCount = monitors.size();
            monitoredByCount = monitoredBy.size();
        }
        List<Object> ancestors = new ArrayList<>();
        for (Lineage l = c.lineage; l != null; l = l.rest()) ancestors.add(l.name() != null ? Atom.of(l.name()) : l.parent());
        Behavior b = c.behaviorObserved();
        String current = c instanceof InboxCell ? "inbox" : b == null ? "" : labelOf(b);
        Scheduler on = c.runningOnObserved();
        ProcessStatus status = c.status();
        return Optional.of(new ProcessInfo(pid, status, c.messageQueueLen(), c.peekMessages(messageLimit),
                c.reductionsObserved(), c.priorityObserved(), c.trapExitObserved(), links, List.copyOf(monitors),
                List.copyOf(monitoredBy), Optional.ofNullable(x == null ? null : x.name), c.initialCall, current,
                Optional.ofNullable(c.lineage == null ? null : c.lineage.parent()), List.copyOf(ancestors),
                on != null ? on.index : c.schedulerIndexObserved(), c.memoryEstimate(), x == null ? java.util.Map.of() : x.dictionary,
                linkCount, monitorCount, monitoredByCount));
    }

    /** One entry of a process's dictionary, read without stopping it. */
    public Optional<Object> dictionaryGet(Pid pid, Object key) {
        ProcessCell c = lookup(pid);
        ProcessCell.Extras x = c == null ? null : c.extras;
        return x == null ? Optional.empty() : Optional.ofNullable(x.dictionary.get(key));
    }

    public List<ProcessSummary> processes() {
        List<ProcessSummary> out = new ArrayList<>(processCount.get() + 16);
        forEachProcess(out::add);
        return out;
    }

    public void forEachProcess(Consumer<ProcessSummary> visitor) {
        table.forEach(c -> {
            ProcessCell.Extras x = c.extras;
            visitor.accept(new ProcessSummary(c.pid, x == null ? null : x.name, c.initialCall, c.status(),
                    c.priorityObserved(), c.reductionsObserved(), c.messageQueueLen(), c.memoryEstimate(),
                    c.schedulerIndexObserved(), c.lineage == null ? null : c.lineage.parent()));
        });
    }

    public NodeSnapshot snapshot() {
        List<SchedulerSnapshot> list = new ArrayList<>(schedulers.length);
        long reds = 0, sent = externalSent.sum(), spawns = externalSpawns.sum();
        for (Scheduler s : schedulers) {
            Scheduler.Times t = s.times();
            ProcessCell cur = s.current();
            int[] q = {s.queue.length(Priority.LOW), s.queue.length(Priority.NORMAL), s.queue.length(Priority.HIGH),
                    s.queue.length(Priority.MAX)};
            ProcessCell next = s.runNext();
            if (next != null) q[next.priorityObserved().ordinal()]++;
            list.add(new SchedulerSnapshot(s.index, cur == null ? null : cur.pid, q[3], q[2], q[1], q[0],
                    t.active(), t.total(), s.contextSwitches(), s.reductions(), false, s.longSchedule(),
                    gate.paused || gate.slowNanos > 0 ? s.lastSlice() : null));
            reds += s.reductions();
            sent += s.messagesSent();
            spawns += s.spawns();
        }
        return new NodeSnapshot(clock.nanoTime(), List.copyOf(list), processCount.get(), config.processLimit(), spawns,
                exits.sum(), sent, reds, gate.paused, gate.slowNanos, timers.size(), events.droppedTotal.sum(),
                dirty.snapshot());
    }

    public NodeConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Closes the node, like {@code erlang:halt/0}: every process is gone at once. No exit signals, DOWN
     * messages or terminate callbacks run (there is nobody left to receive them); afterwards no pid is
     * alive, the process count is 0 and no name is registered. Inboxes waiting in receive wake and throw
     * {@link IllegalStateException} ("node closed"), and so does every later command (see {@link Node}).
     *
     * <p>Then it waits for the schedulers and the timer thread to end, {@link #CLOSE_WAIT_NANOS} in all
     * (not per thread). A scheduler stuck in a handler that never returns (a Java loop) cannot be
     * stopped: Java has no safe way to stop a thread. Close gives up waiting for it, renames the
     * thread ("… (node closed, stuck in a handler)"), and the thread, a daemon, ends as soon as the
     * handler returns to the scheduler: the flag every slice checks ends the slice and the loop. While it
     * runs, the handler's sends go nowhere and its spawns throw. Returns at once on a second call, or
     * when called from a scheduler thread it does not wait for that thread.
     */
    public void close() {
        if (!closing.compareAndSet(false, true)) return;
        stopping = true;
        java.lang.invoke.VarHandle.fullFence(); // the Dekker pair of admitted(): flag first, then the table
        timers.stop();
        table.forEach(c -> {
            if (table.remove(c)) processCount.decrementAndGet();
            if (c instanceof InboxCell i) i.nodeClosed();
        });
        names.clear();
        gate.failSteps(closed()); // steps still waiting for a slice: as every call on a closed node
        for (Scheduler s : schedulers) java.util.concurrent.locks.LockSupport.unpark(s.thread);
        timerThread.interrupt();
        if (watermarkThread != null) java.util.concurrent.locks.LockSupport.unpark(watermarkThread);
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        List<Thread> threads = new ArrayList<>();
        for (Scheduler s : schedulers) threads.add(s.thread);
        threads.add(timerThread);
        for (Thread t : threads) {
            if (t == Thread.currentThread()) continue;
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread t : threads) {
            if (t.isAlive() && t != Thread.currentThread()) {
                try {
                    t.setName(t.getName() + " (node closed, stuck in a handler)");
                } catch (SecurityException ignored) {
                    // the name is only a hint
                }
            }
        }
    }

    /**
     * A ring of the latest exits, so an inspector can show why a process it showed has died. Writers
     * claim a slot with one atomic increment and publish an immutable record; no lock on the exit path.
     */
    private static final class RecentExits {
        private record Entry(Pid pid, Object reason) {}

        private final java.util.concurrent.atomic.AtomicReferenceArray<Entry> ring;
        private final AtomicLong next = new AtomicLong();

        RecentExits(int size) {
            ring = new java.util.concurrent.atomic.AtomicReferenceArray<>(size);
        }

        void add(Pid p, Object reason) {
            ring.setRelease((int) (next.getAndIncrement() % ring.length()), new Entry(p, reason));
        }

        Optional<Object> find(Pid p) {
            for (int i = 0; i < ring.length(); i++) {
                Entry e = ring.getAcquire(i);
                if (e != null && e.pid().equals(p)) return Optional.of(e.reason());
            }
            return Optional.empty();
        }
    }
}
