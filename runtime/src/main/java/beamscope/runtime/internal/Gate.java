package beamscope.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Demo controls for all schedulers: pause, single-step one time slice, resume, slow motion (a delay after
 * every slice, on the node's clock).
 * A paused scheduler finishes its current slice and then takes nothing new; messages and timers keep
 * arriving in mailboxes, so nothing is lost or reordered. A step permit lets exactly one slice run
 * on the first paused scheduler that has work in its own queue.
 */
final class Gate {
    private final NodeRuntime rt;
    volatile boolean paused;
    volatile long slowNanos;
    /** Whether a manual clock's advances wake held schedulers; registered on first use of slow motion. */
    private final AtomicBoolean listening = new AtomicBoolean();
    private final AtomicInteger permits = new AtomicInteger();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> steps = new ConcurrentLinkedQueue<>();
    /** The slice the last step ran, or null before the first. */
    volatile beamscope.runtime.SteppedSlice lastStep;

    Gate(NodeRuntime rt) {
        this.rt = rt;
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
        wakeAll();
    }

    CompletableFuture<Void> step() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        steps.add(f);
        permits.incrementAndGet();
        // Dekker with close(): it sets stopping, then fails what is queued; we queue, then read stopping
        // (the queue's CAS is a full fence). Either close sees our future or we see stopping: none is left.
        if (rt.stopping) failSteps(rt.closed());
        else wakeAll();
        return f;
    }

    /** The node closed: every step still waiting fails with {@code closed} (from {@link NodeRuntime#close}). */
    void failSteps(IllegalStateException closed) {
        for (CompletableFuture<Void> f; (f = steps.poll()) != null; ) f.completeExceptionally(closed);
    }

    void slowMotion(long nanos) {
        if (nanos > 0 && !listening.getAndSet(true)) rt.clock.onAdvance(() -> { if (slowNanos > 0) wakeAll(); });
        slowNanos = Math.max(0, nanos);
        wakeAll();
    }

    private void wakeAll() {
        for (Scheduler s : rt.schedulers) if (s.thread != null) LockSupport.unpark(s.thread);
    }

    /** Paused: run one slice if a permit is free and this scheduler has work; otherwise wait. */
    ProcessCell awaitSlice(Scheduler s) {
        while (paused && !rt.stopping) {
            if (s.queue.size() > 0 && takePermit()) {
                ProcessCell p = s.queue.poll();
                if (p != null) {
                    long before = p.reductions;        // written by the thread running p: this one
                    beamscope.runtime.Priority queue = p.priority();
                    s.runSlice(p);
                    // published (volatile) before the step's future completes: its callbacks see it
                    lastStep = new beamscope.runtime.SteppedSlice(p.pid, s.index, queue, p.reductions - before);
                    CompletableFuture<Void> f = steps.poll();
                    if (f != null) f.complete(null);
                    return null;
                }
                permits.incrementAndGet();
            }
            LockSupport.park(this);
        }
        return null;
    }

    private boolean takePermit() {
        for (;;) {
            int n = permits.get();
            if (n == 0) return false;
            if (permits.compareAndSet(n, n - 1)) return true;
        }
    }

    /**
     * Holds the scheduler for the slow-motion delay after a slice, measured on the node's clock: with a
     * manual clock the next slice waits until the clock has been moved by the delay (an advance wakes it).
     */
    void slowDown(Scheduler s) {
        long end = Deadlines.after(rt.clock.nanoTime(), slowNanos);
        for (;;) {
            long left = Deadlines.left(end, rt.clock.nanoTime());
            long slow = slowNanos;
            if (left <= 0 || slow == 0 || rt.stopping) return;
            LockSupport.parkNanos(this, Math.min(left, slow));
        }
    }

    /** A push to a paused node must wake a scheduler only if a step is waiting for work. */
    void onWork() {
        if (permits.get() > 0) wakeAll();
    }
}
