package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Priority;
import beamscope.runtime.SteppedSlice;
import beamscope.runtime.Tuple;
import java.util.concurrent.locks.LockSupport;

/**
 * One scheduler thread and its run queue.
 *
 * <pre>
 * loop:  wait at the gate if the node is paused (a step permit lets one slice through)
 *        take the next process from the own queue, else steal one, else spin a little, then park
 *        run one slice: budget = reduction budget; the process runs until it waits (parks itself),
 *        spends the budget (back of this queue), exits, or reaches blocking work (handed to a dirty
 *        scheduler, which makes it runnable again when the work returns)
 * </pre>
 * Invariants: a process is in at most one run queue or runNext slot, or run by exactly one scheduler.
 * A process woken by a running process takes the waker's runNext slot (see {@link NodeRuntime#makeRunnable});
 * woken from outside or by a timer, it joins the queue of the scheduler it last ran on, and if that
 * scheduler is in a slice a parked scheduler is woken to look. It moves only when an idle scheduler
 * steals it. Stealing takes from a queue holding two or more processes, or, from a scheduler still in
 * the same slice (same dispatch count) as at the thief's previous look a whole spin round earlier, the
 * lone queued process, or the runNext process once that slice has lasted a spin phase (50 µs) since the
 * thief first saw it. So partners that message each other stay together, while
 * a slice that does not end (Java code that blocks or loops without charging reductions) holds nobody
 * else. A scheduler that stays busy never steals, and a runNext slot wakes nobody by itself: so the
 * {@link SystemMonitor} also moves whatever waits on a scheduler stuck in one slice for a tick (10 ms)
 * to the other schedulers ({@link #surrender}).
 *
 * <p>runNext protocol: only the owner sets it (a release write, so a thief that takes the process sees
 * what the waker wrote); the owner takes it with {@code getAndSet}, a thief with a CAS from the process
 * it read to null, so exactly one of them gets it.
 *
 * <p>Crashes: an error escaping the loop (never a process's own: that ends the process) is caught by
 * {@link #run}, which puts back what the scheduler held (its runNext process and the process in hand,
 * or, if even that push fails, keeps them in stranded slots queued at the next round), so the invariant
 * above holds through the error; then it reports a {@code scheduler_crashed} alarm and loops again.
 * After the node closes ({@code rt.stopping}), a slice ends at its next step and the loop returns.
 *
 * <p>Counters are written by this thread only, with plain writes during a slice and one release
 * write at the slice's end; snapshots read them without stopping anything. Idle time is the exception:
 * its two fields change together under a seqlock (see {@link #times}).
 */
final class Scheduler implements Runnable {

    private static final long SPIN_NANOS = 50_000;
    /**
     * Reductions the running process may still spend while a process it woke waits in {@code runNext}.
     * After that the woken process goes to the run queue, where an idle scheduler can steal it: a waker
     * that keeps running (a poller, a loop that sends and computes) must not hold it for a whole slice.
     */
    static final int RUN_NEXT_GRACE = 20;
    private static final long YIELD_NANOS = 200_000;

    final NodeRuntime rt;
    final int index;
    final RunQueue queue = new RunQueue();
    Thread thread;

    /** Reductions left in the current slice; processes charge it through their context. */
    int budget;

    /**
     * True from just before this scheduler parks until a waker claims its wake-up ({@link #unpark}: a CAS
     * true -> false, so one unpark per parking, however many pushes see it) or it wakes by itself.
     */
    volatile boolean parked;
    /** Published with opaque writes (no fence on the hot path); read with {@link #current()}. */
    private ProcessCell current;
    /** A process woken by the running one, to run next on the rest of the slice (owner only). */
    private ProcessCell runNext;
    /** The slice's budget beyond the runNext grace, held back while runNext is taken (owner only). */
    private int heldBudget;
    /** Incremented at every dispatch; thieves use it to see a scheduler stuck in one long slice. */
    private long dispatches;
    /** The dispatch the {@link SystemMonitor} reported as a long schedule (written by its thread only). */
    private volatile long longScheduleDispatch = -1;

