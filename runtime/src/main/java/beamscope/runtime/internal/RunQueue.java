package beamscope.runtime.internal;

import beamscope.runtime.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * One scheduler's run queue (F4, F13, F14): a max queue, a high queue, and one FIFO shared by normal
 * and low processes. Between queues the order is strict. In the shared queue a low process starts
 * with {@code RESCHEDULE_LOW = 8} turns; each time it reaches the head with turns left (and is not
 * the last entry) it loses one and goes to the tail, so it runs on its eighth turn.
 *
 * <p>Protocol: every access to the queues holds {@code lock}, a spin lock (BEAM also locks its run
 * queues), held for a few operations on an {@link ArrayDeque} and never around anything that can block
 * or call out. Acquiring is one CAS 0 -> 1 (a full fence: the holder sees everything the previous holder
 * wrote); releasing is a release write of 0. A contended acquire spins briefly, then yields: on a
 * machine with fewer cores than runnable threads the holder may have been descheduled, and a thread
 * that parks (as {@code ReentrantLock} does) costs the next unlock a wake-up, a system call, on every
 * contended push. The owner takes from it; any thread may push (wake-ups by processes, timers and
 * outside senders, spawns, dirty schedulers giving a process back) and an idle scheduler may steal. A
 * pusher that is not the owner then wakes a parked scheduler if the owner is in a slice (see
 * {@link NodeRuntime#makeRunnable}): the owner may be blocked in Java code and never come back for it. The per-priority lengths are written under the lock with opaque writes and
 * read without it ({@link #size()}, {@link #length}): each a recent value, their sum not atomic (F16).
 */
final class RunQueue {
    static final int RESCHEDULE_LOW = 8;
    private static final int LOW = 0, NORMAL = 1, HIGH = 2, MAX = 3;
    private static final VarHandle LENS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle LOCK;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(RunQueue.class, "lock", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The spin lock: 1 while held. */
    private volatile int lock;
    private static final int SPINS = 64;
    private final ArrayDeque<ProcessCell> max = new ArrayDeque<>();
    private final ArrayDeque<ProcessCell> high = new ArrayDeque<>();
    private final ArrayDeque<ProcessCell> normalLow = new ArrayDeque<>(256);
    /** Queue lengths by priority ordinal. */
    private final int[] lens = new int[4];

    void push(ProcessCell p) {
        lock();
        try {
            int prio = p.priority;
            switch (prio) {
                case MAX -> max.addLast(p);
                case HIGH -> high.addLast(p);
                case LOW -> { p.scheduleCount = RESCHEDULE_LOW; normalLow.addLast(p); }
                default -> { p.scheduleCount = 1; normalLow.addLast(p); }
            }
            add(prio, 1);
        } finally {
            unlock();
        }
    }

    /** Puts back a process just taken by {@link #poll()}, at the head, where it was. */
    void pushFront(ProcessCell p) {
        lock();
        try {
            int prio = p.priority;
            switch (prio) {
                case MAX -> max.addFirst(p);
                case HIGH -> high.addFirst(p);
                default -> normalLow.addFirst(p);
            }
            add(prio, 1);
        } finally {
            unlock();
        }
    }

    /** The next process to run, or null. */
    ProcessCell poll() {
        lock();
        try {
            ProcessCell p = max.pollFirst();
            if (p == null) p = high.pollFirst();
            if (p == null) {
                for (;;) {
                    p = normalLow.pollFirst();
                    if (p == null) return null;
                    if (p.priority == LOW && --p.scheduleCount > 0 && !normalLow.isEmpty()) {
                        normalLow.addLast(p); // skipped: keeps its remaining turns
                        continue;
                    }
                    break;
                }
            }
            add(p.priority, -1);
            return p;
        } finally {
            unlock();
        }
    }

    private void lock() {
        if (!LOCK.compareAndSet(this, 0, 1)) lockContended();
    }

    private void lockContended() {
        for (int i = 0; ; i++) {
            if (lock == 0 && LOCK.compareAndSet(this, 0, 1)) return;
            if (i < SPINS) Thread.onSpinWait();
            else Thread.yield(); // the holder may be off the CPU: let it finish
        }
    }

    private void unlock() {
        LOCK.setRelease(this, 0);
    }

    private void add(int prio, int delta) {
        LENS.setOpaque(lens, prio, lens[prio] + delta);
    }

    /** The priority ordinal of the most urgent waiting process, or -1 when empty (a recent value). */
    int highestWaiting() {
        for (int p = MAX; p >= LOW; p--) if ((int) LENS.getOpaque(lens, p) > 0) return p;
        return -1;
    }

    int size() {
        return (int) LENS.getOpaque(lens, 0) + (int) LENS.getOpaque(lens, 1) + (int) LENS.getOpaque(lens, 2)
                + (int) LENS.getOpaque(lens, 3);
    }

    int length(Priority p) {
        return (int) LENS.getOpaque(lens, p.ordinal());
    }
}
