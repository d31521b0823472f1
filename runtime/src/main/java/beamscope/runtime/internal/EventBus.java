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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans runtime events out to subscriptions. With no subscriber every hook is one volatile read of an
 * empty array and a branch. A subscriber's buffer is bounded; a full buffer drops and counts.
 */
final class EventBus {
    private static final Sub[] NONE = new Sub[0];

    private final NodeRuntime rt;
    private volatile Sub[] subs = NONE;
    final AtomicLong droppedTotal = new AtomicLong();

    EventBus(NodeRuntime rt) {
        this.rt = rt;
    }

    boolean active() {
        return subs.length != 0;
    }

    synchronized EventSubscription subscribe(EventFilter filter, int capacity) {
        Sub s = new Sub(filter, capacity);
        Sub[] a = Arrays.copyOf(subs, subs.length + 1);
        a[subs.length] = s;
        subs = a;
        return s;
    }

    private synchronized void unsubscribe(Sub s) {
        Sub[] a = subs;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == s) {
                Sub[] b = new Sub[a.length - 1];
                System.arraycopy(a, 0, b, 0, i);
                System.arraycopy(a, i + 1, b, i, a.length - i - 1);
                subs = b.length == 0 ? NONE : b;
                return;
            }
        }
    }

    private void emit(Class<? extends Event> kind, Pid pid, Pid other, java.util.function.LongFunction<Event> make) {
        Sub[] a = subs;
        Event e = null;
        for (Sub s : a) {
            if (!s.filter.wantsKind(kind)) continue;
            if (!s.filter.wantsPid(pid) && (other == null || !s.filter.wantsPid(other))) continue;
            if (e == null) e = make.apply(rt.clock.nanoTime());
            s.offer(e);
        }
    }

    void spawned(ProcessCell c, Pid parent) {
        if (subs.length != 0) emit(Event.Spawn.class, c.pid, parent, t -> new Event.Spawn(t, c.pid, parent, c.initialCall));
    }

    void exited(ProcessCell c, Object reason) {
        if (subs.length != 0) emit(Event.Exit.class, c.pid, null, t -> new Event.Exit(t, c.pid, reason));
    }

    void linked(ProcessCell c, Pid other, boolean on) {
        if (subs.length == 0) return;
        if (on) emit(Event.Link.class, c.pid, other, t -> new Event.Link(t, c.pid, other));
        else emit(Event.Unlink.class, c.pid, other, t -> new Event.Unlink(t, c.pid, other));
    }

    void monitored(ProcessCell c, Pid target, Ref ref) {
        if (subs.length != 0) emit(Event.Monitor.class, c.pid, target, t -> new Event.Monitor(t, c.pid, target, ref));
    }

    void down(ProcessCell c, Signal.Down d) {
        if (subs.length != 0)
            emit(Event.Down.class, c.pid, null, t -> new Event.Down(t, c.pid, d.object(), d.ref(), d.reason()));
    }

    void sent(Pid from, Pid to, Object msg) {
        if (subs.length != 0) emit(Event.Send.class, from, to, t -> new Event.Send(t, from, to, msg));
    }

    void received(ProcessCell c, Object msg) {
        if (subs.length != 0) emit(Event.Receive.class, c.pid, null, t -> new Event.Receive(t, c.pid, msg));
    }

    void registered(ProcessCell c, String name, boolean on) {
        if (subs.length == 0) return;
        if (on) emit(Event.Register.class, c.pid, null, t -> new Event.Register(t, c.pid, name));
        else emit(Event.Unregister.class, c.pid, null, t -> new Event.Unregister(t, c.pid, name));
    }

    void scheduled(ProcessCell c, int scheduler, boolean in) {
        if (subs.length == 0) return;
        if (in) emit(Event.ScheduleIn.class, c.pid, null, t -> new Event.ScheduleIn(t, c.pid, scheduler));
        else emit(Event.ScheduleOut.class, c.pid, null, t -> new Event.ScheduleOut(t, c.pid, scheduler));
    }

    void report(Pid pid, Atom kind, Object details) {
        if (subs.length != 0) emit(Event.Report.class, pid, null, t -> new Event.Report(t, pid, kind, details));
    }

    private final class Sub implements EventSubscription {
        final EventFilter filter;
        final ArrayBlockingQueue<Event> buffer;
        final AtomicLong dropped = new AtomicLong();

        Sub(EventFilter filter, int capacity) {
            this.filter = filter;
            this.buffer = new ArrayBlockingQueue<>(Math.max(1, capacity));
        }

        void offer(Event e) {
            if (!buffer.offer(e)) {
                dropped.incrementAndGet();
                droppedTotal.incrementAndGet();
            }
        }

        @Override
        public int drainTo(List<Event> into, int max) {
            return buffer.drainTo(into, max);
        }

        @Override
        public long dropped() {
            return dropped.get();
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
