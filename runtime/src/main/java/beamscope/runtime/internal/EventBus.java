package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.EventTrace;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans runtime events out to subscriptions and traces. Subscriptions are indexed by event kind when they change,
 * so a hook for a kind nobody wants (sends and receives, usually) is one volatile read of the index, a flag and a
 * branch, whoever listens to other kinds. A subscriber's buffer is bounded; a full buffer drops and counts.
 *
 * <h2>Trace stamps</h2>
 * A {@link Trace} gets every kind but scheduling, written by the thread where the event happens into its own
 * {@link TraceRing} (a scheduler's, or the external one under {@link #external}'s lock), stamped with that
 * writer's clock, a hybrid of the node clock and a logical one:
 * <pre>
 * scheduler clock   owner-written; = max(itself, node clock) when a run of slices starts (one clock read per
 *                   run, not per event); other schedulers read it opaque
 * a send            its stamp goes with the message ({@link Envelope.Stamped})
 * a receive         stamp = max(clock, send's stamp + 1) when its handler starts, then clock = stamp + 1, so
 *                   that what the handler sends comes after it (it is written when the handler returns)
 * a dispatch        of a process that last ran on another scheduler: clock = max(clock, that one's clock + 1)
 *                   (read after the hand-over's acquire, so it is at least the process's last stamp there)
 * external clock    = max(itself, node clock, send's stamp + 1) per event, under the lock
 * </pre>
 * So a receive's stamp is above its send's, and a process's events on a new scheduler are above those on the old
 * one: sorting the rings' events by stamp ({@link Trace#read}, then a stable sort) keeps both orders.
 * The one assumption: a process that joins a run queue is dispatched at a node clock past its last stamp, which
 * the +1 steps (a few nanoseconds ahead of the clock at most) do not outrun in the time a hand-over takes.
 */
final class EventBus {
    private static final Sub[] NONE = new Sub[0];
    private static final Trace[] NO_TRACES = new Trace[0];

    /** Every event kind, in a fixed order: its index selects the subscriptions that want it. */
    private static final List<Class<? extends Event>> KINDS = List.of(Event.Spawn.class, Event.Exit.class,
            Event.Link.class, Event.Unlink.class, Event.Monitor.class, Event.Down.class, Event.Send.class,
            Event.Receive.class, Event.Register.class, Event.Unregister.class, Event.ScheduleIn.class,
            Event.ScheduleOut.class, Event.Report.class, Event.SystemMonitor.class);

    private final NodeRuntime rt;
    private volatile Sub[] subs = NONE;
    /**
     * {@code byKind[k]}: the subscriptions that want {@code KINDS.get(k)}; {@code traces}: the open traces;
     * {@code any[k]}: someone wants kind k (a subscription, or a trace for every kind but scheduling). Rebuilt
     * whole on every change, read once per hook.
     */
    private record Index(Sub[][] byKind, Trace[] traces, boolean[] any) {}

    private volatile Index index = new Index(emptyIndex(), NO_TRACES, new boolean[KINDS.size()]);
    /** The external ring's writer lock, and its clock (guarded by it). */
    private final Object external = new Object();
    private long externalClock = 1;
    /** Drops of every subscription: counted from every scheduler at once, so an adder, not one contended word. */
    final java.util.concurrent.atomic.LongAdder droppedTotal = new java.util.concurrent.atomic.LongAdder();

    EventBus(NodeRuntime rt) {
        this.rt = rt;
    }

    synchronized EventSubscription subscribe(EventFilter filter, int capacity) {
        Sub s = new Sub(filter, capacity);
        Sub[] a = Arrays.copyOf(subs, subs.length + 1);
        a[subs.length] = s;
        subs = a;
        reindex();
        return s;
    }

    private static Sub[][] emptyIndex() {
        Sub[][] idx = new Sub[KINDS.size()][];
        Arrays.fill(idx, NONE);
        return idx;
    }

    private void reindex() {
        reindex(index.traces);
    }

    private void reindex(Trace[] traces) {
        Sub[][] idx = new Sub[KINDS.size()][];
        boolean[] any = new boolean[KINDS.size()];
        for (int k = 0; k < idx.length; k++) {
            Class<? extends Event> kind = KINDS.get(k);
            idx[k] = Arrays.stream(subs).filter(s -> s.filter.wantsKind(kind)).toArray(Sub[]::new);
            any[k] = idx[k].length > 0 || (traces.length > 0 && k != SCHEDULE_OUT); // ScheduleIn: see scheduled()
        }
        index = new Index(idx, traces, any);
    }

    synchronized EventTrace trace(int capacity) {
        Trace t = new Trace(this, rt.schedulers.length, capacity);
        Trace[] a = Arrays.copyOf(index.traces, index.traces.length + 1);
        a[a.length - 1] = t;
        reindex(a);
        return t;
    }

    synchronized void untrace(Trace t) {
        Trace[] a = Arrays.stream(index.traces).filter(x -> x != t).toArray(Trace[]::new);
        reindex(a.length == 0 ? NO_TRACES : a);
    }

    /** Someone traces: the schedulers keep their clocks. One volatile read. */
    boolean tracing() {
        return index.traces.length != 0;
    }

    /** A run of slices starts on {@code s}: its clock moves up to the node clock. */
    void traceRunStarts(Scheduler s) {
        long now = rt.clock.nanoTime();
        if (now > s.traceClock) s.traceClock = now;
    }

    /** {@code p}, which last ran on scheduler {@code last}, is dispatched on {@code s}. */
    void traceDispatch(Scheduler s, int last) {
        if (last == s.index || last < 0 || last >= rt.schedulers.length) return;
        long c = rt.schedulers[last].traceClockObserved();
        if (c >= s.traceClock) s.traceClock = c + 1;
    }

    /** The external clock for an event now; {@code after}: a stamp it must pass (0 for none). Under the lock. */
    private long externalStamp(long after) {
        long t = Math.max(externalClock, rt.clock.nanoTime());
        if (after >= t) t = after + 1;
        return externalClock = t;
    }

    /** A rare event into the traces, from whatever thread it happens on. */
    private void trace(Trace[] traces, java.util.function.LongFunction<Event> make) {
        if (traces.length == 0) return;
        Scheduler s = Scheduler.calling();
        if (s != null && s.rt == rt) {
            Event e = make.apply(s.traceClock);
            for (Trace t : traces) t.rings[s.index].event(e);
        } else {
            synchronized (external) {
                Event e = make.apply(externalStamp(0));
                for (Trace t : traces) t.external().event(e);
            }
        }
    }

    private synchronized void unsubscribe(Sub s) {
        Sub[] a = subs;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == s) {
                Sub[] b = new Sub[a.length - 1];
                System.arraycopy(a, 0, b, 0, i);
                System.arraycopy(a, i + 1, b, i, a.length - i - 1);
                subs = b.length == 0 ? NONE : b;
                reindex();
                return;
            }
        }
    }

    private void emit(Sub[] a, Pid pid, Pid other, java.util.function.LongFunction<Event> make) {
        Event e = null;
        for (Sub s : a) {
            // a node-level event (no pid) goes to every subscription of its kind
            if (pid != null && !s.wants(pid) && (other == null || !s.wants(other))) continue;
            // a full buffer drops before the event is built or the buffer's lock taken: a subscriber to
            // sends that drains a few times a second costs a busy node little between its drains
            if (s.full()) {
                s.drop();
                continue;
            }
            if (e == null) e = make.apply(rt.clock.nanoTime());
            s.offer(e);
        }
    }

    private static final int SPAWN = 0, EXIT = 1, LINK = 2, UNLINK = 3, MONITOR = 4, DOWN = 5, SEND = 6,
            RECEIVE = 7, REGISTER = 8, UNREGISTER = 9, SCHEDULE_IN = 10, SCHEDULE_OUT = 11, REPORT = 12,
            SYSTEM_MONITOR = 13;

    // Each hook reads the index once and returns at once when no one wants its kind, before building anything.

    void spawned(ProcessCell c, Pid parent) {
        Index x = index;
        if (!x.any[SPAWN]) return;
        Sub[] a = x.byKind[SPAWN];
        // set_on_spawn: the child of a followed process is followed from here, before it first runs
        if (parent != null) for (Sub s : a) if (s.inherited != null && s.wants(parent)) s.inherited.add(c.pid);
        emit(a, c.pid, parent, t -> new Event.Spawn(t, c.pid, parent, c.initialCall));
        trace(x.traces, t -> new Event.Spawn(t, c.pid, parent, c.initialCall));
    }

    void exited(ProcessCell c, Object reason) {
        Index x = index;
        if (!x.any[EXIT]) return;
        Sub[] a = x.byKind[EXIT];
        emit(a, c.pid, null, t -> new Event.Exit(t, c.pid, reason));
        for (Sub s : a) if (s.inherited != null) s.inherited.remove(c.pid);
        trace(x.traces, t -> new Event.Exit(t, c.pid, reason));
    }

    void linked(SignalCell c, Pid other, boolean on) {
        int k = on ? LINK : UNLINK;
        Index x = index;
        if (!x.any[k]) return;
        java.util.function.LongFunction<Event> make = on ? t -> new Event.Link(t, c.pid, other) : t -> new Event.Unlink(t, c.pid, other);
        emit(x.byKind[k], c.pid, other, make);
        trace(x.traces, make);
    }

    void monitored(SignalCell c, Pid target, Ref ref) {
        Index x = index;
        if (!x.any[MONITOR]) return;
        java.util.function.LongFunction<Event> make = t -> new Event.Monitor(t, c.pid, target, ref);
        emit(x.byKind[MONITOR], c.pid, target, make);
        trace(x.traces, make);
    }

    void down(SignalCell c, Signal.Down d) {
        Index x = index;
        if (!x.any[DOWN]) return;
        java.util.function.LongFunction<Event> make = t -> new Event.Down(t, c.pid, d.object(), d.ref(), d.reason());
        emit(x.byKind[DOWN], c.pid, null, make);
        trace(x.traces, make);
    }

    /**
     * A send from {@code s} (null: from outside any scheduler). Returns the stamp its message must carry
     * ({@link Mailbox#deliver(Object, long)}), or 0 when no one traces.
     */
    long sent(Scheduler s, Pid from, Pid to, Object msg) {
        Index x = index;
        if (!x.any[SEND]) return 0;
        return sentTraced(x, s, from, to, msg);
    }

    private long sentTraced(Index x, Scheduler s, Pid from, Pid to, Object msg) {
        Sub[] a = x.byKind[SEND];
        if (a.length != 0) emit(a, from, to, t -> new Event.Send(t, from, to, msg));
        Trace[] traces = x.traces;
        if (traces.length == 0) return 0;
        if (to.node() != 0 || from.node() != 0) { // not a local pid number: as a rare event
            trace(traces, t -> new Event.Send(t, from, to, msg));
            return 0;
        }
        if (s != null && s.thread == Thread.currentThread()) { // from.runningOn: one of this node's
            long t = s.traceClock;
            for (Trace tr : traces) tr.rings[s.index].send(t, from.id(), to.id(), msg);
            return t;
        }
        synchronized (external) {
            long t = externalStamp(0);
            for (Trace tr : traces) tr.external().send(t, from.id(), to.id(), msg);
            return t;
        }
    }

    /**
     * {@code c} on {@code s} is about to run its receive handler on {@code e}. Returns 0 when no one follows
     * receives (one volatile read, no clock read); else the clock for the bus's event (1 when it has no
     * subscriber). A trace's stamp for the receive is taken now, past the send's, and {@code s}'s clock moves one
     * past it, so that what the handler sends sorts after the receive; the receive itself is written when the
     * handler has taken the message ({@link #received(Scheduler, ProcessCell, Object, long)}).
     */
    long receiving(Scheduler s, ProcessCell c, Envelope e) {
        Index x = index;
        if (!x.any[RECEIVE]) return 0;
        return receivingTraced(x, s, e);
    }

    private long receivingTraced(Index x, Scheduler s, Envelope e) {
        long taken = x.byKind[RECEIVE].length == 0 ? 1 : rt.clock.nanoTime();
        if (x.traces.length != 0) {
            long t = s.traceClock;
            if (e instanceof Envelope.Stamped st && st.stamp >= t) t = st.stamp + 1;
            s.traceReceived = t;
            s.traceClock = t + 1;
        }
        return taken;
    }

    /**
     * The handler took the message. The bus's event carries {@code taken}, when the handler started, so it
     * sorts before what the handler sent, though it is offered after those sends (a reader that wants causal
     * order sorts by {@link Event#nanos()}); so does a trace's.
     */
    void received(Scheduler s, ProcessCell c, Object msg, long taken) {
        if (taken != 0) receivedFollowed(s, c, msg, taken); // small enough to inline into the receive loop
    }

    private void receivedFollowed(Scheduler s, ProcessCell c, Object msg, long taken) {
        Index x = index;
        Sub[] a = x.byKind[RECEIVE];
        if (a.length != 0) emit(a, c.pid, null, t -> new Event.Receive(taken == 1 ? t : taken, c.pid, msg));
        Trace[] traces = x.traces;
        if (traces.length == 0) return;
        long t = s.traceReceived;
        if (t == 0) t = s.traceClock; // tracing began while the handler ran
        s.traceReceived = 0;
        for (Trace tr : traces) tr.rings[s.index].receive(t, c.pid.id(), msg);
    }

    /** A receive outside the schedulers ({@link InboxCell}). */
    void received(ProcessCell c, Envelope e) {
        Index x = index;
        if (!x.any[RECEIVE]) return;
        Object msg = e.payload;
        Sub[] a = x.byKind[RECEIVE];
        if (a.length != 0) emit(a, c.pid, null, t -> new Event.Receive(t, c.pid, msg));
        Trace[] traces = x.traces;
        if (traces.length == 0) return;
        synchronized (external) {
            long t = externalStamp(e instanceof Envelope.Stamped st ? st.stamp : 0);
            for (Trace tr : traces) tr.external().receive(t, c.pid.id(), msg);
        }
    }

    void registered(ProcessCell c, String name, boolean on) {
        int k = on ? REGISTER : UNREGISTER;
        Index x = index;
        if (!x.any[k]) return;
        java.util.function.LongFunction<Event> make = on ? t -> new Event.Register(t, c.pid, name)
                : t -> new Event.Unregister(t, c.pid, name);
        emit(x.byKind[k], c.pid, null, make);
        trace(x.traces, make);
    }

    /**
     * Not traced: one pair per slice, the most frequent events by far, and not needed to rebuild a moment. But a
     * trace hooks the dispatch here ({@code in}, before {@code c.schedulerIndex} moves to {@code scheduler}): a
     * process that moves to another scheduler takes the clock of the one it left ({@link #traceDispatch}).
     */
    void scheduled(ProcessCell c, int scheduler, boolean in) {
        Index x = index;
        if (x.any[in ? SCHEDULE_IN : SCHEDULE_OUT]) scheduledFollowed(x, c, scheduler, in); // small enough to inline
    }

    private void scheduledFollowed(Index x, ProcessCell c, int scheduler, boolean in) {
        if (in && x.traces.length != 0) traceDispatch(rt.schedulers[scheduler], c.schedulerIndex);
        Sub[] a = x.byKind[in ? SCHEDULE_IN : SCHEDULE_OUT];
        if (a.length == 0) return;
        if (in) emit(a, c.pid, null, t -> new Event.ScheduleIn(t, c.pid, scheduler));
        else emit(a, c.pid, null, t -> new Event.ScheduleOut(t, c.pid, scheduler));
    }

    void report(Pid pid, Atom kind, Object details) {
        Index x = index;
        if (!x.any[REPORT]) return;
        java.util.function.LongFunction<Event> make = t -> new Event.Report(t, pid, kind, details);
        emit(x.byKind[REPORT], pid, null, make);
        trace(x.traces, make);
    }

    /** A node-level alarm ({@link Event.SystemMonitor}); {@code pid} may be null. */
    void systemMonitor(Pid pid, Atom kind, Object details) {
        Index x = index;
        if (!x.any[SYSTEM_MONITOR]) return;
        java.util.function.LongFunction<Event> make = t -> new Event.SystemMonitor(t, pid, kind, details);
        emit(x.byKind[SYSTEM_MONITOR], pid, null, make);
        trace(x.traces, make);
    }

    private final class Sub implements EventSubscription {
        final EventFilter filter;
        final ArrayBlockingQueue<Event> buffer;
        final java.util.concurrent.atomic.LongAdder dropped = new java.util.concurrent.atomic.LongAdder();
        final int capacity;
        /** The processes followed because a followed one spawned them (set_on_spawn), until they exit. */
        final java.util.Set<Pid> inherited;

        Sub(EventFilter filter, int capacity) {
            this.filter = filter;
            this.capacity = Math.max(1, capacity);
            this.buffer = new ArrayBlockingQueue<>(this.capacity);
            // set_on_spawn needs the Spawn and Exit hooks to see the children come and go
            this.inherited = filter.setOnSpawn() && !filter.pids().isEmpty() && filter.wantsKind(Event.Spawn.class)
                    && filter.wantsKind(Event.Exit.class) ? java.util.concurrent.ConcurrentHashMap.newKeySet() : null;
        }

        boolean wants(Pid pid) {
            return filter.wantsPid(pid) || (inherited != null && inherited.contains(pid));
        }

        /** Events in the buffer, as offers and drains count them (a moment behind the buffer at worst). */
        final AtomicInteger held = new AtomicInteger();

        boolean full() {
            return held.get() >= capacity;
        }

        void offer(Event e) {
            if (buffer.offer(e)) held.incrementAndGet();
            else drop();
        }

        void drop() {
            dropped.increment();
            droppedTotal.increment();
        }

        @Override
        public int drainTo(List<Event> into, int max) {
            int n = buffer.drainTo(into, max);
            held.addAndGet(-n);
            return n;
        }

        @Override
        public long dropped() {
            return dropped.sum();
        }

        @Override
        public EventFilter filter() {
            return filter;
        }

        @Override
        public void close() {
            unsubscribe(this);
        }
    }
}