    // published counters (monotonic, opaque writes by this thread only)
    private long reductions;
    private long contextSwitches;
    private long messagesSent;
    // Idle accounting (a seqlock; written by this thread only): idleNanos is the idle periods ended so
    // far, idleSince the start of the current one (NOT_IDLE when busy). idleSeq is odd while they change;
    // a reader retries until it has read both between two equal even values of idleSeq.
    private static final long NOT_IDLE = Long.MIN_VALUE;
    private long idleNanos;
    private long idleSince = NOT_IDLE;
    private long idleSeq;
    /** When this scheduler was made: the start of its total time. */
    final long startedNanos = System.nanoTime();
    private long spawns;

    long pendingSent, pendingSpawns;
    /**
     * This scheduler's trace clock (see {@link EventBus}, "Trace stamps"): written by its thread only, plain;
     * read by another scheduler (opaque) when a process moves from here to there.
     */
    long traceClock = 1;
    /** The stamp given to the receive whose handler runs now (0: none); this thread only. */
    long traceReceived;

    long traceClockObserved() {
        return (long) TRACE_CLOCK.getOpaque(this);
    }
    private final long[] seenDispatches;
    /** When this thief first saw each scheduler's current dispatch count. */
    private final long[] seenAt;

    Scheduler(NodeRuntime rt, int index, int count) {
        this.rt = rt;
        this.index = index;
        this.seenDispatches = new long[count];
        this.seenAt = new long[count];
    }

    /** A scheduler's thread: knows its scheduler, so the wake path finds it without a thread-local. */
    static final class Worker extends Thread {
        final Scheduler scheduler;

        Worker(Scheduler scheduler, String name) {
            super(scheduler, name);
            this.scheduler = scheduler;
        }
    }

    /** The scheduler whose thread is calling, or null for any other thread. */
    static Scheduler calling() {
        return Thread.currentThread() instanceof Worker w ? w.scheduler : null;
    }

    /**
     * The thread's body: the scheduler loop, resumed on the same thread after anything that escapes it.
     * Processes' own errors never get here (they end their process in {@link ProcessCell#runSlice});
     * what does is an error in the runtime's code around them (an {@code OutOfMemoryError} while queueing,
     * a failing clock or event hook, an exit that failed part way). The thread catches it, puts back
     * what it held ({@link #survive}), reports it as a {@code scheduler_crashed} alarm and goes on: a
     * Java thread that has caught a Throwable is as good as a new one, so nothing needs replacing.
     * It returns only when the node stops.
     */
    @Override
    public void run() {
        for (;;) {
            try {
                loop();
                return;
            } catch (Throwable t) {
                try {
                    survive(t);
                } catch (Throwable again) {
                    // survive() does not throw, but a StackOverflowError or OutOfMemoryError can strike
                    // anywhere, even here: the loop goes on all the same
                }
            }
        }
    }

    private void loop() {
        Gate gate = rt.gate;
        while (!rt.stopping) {
            if (stranded != null || strandedNext != null) restoreStranded();
            ProcessCell p;
            if (gate.paused) {
                p = gate.awaitSlice(this);
                if (p == null) continue;
            } else {
                p = queue.poll();
                if (p == null) p = steal();
                if (p == null) {
                    idle();
                    continue;
                }
                if (gate.paused) { // paused while we were taking it: put it back where it was
                    queue.pushFront(p);
                    continue;
                }
            }
            runSlice(p);
            if (gate.slowNanos > 0) gate.slowDown(this);
        }
    }

