package beamscope.runtime.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * One scheduler thread and its run queue.
 *
 * <pre>
 * loop:  wait at the gate if the node is paused (a step permit lets one slice through)
 *        take the next process from the own queue, else steal one, else spin a little, then park
 *        run one slice: budget = reduction budget; the process runs until it waits (parks itself),
 *        spends the budget (back of this queue) or exits
 * </pre>
 * Invariants: a process is in at most one run queue or run by exactly one scheduler. A woken process
 * goes back to the queue of the scheduler it last ran on; it moves only when an idle scheduler steals
 * it. Stealing takes from a queue holding two or more processes, or one process that has been waiting
 * behind the same slice for a whole spin round, so that partners that message each other stay together.
 *
 * <p>Counters are written by this thread only, with plain writes during a slice and one release
 * write at the slice's end; snapshots read them without stopping anything.
 */
final class Scheduler implements Runnable {

    private static final long SPIN_NANOS = 50_000;
    private static final long YIELD_NANOS = 200_000;

    final NodeRuntime rt;
    final int index;
    final RunQueue queue = new RunQueue();
    Thread thread;

    /** Reductions left in the current slice; processes charge it through their context. */
    int budget;

    volatile boolean parked;
    volatile ProcessCell current;
    /** Incremented at every dispatch; thieves use it to see a scheduler stuck in one long slice. */
    volatile long dispatches;

    // published counters (monotonic)
    volatile long reductions;
    volatile long contextSwitches;
    volatile long idleNanos;
    volatile long messagesSent;
    volatile long spawns;

    long pendingSent, pendingSpawns;
    private final long[] seenDispatches;

    Scheduler(NodeRuntime rt, int index, int count) {
        this.rt = rt;
        this.index = index;
        this.seenDispatches = new long[count];
    }

    @Override
    public void run() {
        NodeRuntime.CURRENT.set(this);
        Gate gate = rt.gate;
        while (!rt.stopping) {
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
            }
            runSlice(p);
            if (gate.slowNanos > 0) gate.slowDown(this);
        }
    }

    void runSlice(ProcessCell p) {
        current = p;
        dispatches = dispatches + 1;
        budget = rt.config.reductionBudget();
        p.schedulerIndex = index;
        rt.events.scheduled(p, index, true);
        int result = p.runSlice(this);
        int used = rt.config.reductionBudget() - budget;
        current = null;
        reductions = reductions + Math.max(used, 1);
        contextSwitches = contextSwitches + 1;
        if (pendingSent != 0) { messagesSent = messagesSent + pendingSent; pendingSent = 0; }
        if (pendingSpawns != 0) { spawns = spawns + pendingSpawns; pendingSpawns = 0; }
        if (result == ProcessCell.REQUEUE) {
            rt.events.scheduled(p, index, false);
            queue.push(p);
            if (queue.size() >= 2) rt.wakeIdle(this);
        }
    }

    private ProcessCell steal() {
        Scheduler[] all = rt.schedulers;
        int n = all.length;
        for (int i = 1; i < n; i++) {
            Scheduler v = all[(index + i) % n];
            int size = v.queue.size();
            if (size == 0) continue;
            long d = v.dispatches;
            boolean stuck = d == seenDispatches[v.index];
            seenDispatches[v.index] = d;
            if (size >= 2 || stuck || v.parked) {
                ProcessCell p = v.queue.poll();
                if (p != null) {
                    if (v.queue.size() >= 2) rt.wakeIdle(v); // more left: let another idle scheduler help
                    return p;
                }
            }
        }
        return null;
    }

    /** Nothing to run: spin, then yield, then park until someone pushes work or the gate opens. */
    private void idle() {
        long start = System.nanoTime();
        try {
            for (int i = 0; ; i++) {
                if (queue.size() > 0 || rt.stopping || rt.gate.paused) return;
                long elapsed = System.nanoTime() - start;
                if ((i & 7) == 7) {
                    ProcessCell p = steal();
                    if (p != null) {
                        idleNanos = idleNanos + (System.nanoTime() - start);
                        start = System.nanoTime();
                        runSlice(p);
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
                // Dekker with push(): we publish parked=true, then look; a pusher adds, then looks at parked.
                if (queue.size() == 0 && !rt.stopping && !rt.gate.paused && !rt.anyStealable(this)) {
                    LockSupport.park(this);
                }
            } finally {
                rt.parkedCount.decrementAndGet();
                parked = false;
            }
        } finally {
            idleNanos = idleNanos + (System.nanoTime() - start);
        }
    }

    void unpark() {
        if (parked) LockSupport.unpark(thread);
    }
}
