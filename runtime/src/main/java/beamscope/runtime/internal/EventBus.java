package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans runtime events out to subscriptions. Subscriptions are indexed by event kind when they change, so
 * a hook for a kind nobody wants (sends and receives, usually) is one volatile read of an empty array and
 * a branch, whoever listens to other kinds. A subscriber's buffer is bounded; a full buffer drops and counts.
 */
final class EventBus {
    private static final Sub[] NONE = new Sub[0];

    /** Every event kind, in a fixed order: its index selects the subscriptions that want it. */
    private static final List<Class<? extends Event>> KINDS = List.of(Event.Spawn.class, Event.Exit.class,
            Event.Link.class, Event.Unlink.class, Event.Monitor.class, Event.Down.class, Event.Send.class,
            Event.Receive.class, Event.Register.class, Event.Unregister.class, Event.ScheduleIn.class,
            Event.ScheduleOut.class, Event.Report.class, Event.SystemMonitor.class);

    private final NodeRuntime rt;
    private volatile Sub[] subs = NONE;
    /** {@code byKind[k]}: the subscriptions that want {@code KINDS.get(k)}; rebuilt on (un)subscribe. */
    private volatile Sub[][] byKind = emptyIndex();
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
        Sub[][] idx = new Sub[KINDS.size()][];
        for (int k = 0; k < idx.length; k++) {
            Class<? extends Event> kind = KINDS.get(k);
            idx[k] = Arrays.stream(subs).filter(s -> s.filter.wantsKind(kind)).toArray(Sub[]::new);
        }
        byKind = idx;
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

    // Each hook reads the subscriptions for its kind and returns at once when there are none, before
    // building anything.

    void spawned(ProcessCell c, Pid parent) {
        Sub[] a = byKind[SPAWN];
        if (a.length == 0) return;
        // set_on_spawn: the child of a followed process is followed from here, before it first runs
        if (parent != null) for (Sub s : a) if (s.inherited != null && s.wants(parent)) s.inherited.add(c.pid);
        emit(a, c.pid, parent, t -> new Event.Spawn(t, c.pid, parent, c.initialCall));
    }

    void exited(ProcessCell c, Object reason) {
        Sub[] a = byKind[EXIT];
        if (a.length == 0) return;
        emit(a, c.pid, null, t -> new Event.Exit(t, c.pid, reason));
        for (Sub s : a) if (s.inherited != null) s.inherited.remove(c.pid);
    }

    void linked(SignalCell c, Pid other, boolean on) {
        Sub[] a = byKind[on ? LINK : UNLINK];
        if (a.length == 0) return;
        if (on) emit(a, c.pid, other, t -> new Event.Link(t, c.pid, other));
        else emit(a, c.pid, other, t -> new Event.Unlink(t, c.pid, other));
    }

    void monitored(SignalCell c, Pid target, Ref ref) {
        Sub[] a = byKind[MONITOR];
        if (a.length != 0) emit(a, c.pid, target, t -> new Event.Monitor(t, c.pid, target, ref));
    }

    void down(SignalCell c, Signal.Down d) {
        Sub[] a = byKind[DOWN];
        if (a.length != 0) emit(a, c.pid, null, t -> new Event.Down(t, c.pid, d.object(), d.ref(), d.reason()));
    }

    void sent(Pid from, Pid to, Object msg) {
        Sub[] a = byKind[SEND];
        if (a.length != 0) emit(a, from, to, t -> new Event.Send(t, from, to, msg));
    }

    void received(ProcessCell c, Object msg) {
        Sub[] a = byKind[RECEIVE];
        if (a.length != 0) emit(a, c.pid, null, t -> new Event.Receive(t, c.pid, msg));
    }

    /**
     * The clock when a process starts handling a message, for {@link #received(ProcessCell, Object, long)}:
     * 0 without a subscription for receives (one volatile read, no clock read).
     */
    long receiveStamp() {
        return byKind[RECEIVE].length == 0 ? 0 : rt.clock.nanoTime();
    }

    /**
     * A receive whose handler ran before the event could be sent (it may leave the message in the
     * mailbox): the event carries {@code taken}, when the handler started, so it sorts before what the
     * handler sent. The event is still offered after those sends; a reader that wants causal order sorts
     * by {@link Event#nanos()}.
     */
    void received(ProcessCell c, Object msg, long taken) {
        Sub[] a = byKind[RECEIVE];
        if (a.length != 0) emit(a, c.pid, null, t -> new Event.Receive(taken == 0 ? t : taken, c.pid, msg));
    }

    void registered(ProcessCell c, String name, boolean on) {
        Sub[] a = byKind[on ? REGISTER : UNREGISTER];
        if (a.length == 0) return;
        if (on) emit(a, c.pid, null, t -> new Event.Register(t, c.pid, name));
        else emit(a, c.pid, null, t -> new Event.Unregister(t, c.pid, name));
    }

    void scheduled(ProcessCell c, int scheduler, boolean in) {
        Sub[] a = byKind[in ? SCHEDULE_IN : SCHEDULE_OUT];
        if (a.length == 0) return;
        if (in) emit(a, c.pid, null, t -> new Event.ScheduleIn(t, c.pid, scheduler));
        else emit(a, c.pid, null, t -> new Event.ScheduleOut(t, c.pid, scheduler));
    }

    void report(Pid pid, Atom kind, Object details) {
        Sub[] a = byKind[REPORT];
        if (a.length != 0) emit(a, pid, null, t -> new Event.Report(t, pid, kind, details));
    }

    /** A node-level alarm ({@link Event.SystemMonitor}); {@code pid} may be null. */
    void systemMonitor(Pid pid, Atom kind, Object details) {
        Sub[] a = byKind[SYSTEM_MONITOR];
        if (a.length != 0) emit(a, pid, null, t -> new Event.SystemMonitor(t, pid, kind, details));
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