    /**
     * Runs one time slice of {@code p}. A process that {@code p} wakes on this scheduler waits in
     * {@code runNext} rather than the queue; when {@code p} parks, it runs at once on the rest of the
     * same budget (one slice shared by the chain, so two processes messaging each other cannot starve
     * the queue). When the budget is spent, or a higher-priority process waits, it joins the queue.
     * While runNext is taken, the waker runs on at most {@link #RUN_NEXT_GRACE} reductions (the rest is
     * held back); if it spends them without waiting, the woken process moves to the queue, stealable.
     */
    void runSlice(ProcessCell p) {
        budget = rt.config.reductionBudget();
        if (rt.events.tracing()) rt.events.traceRunStarts(this);
        for (;;) {
            dispatch(p);
            ProcessCell q = takeRunNext();
            if (q == null) return;
            if (budget > 0 && !rt.gate.paused && q.priority >= queue.highestWaiting()) {
                p = q;
                continue;
            }
            queue.push(q);
            if (queue.size() >= 2) rt.wakeIdle(this);
            return;
        }
    }

    private void dispatch(ProcessCell p) {
        CURRENT.setOpaque(this, p);
        DISPATCHES.setOpaque(this, dispatches + 1);
        int start = budget;
        Gate gate = rt.gate;
        // only a slowed or paused node keeps its last slice (one allocation per slice, few slices then)
        int from = gate.slowNanos > 0 || gate.paused ? p.priority : -1;
        rt.events.scheduled(p, index, true); // before schedulerIndex moves: a trace reads where p ran last
        p.schedulerIndex = index;
        int result = p.runSlice(this);
        budget += heldBudget; // p parked or ended within the grace: the chain goes on with the whole rest
        heldBudget = 0;
        int used = start - budget;
        if (from >= 0) lastSlice = new SteppedSlice(p.pid, index, PRIORITIES[from], Math.max(used, 1));
        CURRENT.setOpaque(this, (ProcessCell) null);
        REDUCTIONS.setOpaque(this, reductions + Math.max(used, 1));
        CONTEXT_SWITCHES.setOpaque(this, contextSwitches + 1);
        if (pendingSent != 0) { MESSAGES_SENT.setOpaque(this, messagesSent + pendingSent); pendingSent = 0; }
        if (pendingSpawns != 0) { SPAWNS.setOpaque(this, spawns + pendingSpawns); pendingSpawns = 0; }
        if (result == ProcessCell.DIRTY) {
            rt.dirty.run(p); // after CURRENT is cleared: never shown on two lanes; our last touch of p
        } else if (result == ProcessCell.REQUEUE) {
            try {
                rt.events.scheduled(p, index, false);
            } finally { // even if the hook fails (see run()): p is in no one's hands but ours
                ProcessCell woken = takeRunNext();
                if (woken != null) queue.push(woken); // woken during this slice: it goes ahead of the process that used it up
                queue.push(p);
                if (queue.size() >= 2) rt.wakeIdle(this);
            }
        }
    }

    /**
     * Processes this scheduler owns but failed to queue when recovering (the push itself ran out of
     * memory): queued at the top of the next loop round, so none is left owned by nobody (owner only).
     */
    private ProcessCell stranded, strandedNext;

    private void restoreStranded() {
        if (strandedNext != null) {
            queue.push(strandedNext);
            strandedNext = null;
        }
        if (stranded != null) {
            queue.pushFront(stranded);
            stranded = null;
        }
    }

    /** When the last error escaped the loop, and how many came less than a second apart (owner only). */
    private long lastCrash;
    private int crashStreak;

