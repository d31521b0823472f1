package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Clock;
import beamscope.runtime.Event;
import beamscope.runtime.Tuple;
import java.time.Duration;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's one timer service: send_after, cancel_timer and receive timeouts. One thread owns a binary
 * heap ordered by (deadline, seq), so timers with equal deadlines fire in the order they were set, and a
 * million timers cost a million small objects, not threads. A timer fires by delivering a message or
 * signal; when the node is paused the message waits in the mailbox, so timers are late rather than out
 * of order.
 *
 * <h2>Protocol (lock-free; the heap is the timer thread's alone)</h2>
 * <pre>
 * schedule (any thread):  push the timer onto {@code inbox}, a lock-free stack (one CAS); then, if its
 *                         deadline is before {@code wakeAt}, unpark the timer thread
 * cancel (any thread):    CAS state PENDING -> CANCELLED; nothing else. The timer stays in the heap (or the
 *                         inbox) as a shell (its destination and payload are dropped) and is skipped when it
 *                         falls due: lazy cancel, O(1), so killing a million sleepers does no heap work
 * timer thread:           when the inbox holds a due timer (each node carries the earliest deadline at
 *                         and below it), take it whole (getAndSet null), give each timer its seq in push
 *                         order, sift it into the heap; pop due timers, skipping cancelled ones; fire each
 *                         by CAS PENDING -> FIRED (a cancel that won first keeps it from firing); publish
 *                         {@code wakeAt} (the earlier of the heap's head and the inbox's earliest), look at
 *                         the inbox once more, then park until then
 * </pre>
 * Invariants: a timer fires at most once, and never after a cancel that succeeded (one CAS on
 * {@code state} decides between them: cancel_timer's answer is exact). Only the timer thread touches the
 * heap, {@code seq} and {@code cancelsSeen}.
 *
 * <p>Wake-ups: {@code wakeAt} is {@link Long#MIN_VALUE} while the timer thread is awake (it reads the
 * inbox's earliest deadline before it parks again, so nobody need wake it), else the deadline it sleeps
 * until. Dekker
 * between a producer (CAS on {@code inbox}, then a volatile read of {@code wakeAt}) and the timer thread
 * (a volatile write of {@code wakeAt}, then a volatile read of {@code inbox}): one of the two sees the
 * other, so a timer earlier than the sleep is never missed, and a timer later than it (a million
 * sleepers spawned in a row) wakes nobody.
 *
 * <p>Garbage: cancelled shells are counted ({@code cancels}, a {@link LongAdder} the cancellers add to;
 * {@code cancelsSeen}, the ones the timer thread has dropped). When more than half the heap (and at
 * least {@link #PURGE_MIN}) is shells, the timer thread rebuilds the heap without them in O(n), so the
 * heap stays within twice the live timers; while shells wait, it looks at least every second.
 * Memory consistency: what a thread did before {@link #schedule} happens-before the timer's firing
 * (the inbox CAS and the thread's {@code getAndSet}); a cancel's CAS orders it with the firing CAS.
 */
final class TimerService implements Runnable {

    /** A timer. {@code state} moves once, from PENDING to FIRED (timer thread) or CANCELLED (canceller). */
    static final class Timer {
        static final int PENDING = 0, FIRED = 1, CANCELLED = 2;
        /** The cancel_timer id of a user timer ({@code send_after}); 0 for a receive timeout. */
        final long id;
        final long deadline;
        /** ProcessCell, Pid or String name; dropped (null) by a successful cancel, with the payload. */
        Object dest;
        Object payload;
        volatile int state;
        /** Push order, set by the timer thread as it takes the timer from the inbox. */
        long seq;
        /** The next older timer in the inbox stack (written before the push CAS). */
        Timer next;
        /** In the inbox: the earliest deadline of this timer and all below it (written before the push CAS). */
        long earliest;

        Timer(long id, long deadline, Object dest, Object payload) {
            this.id = id;
            this.deadline = deadline;
            this.dest = dest;
            this.payload = payload;
        }

        boolean before(Timer o) {
            return deadline < o.deadline || (deadline == o.deadline && seq < o.seq);
        }
    }

    private static final Atom TIMERS = Atom.of("timers");
    /** Shells below this many are never purged early: a rebuild must pay for itself. */
    static final int PURGE_MIN = 4096;
    private static final long AWAKE = Long.MIN_VALUE;
    private static final long GARBAGE_LOOK_NANOS = 1_000_000_000L;

    private final NodeRuntime rt;
    private final Clock clock;
    private volatile Timer inbox;
    private volatile long wakeAt = AWAKE;
    private volatile Thread thread;
    private final AtomicLong userIds = new AtomicLong();
    private final ConcurrentHashMap<Long, Timer> userTimers = new ConcurrentHashMap<>();
    /** Timers set and neither fired nor cancelled: what {@link #size()} reports. */
    private final LongAdder pending = new LongAdder();
    private final LongAdder cancels = new LongAdder();
    private volatile boolean stopping;

    // the timer thread's own
    private Timer[] heap = new Timer[64];
    private int size;
    private long seq;
    private long cancelsSeen;
    /** Taken from the inbox, oldest first, not yet in the heap (see {@link #drain}). */
    private Timer held;

    TimerService(NodeRuntime rt, Clock clock) {
        this.rt = rt;
        this.clock = clock;
        clock.onAdvance(this::poke);
    }

    /** A receive timeout (any thread): delivers {@code payload} to {@code dest} at {@code deadline}. */
    Timer schedule(long deadline, Object dest, Object payload) {
        Timer t = new Timer(0, deadline, dest, payload);
        push(t);
        return t;
    }

    long scheduleUser(Duration delay, Object dest, Object payload) {
        long deadline = Deadlines.after(clock.nanoTime(), Deadlines.nanos(delay)); // NEVER: kept, cancellable
        Timer t = new Timer(userIds.incrementAndGet(), deadline, dest, payload);
        userTimers.put(t.id, t); // before it can fire: the firing removes it
        push(t);
        return t.id;
    }

    private void push(Timer t) {
        pending.increment();
        for (;;) {
            Timer h = inbox;
            t.next = h;
            t.earliest = h == null ? t.deadline : Math.min(t.deadline, h.earliest);
            if (INBOX.compareAndSet(this, h, t)) break;
        }
        if (t.deadline < wakeAt) { // volatile read after the CAS: the Dekker pair of the timer thread's park
            Thread th = thread;
            if (th != null) LockSupport.unpark(th);
        }
    }

    /** Lazy cancel (any thread): the timer will not fire; it stays as a shell until it falls due. */
    void cancel(Timer t) {
        cancelled(t);
    }

    /** True if this call cancelled {@code t} (it had neither fired nor been cancelled). */
    private boolean cancelled(Timer t) {
        if (t.state != Timer.PENDING || !STATE.compareAndSet(t, Timer.PENDING, Timer.CANCELLED)) return false;
        t.dest = null; // the shell holds nothing: not the process, not the message
        t.payload = null;
        pending.decrement();
        cancels.increment();
        return true;
    }

    /** cancel_timer: the time that was left, or empty when the timer already fired or was cancelled. */
    Optional<Duration> cancelUser(long id) {
        Timer t = userTimers.remove(id);
        if (t == null || !cancelled(t)) return Optional.empty();
        return Optional.of(Duration.ofNanos(Math.max(0, Deadlines.left(t.deadline, clock.nanoTime()))));
    }

    /** Timers set and neither fired nor cancelled (a recent value). */
    int size() {
        return (int) Math.max(0, pending.sum());
    }

    private void poke() {
        Thread th = thread;
        if (th != null) LockSupport.unpark(th);
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

    /**
     * Takes new timers from the inbox, pops due ones (skipping cancelled shells) and fires them, then
     * publishes when it will wake, looks at the inbox once more and parks.
     */
    private void loop(Timer[] due) {
        thread = Thread.currentThread();
        while (!stopping) {
            long now = clock.nanoTime();
            // The inbox is drained only when something in it is due (its head carries the earliest deadline
            // in it) or to drop shells: a storm of later timers (a million sleepers) stays stacked, instead of
            // keeping this thread busy beside the schedulers. Drained before popping: deadline order holds.
            Timer in = inbox;
            if (in != null && in.earliest <= now) drain();
            if (cancels.sum() - cancelsSeen > Math.max(PURGE_MIN, size / 2)) { // mostly shells: rebuild
                drain();
                purge();
            }
            int n = 0;
            while (size > 0 && heap[0].deadline <= now && n < due.length) {
                Timer t = heap[0];
                removeHead();
                if (t.state == Timer.PENDING) due[n++] = t;
                else cancelsSeen++;
            }
            if (heap.length > 64 && size < heap.length / 4) heap = Arrays.copyOf(heap, heap.length / 2);
            if (n > 0) {
                for (int i = 0; i < n; i++) {
                    fire(due[i]);
                    due[i] = null;
                }
                continue;
            }
            in = inbox;
            long until = Math.min(size == 0 ? Deadlines.NEVER : heap[0].deadline, in == null ? Deadlines.NEVER : in.earliest);
            if (until <= now) continue;
            wakeAt = until; // volatile write, then the volatile read of inbox: the Dekker pair of push()
            if (inbox == in && !stopping) { // else pushed meanwhile: look again
                long left = clock.isManual() ? Deadlines.NEVER : Deadlines.left(until, now);
                long shells = cancels.sum() - cancelsSeen;
                if (shells > 0 && size + shells >= PURGE_MIN) left = Math.min(left, GARBAGE_LOOK_NANOS); // look again
                if (left == Deadlines.NEVER) LockSupport.park(this);
                else if (left > 0) LockSupport.parkNanos(this, left);
            }
            wakeAt = AWAKE;
        }
    }

    /**
     * Moves the inbox into the heap, oldest first, giving each timer its seq; drops cancelled ones. What
     * was taken and is not yet in the heap waits in {@code held}, so an error here (out of memory while the
     * heap grows) loses no timer: the next round goes on from there.
     */
    private void drain() {
        if (held == null) {
            Timer h = (Timer) INBOX.getAndSet(this, (Timer) null);
            Timer oldest = null;
            while (h != null) { // reverse: newest-first stack to push order
                Timer nx = h.next;
                h.next = oldest;
                oldest = h;
                h = nx;
            }
            held = oldest;
        }
        while (held != null) {
            Timer t = held;
            if (t.state == Timer.PENDING) {
                t.seq = ++seq;
                insert(t);
            } else {
                cancelsSeen++;
            }
            held = t.next;
            t.next = null;
        }
    }

    /** Rebuilds the heap without cancelled shells (O(n)). */
    private void purge() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            Timer t = heap[i];
            if (t.state == Timer.PENDING) heap[kept++] = t;
            else cancelsSeen++;
        }
        java.util.Arrays.fill(heap, kept, size, null);
        size = kept;
        for (int i = (size >>> 1) - 1; i >= 0; i--) siftDown(i);
        if (heap.length > 64 && size < heap.length / 4) heap = Arrays.copyOf(heap, Math.max(64, heap.length / 2));
    }

    /** Fires {@code t} unless a cancel won its state first. */
    private void fire(Timer t) {
        if (!STATE.compareAndSet(t, Timer.PENDING, Timer.FIRED)) { // cancelled since it was taken off the heap
            cancelsSeen++;
            return;
        }
        pending.decrement();
        if (t.id != 0) userTimers.remove(t.id);
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

    // ------------------------------------------------------------ binary heap (the timer thread's own)

    private void insert(Timer t) {
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        heap[size] = t;
        siftUp(size++);
    }

    private void removeHead() {
        size--;
        Timer moved = heap[size];
        heap[size] = null;
        if (size > 0) {
            heap[0] = moved;
            siftDown(0);
        }
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!t.before(p)) break;
            heap[i] = p;
            i = parent;
        }
        heap[i] = t;
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
            i = c;
        }
        heap[i] = t;
    }

    private static final VarHandle INBOX, STATE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            INBOX = l.findVarHandle(TimerService.class, "inbox", Timer.class);
            STATE = l.findVarHandle(Timer.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
