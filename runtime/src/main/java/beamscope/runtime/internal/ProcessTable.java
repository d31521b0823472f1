package beamscope.runtime.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Live processes by pid, as in the BEAM: a slot array sized to the process limit (rounded up to a
 * power of two) where a pid's id names its slot ({@code id & mask}); a reused slot gets the old id
 * plus the capacity, so ids are never reused. Slots are allocated in chunks on first use, so a small
 * node does not pay for a million slots.
 *
 * <p>Lookups are lock-free (an acquire read of the slot, then a pid check). Fresh slots come from a
 * counter; freed slots from a small locked free list of the next id to hand out.
 */
final class ProcessTable {
    private static final int CHUNK_BITS = 14, CHUNK = 1 << CHUNK_BITS;

    private final int capacity;
    private final int mask;
    private final AtomicReferenceArray<AtomicReferenceArray<ProcessCell>> chunks;
    private final AtomicInteger nextFresh = new AtomicInteger(1); // slot 0 is the node itself
    private long[] free = new long[1024];
    private int freeCount;

    ProcessTable(int limit) {
        int cap = Integer.highestOneBit(Math.max(CHUNK, limit + 1));
        if (cap < limit + 1) cap <<= 1;
        this.capacity = cap;
        this.mask = cap - 1;
        this.chunks = new AtomicReferenceArray<>(Math.max(1, cap >>> CHUNK_BITS));
    }

    /** A fresh id whose slot is free; the caller must {@link #put} or {@link #release} it. */
    long allocate() {
        synchronized (this) {
            if (freeCount > 0) return free[--freeCount];
        }
        int slot = nextFresh.getAndIncrement();
        if (slot >= capacity) {
            nextFresh.decrementAndGet();
            synchronized (this) {
                if (freeCount > 0) return free[--freeCount];
            }
            return -1;
        }
        return slot;
    }

    void put(long id, ProcessCell c) {
        chunk((int) (id & mask)).setRelease((int) (id & mask) & (CHUNK - 1), c);
    }

    ProcessCell get(long id) {
        int slot = (int) (id & mask);
        AtomicReferenceArray<ProcessCell> ch = chunks.getAcquire(slot >>> CHUNK_BITS);
        if (ch == null) return null;
        ProcessCell c = ch.getAcquire(slot & (CHUNK - 1));
        return c != null && c.pid.id() == id ? c : null;
    }

    /** Frees the slot of {@code id}; the slot's next pid gets id + capacity. */
    void remove(long id) {
        int slot = (int) (id & mask);
        chunk(slot).setRelease(slot & (CHUNK - 1), null);
        release(id + capacity);
    }

    private synchronized void release(long nextId) {
        if (freeCount == free.length) free = java.util.Arrays.copyOf(free, free.length * 2);
        free[freeCount++] = nextId;
    }

    private AtomicReferenceArray<ProcessCell> chunk(int slot) {
        int i = slot >>> CHUNK_BITS;
        AtomicReferenceArray<ProcessCell> ch = chunks.getAcquire(i);
        if (ch == null) {
            chunks.compareAndExchange(i, null, new AtomicReferenceArray<>(CHUNK));
            ch = chunks.getAcquire(i);
        }
        return ch;
    }

    /** Visits every live process (weakly consistent). */
    void forEach(Consumer<ProcessCell> visitor) {
        int fresh = Math.min(nextFresh.get(), capacity);
        for (int i = 0; i * CHUNK < fresh; i++) {
            AtomicReferenceArray<ProcessCell> ch = chunks.getAcquire(i);
            if (ch == null) continue;
            for (int j = 0; j < CHUNK; j++) {
                ProcessCell c = ch.getAcquire(j);
                if (c != null) visitor.accept(c);
            }
        }
    }
}