    /**
     * Recovers from {@code t}, which escaped the loop. What this scheduler held is put back so nothing
     * is lost or owned twice: a process in {@code runNext} goes to the run queue; the process in hand
     * goes back to the front of the queue if its slice had not started ({@code runningOn == null}: the
     * error came from the schedule-in hook), else its slice failed in the runtime's own code and it is
     * ended with {@code {error, stacktrace}} (A2), unless its exit had already begun, which then stays
     * as far as it got (only an error inside the exit itself, such as running out of memory while
     * sending exit signals, leads there). Then the alarm. Errors that repeat within a second back off
     * (2 ms doubling to 1 s) so a persistent one does not spin. Never throws.
     */
    private static final Atom NONE = Atom.of("none"), REQUEUED = Atom.of("requeued"), EXITED = Atom.of("exited"),
            EXIT_UNFINISHED = Atom.of("exit_unfinished"), FAILED = Atom.of("failed"), SCHEDULER = Atom.of("scheduler"),
            RECOVERY = Atom.of("recovery");

    private void survive(Throwable t) {
        Atom recovery = NONE;
        ProcessCell p = null;
        try {
            p = current();
            ProcessCell q = takeRunNext(); // a thief may take it meanwhile: the slot is a CAS now
            CURRENT.setOpaque(this, (ProcessCell) null);
            heldBudget = 0;
            if (q != null) {
                strandedNext = q; // held here until it is in the queue: a push can fail too (out of memory)
                queue.push(q);
                strandedNext = null;
            }
            if (p != null) {
                if (p.runningOn == null) {
                    stranded = p;
                    queue.pushFront(p);
                    stranded = null;
                    recovery = REQUEUED;
                } else {
                    recovery = p.abandon(t) ? EXITED : EXIT_UNFINISHED;
                }
            }
        } catch (Throwable again) {
            recovery = FAILED;
        }
        try {
            rt.alarm(null, Event.SCHEDULER_CRASHED, t, Tuple.of(SCHEDULER, (long) index + 1),
                    Tuple.of(Atom.PROCESS, p == null ? Atom.NIL : p.pid), Tuple.of(RECOVERY, recovery));
        } catch (Throwable ignored) {
            // reporting failed too (out of memory): the scheduler goes on regardless
        }
        long now = System.nanoTime();
        crashStreak = lastCrash != 0 && now - lastCrash < 1_000_000_000L ? crashStreak + 1 : 0;
        lastCrash = now;
        if (crashStreak > 0 && !rt.stopping) LockSupport.parkNanos(this, 1_000_000L << Math.min(crashStreak, 10));
    }

    /**
     * Takes {@code c}, just woken by the process this scheduler is running, as the next to run.
     * Only this scheduler's thread calls it, inside a slice. Returns false if the slot is taken.
     */
    boolean offerRunNext(ProcessCell c) {
        if (runNext() != null || current() == null) return false; // only a thief clears it meanwhile
        RUN_NEXT.setRelease(this, c);
        if (budget > RUN_NEXT_GRACE) {
            heldBudget = budget - RUN_NEXT_GRACE;
            budget = RUN_NEXT_GRACE;
        }
        return true;
    }

    /**
     * Called by the running process when its budget is spent. If only the runNext grace is spent, the
     * woken process moves to the run queue (stealable, and an idle scheduler is woken for it), the held
     * budget comes back, and the caller goes on: returns true. Returns false when the slice is over.
     */
    boolean graceSpent() {
        if (heldBudget <= 0) return false;
        budget += heldBudget;
        heldBudget = 0;
        ProcessCell q = takeRunNext();
        if (q != null) {
            queue.push(q);
            rt.wakeIdle(this);
        }
        return true;
    }

    /** Owner only: empties the runNext slot; null if it was empty or a thief took the process. */
    private ProcessCell takeRunNext() {
        return runNext() == null ? null : (ProcessCell) RUN_NEXT.getAndSet(this, (ProcessCell) null);
    }

    ProcessCell runNext() {
        return (ProcessCell) RUN_NEXT.getOpaque(this);
    }

    /**
     * Another thread's take from this scheduler, stuck in one slice: the runNext process (a CAS, as a
     * thief takes it), else the most urgent queued one; null when nothing waits.
     */
    ProcessCell surrender() {
        ProcessCell next = runNext();
        if (next != null && RUN_NEXT.compareAndSet(this, next, (ProcessCell) null)) return next;
        return queue.poll();
    }

