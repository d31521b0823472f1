package beamscope.runtime.internal;

import beamscope.runtime.Priority;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One scheduler's run queue (F4, F13, F14): a max queue, a high queue, and one FIFO shared by normal
 * and low processes. Between queues the order is strict. In the shared queue a low process starts
 * with {@code RESCHEDULE_LOW = 8} turns; each time it reaches the head with turns left (and is not
 * the last entry) it loses one and goes to the tail, so it runs on its eighth turn.
 *
 * <p>Protocol: every access holds {@code lock} (BEAM also locks its run queues); the lock is held for a
 * few queue operations only. The owner takes from it; any thread may push (wake-ups, spawns) and an
 * idle scheduler may steal. Per-priority lengths are published with volatile writes so snapshots read
 * them without the lock (each a recent value; their sum is not atomic, as in F16).
 */
final class RunQueue {
    static final int RESCHEDULE_LOW = 8;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ProcessCell> max = new ArrayDeque<>();
    private final ArrayDeque<ProcessCell> high = new ArrayDeque<>();
    private final ArrayDeque<ProcessCell> normalLow = new ArrayDeque<>(256);
    private volatile int maxLen, highLen, normalLen, lowLen;

    void push(ProcessCell p) {
        lock.lock();
        try {
            switch (p.priority) {
                case 3 -> { max.addLast(p); maxLen++; }
                case 2 -> { high.addLast(p); highLen++; }
                case 0 -> { p.scheduleCount = RESCHEDULE_LOW; normalLow.addLast(p); lowLen++; }
                default -> { p.scheduleCount = 1; normalLow.addLast(p); normalLen++; }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next process to run, or null. */
    ProcessCell poll() {
        lock.lock();
        try {
            ProcessCell p = max.pollFirst();
            if (p != null) { maxLen--; return p; }
            p = high.pollFirst();
            if (p != null) { highLen--; return p; }
            for (;;) {
                p = normalLow.pollFirst();
                if (p == null) return null;
                if (p.priority == 0 && --p.scheduleCount > 0 && !normalLow.isEmpty()) {
                    normalLow.addLast(p); // skipped: keeps its remaining turns
                    continue;
                }
                if (p.priority == 0) lowLen--; else normalLen--;
                return p;
            }
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return maxLen + highLen + normalLen + lowLen;
    }

    int length(Priority p) {
        return switch (p) {
            case MAX -> maxLen;
            case HIGH -> highLen;
            case NORMAL -> normalLen;
            case LOW -> lowLen;
        };
    }
}
