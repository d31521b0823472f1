package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Clock;
import beamscope.runtime.Event;
import beamscope.runtime.Tuple;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node's one timer service: send_after, cancel_timer and receive timeouts. One thread and an
 * indexed binary heap ordered by (deadline, id), so timers with equal deadlines fire in the order they
 * were set, a cancel removes its entry at once (no garbage piles up), and a million timers cost a
 * million small objects, not threads. A timer fires by delivering a message or signal; when the node
 * is paused the message waits in the mailbox, so timers are late rather than out of order.
 */
final class TimerService implements Runnable {

    /** A pending timer. {@code index} is its heap slot, -1 once fired or cancelled. */
    static final class Timer {
        final long id;
        final long deadline;
        final Object dest; // ProcessCell, Pid or String name
        final Object payload;
        int index = -1;

        Timer(long id, long deadline, Object dest, Object payload) {
            this.id = id;
            this.deadline = deadline;
            this.dest = dest;
            this.payload = payload;
        }

        boolean before(Timer o) {
            return deadline < o.deadline || (deadline == o.deadline && id < o.id);
        }
    }

    private static final Atom TIMERS = Atom.of("timers");

    private final NodeRuntime rt;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Timer[] heap = new Timer[64];
    private int size;
    private long nextId = 1;
    private final Map<Long, Timer> userTimers = new HashMap<>();
    private volatile boolean stopping;

    TimerService(NodeRuntime rt, Clock clock) {
        this.rt = rt;
        this.clock = clock;
        clock.onAdvance(this::poke);
    }

    Timer schedule(long deadline, Object dest, Object payload) {
        lock.lock();
        try {
            Timer t = new Timer(nextId++, deadline, dest, payload);
            insert(t);
            if (t.index == 0) changed.signal();
            return t;
        } finally {
            lock.unlock();
        }
    }

    long scheduleUser(Duration delay, Object dest, Object payload) {
        long deadline = Deadlines.after(clock.nanoTime(), Deadlines.nanos(delay)); // NEVER: kept, cancellable
        lock.lock();
        try {
            Timer t = schedule(deadline, dest, payload);
            userTimers.put(t.id, t);
            return t.id;
        } finally {
            lock.unlock();
        }
    }

    void cancel(Timer t) {
        lock.lock();
        try {
            if (t.index >= 0) removeAt(t.index);
        } finally {
            lock.unlock();
        }
    }

    /** cancel_timer: the time that was left, or empty when the timer already fired or was cancelled. */
    Optional<Duration> cancelUser(long id) {
        lock.lock();
        try {
            Timer t = userTimers.remove(id);
            if (t == null || t.index < 0) return Optional.empty();
            removeAt(t.index);
            return Optional.of(Duration.ofNanos(Math.max(0, Deadlines.left(t.deadline, clock.nanoTime()))));
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    private void poke() {
        lock.lock();
        try {
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        stopping = true;
        poke();
    }

    /**
     * The thread's body: the timer loop, resumed on the same thread after anything that escapes it (an
     * error in the loop itself: a failing clock, an {@code OutOfMemoryError}). Each such error is reported
     * as a {@code timer_crashed} alarm; timers already taken off the heap for firing are still fired,
     * and the rest stay in the heap, so none is lost. Errors that repeat within a second back off (2 ms
     * doubling to 1 s). Returns only when the node stops.
     */
    @Override
    public void run() {
        Timer[] due = new Timer[256];
        long lastCrash = 0;
        int streak = 0;
        for (;;) {
            try {
                loop(due);
                return;
            } catch (Throwable t) {
                try {
                    for (int i = 0; i < due.length && due[i] != null; i++) { // taken off the heap, not yet fired
                        fire(due[i]);
                        due[i] = null;
                    }
                    try {
                        rt.alarm(null, Event.TIMER_CRASHED, t, Tuple.of(TIMERS, (long) size()));
                    } catch (Throwable ignored) {
                        // reporting failed too: the loop goes on regardless
                    }
                    long now = System.nanoTime();
                    streak = lastCrash != 0 && now - lastCrash < 1_000_000_000L ? streak + 1 : 0;
                    lastCrash = now;
                    if (streak > 0 && !stopping) java.util.concurrent.locks.LockSupport.parkNanos(this, 1_000_000L << Math.min(streak, 10));
                } catch (Throwable again) {
                    // out of memory even here: the loop goes on all the same
                }
            }
        }
    }

    /** Takes due timers off the heap under the lock, fires them outside it, waits for the next deadline. */
    private void loop(Timer[] due) {
        while (!stopping) {
            int n = 0;
            lock.lock();
            try {
                long now = clock.nanoTime();
                while (size > 0 && heap[0].deadline <= now && n < due.length) {
                    Timer t = heap[0];
                    removeAt(0);
                    if (!(t.payload instanceof Signal)) userTimers.remove(t.id);
                    due[n++] = t;
                }
                if (n == 0) {
                    try {
                        if (size == 0 || clock.isManual()) changed.await();
                        else changed.awaitNanos(Deadlines.left(heap[0].deadline, now));
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < n; i++) {
                fire(due[i]);
                due[i] = null;
            }
        }
    }

    private void fire(Timer t) {
        try {
            switch (t.dest) {
                case ProcessCell c -> c.deliver(t.payload);
                case beamscope.runtime.Pid p -> rt.sendFromService(p, t.payload);
                case String name -> rt.sendToNameFromService(name, t.payload);
                default -> { }
            }
        } catch (Throwable e) { // one failed delivery (even out of memory) must not stop the others
            try {
                NodeRuntime.LOG.log(System.Logger.Level.ERROR, "timer delivery failed", e);
            } catch (Throwable ignored) {
                // nothing more can be said
            }
        }
    }

    // ------------------------------------------------------------ indexed binary heap (under lock)

    private void insert(Timer t) {
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        heap[size] = t;
        t.index = size;
        siftUp(size++);
    }

    private void removeAt(int i) {
        Timer removed = heap[i];
        removed.index = -1;
        size--;
        if (i == size) {
            heap[size] = null;
            return;
        }
        Timer moved = heap[size];
        heap[size] = null;
        heap[i] = moved;
        moved.index = i;
        siftDown(i);
        if (heap[i] == moved) siftUp(i);
        if (heap.length > 64 && size < heap.length / 4) heap = Arrays.copyOf(heap, heap.length / 2);
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!t.before(p)) break;
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && heap[r].before(heap[c])) c = r;
            if (!heap[c].before(t)) break;
            heap[i] = heap[c];
            heap[i].index = i;
            i = c;
        }
        heap[i] = t;
        t.index = i;
    }
}