    private ProcessCell steal() {
        if (rt.gate.paused) return null;
        Scheduler[] all = rt.schedulers;
        int n = all.length;
        for (int i = 1; i < n; i++) {
            Scheduler v = all[(index + i) % n];
            int size = v.queue.size();
            ProcessCell next = v.runNext();
            if (size == 0 && next == null) continue;
            long d = v.dispatches();
            boolean stuck = d == seenDispatches[v.index];
            if (!stuck) {
                seenDispatches[v.index] = d;
                seenAt[v.index] = System.nanoTime(); // idle here: the clock costs nobody
            }
            if (size >= 2 || (size == 1 && (stuck || v.parked))) {
                ProcessCell p = v.queue.poll();
                if (p != null) {
                    if (v.queue.size() >= 2) rt.wakeIdle(v); // more left: let another idle scheduler help
                    return p;
                }
            }
            // the slice that woke it has not ended for a whole spin phase: take it from the waker (a waker
            // that works a few µs before it waits keeps its partner)
            if (stuck && next != null && System.nanoTime() - seenAt[v.index] >= SPIN_NANOS
                    && RUN_NEXT.compareAndSet(v, next, (ProcessCell) null)) return next;
        }
        return null;
    }

    /** Nothing to run: spin, then yield, then park until someone pushes work or the gate opens. */
    private void idle() {
        long start = System.nanoTime();
        beginIdle(start);
        try {
            for (int i = 0; ; i++) {
                if (queue.size() > 0 || rt.stopping || rt.gate.paused) return;
                long elapsed = System.nanoTime() - start;
                if ((i & 7) == 7) {
                    ProcessCell p = steal();
                    if (p != null && rt.gate.paused) {
                        queue.pushFront(p);
                        return;
                    }
                    if (p != null) {
                        endIdle(System.nanoTime());
                        runSlice(p);
                        start = System.nanoTime();
                        beginIdle(start);
                        continue;
                    }
                }
                if (elapsed < SPIN_NANOS) Thread.onSpinWait();
                else if (elapsed < YIELD_NANOS) Thread.yield();
                else break;
            }
            parked = true;
            rt.parkedCount.incrementAndGet();
            try {
                // Dekker with makeRunnable(): we publish parked=true and increment parkedCount (a full fence),
                // then look at every queue; a pusher adds, fences, then looks at parked / parkedCount.
                if (queue.size() == 0 && !rt.stopping && !rt.gate.paused && !rt.anyStealable(this)) {
                    LockSupport.park(this);
                }
            } finally {
                rt.parkedCount.decrementAndGet();
                parked = false;
            }
        } finally {
            endIdle(System.nanoTime());
        }
    }

    private void beginIdle(long now) {
        long q = idleSeq;
        IDLE_SEQ.setOpaque(this, q + 1);
        java.lang.invoke.VarHandle.storeStoreFence(); // the odd value is visible before the fields change
        IDLE_SINCE.setOpaque(this, now);
        IDLE_SEQ.setRelease(this, q + 2);
    }

    private void endIdle(long now) {
        long q = idleSeq;
        IDLE_SEQ.setOpaque(this, q + 1);
        java.lang.invoke.VarHandle.storeStoreFence();
        IDLE_NANOS.setOpaque(this, idleNanos + Math.max(0, now - idleSince));
        IDLE_SINCE.setOpaque(this, NOT_IDLE);
        IDLE_SEQ.setRelease(this, q + 2);
    }

    ProcessCell current() {
        return (ProcessCell) CURRENT.getOpaque(this);
    }

    void markLongSchedule(long dispatch) {
        longScheduleDispatch = dispatch;
    }

    /** True while the slice under way is one the system monitor reported as a long schedule. */
    private static final Priority[] PRIORITIES = Priority.values();

    /**
     * The last slice this scheduler ran while the node was slowed or paused (a volatile write by this
     * thread after the slice, read by snapshots); null until then. Not cleared at full speed: a snapshot
     * shows it only while the node is slowed or paused.
     */
    private volatile SteppedSlice lastSlice;

    SteppedSlice lastSlice() {
        return lastSlice;
    }

    boolean longSchedule() {
        long d = longScheduleDispatch;
        return d == dispatches() && current() != null;
    }

    long dispatches() {
        return (long) DISPATCHES.getOpaque(this);
    }

    long reductions() {
        return (long) REDUCTIONS.getOpaque(this);
    }

    long contextSwitches() {
        return (long) CONTEXT_SWITCHES.getOpaque(this);
    }

    /** Active (not idle) and total time since this scheduler started, as read at one moment. */
    record Times(long active, long total) {}

    /**
     * Active and total time up to now, the idle period under way counted as idle (any thread). The clock
     * is read after the fields, so an idle period the writer ended is never later than "now": active time
     * read by successive calls never goes down.
     */
    Times times() {
        for (;;) {
            long q = (long) IDLE_SEQ.getAcquire(this);
            long idle = (long) IDLE_NANOS.getOpaque(this), since = (long) IDLE_SINCE.getOpaque(this);
            java.lang.invoke.VarHandle.loadLoadFence(); // the fields are read before idleSeq is read again
            if ((q & 1) == 0 && q == (long) IDLE_SEQ.getOpaque(this)) {
                long now = System.nanoTime();
                long total = now - startedNanos;
                if (since != NOT_IDLE) idle += Math.max(0, now - since);
                return new Times(Math.max(0, total - idle), total);
            }
            Thread.onSpinWait();
        }
    }

    long messagesSent() {
        return (long) MESSAGES_SENT.getOpaque(this);
    }

    long spawns() {
        return (long) SPAWNS.getOpaque(this);
    }

    private static final java.lang.invoke.VarHandle PARKED, RUN_NEXT, CURRENT, DISPATCHES, REDUCTIONS, CONTEXT_SWITCHES, IDLE_NANOS,
            IDLE_SINCE, IDLE_SEQ, MESSAGES_SENT, SPAWNS, TRACE_CLOCK;

    static {
        try {
            java.lang.invoke.MethodHandles.Lookup l = java.lang.invoke.MethodHandles.lookup();
            CURRENT = l.findVarHandle(Scheduler.class, "current", ProcessCell.class);
            PARKED = l.findVarHandle(Scheduler.class, "parked", boolean.class);
            RUN_NEXT = l.findVarHandle(Scheduler.class, "runNext", ProcessCell.class);
            DISPATCHES = l.findVarHandle(Scheduler.class, "dispatches", long.class);
            REDUCTIONS = l.findVarHandle(Scheduler.class, "reductions", long.class);
            CONTEXT_SWITCHES = l.findVarHandle(Scheduler.class, "contextSwitches", long.class);
            IDLE_NANOS = l.findVarHandle(Scheduler.class, "idleNanos", long.class);
            IDLE_SINCE = l.findVarHandle(Scheduler.class, "idleSince", long.class);
            IDLE_SEQ = l.findVarHandle(Scheduler.class, "idleSeq", long.class);
            MESSAGES_SENT = l.findVarHandle(Scheduler.class, "messagesSent", long.class);
            SPAWNS = l.findVarHandle(Scheduler.class, "spawns", long.class);
            TRACE_CLOCK = l.findVarHandle(Scheduler.class, "traceClock", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Wakes this scheduler if it is parked and nobody has claimed its wake-up yet: the one waker that wins
     * the CAS unparks it (a system call); every other push meanwhile sees it claimed and wakes nobody, so
     * a burst of pushes costs one wake-up, not one each. Returns true if this call woke it.
     */
    boolean unpark() {
        if (parked && PARKED.compareAndSet(this, true, false)) {
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }
}
