package beamscope.runtime.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Live processes by pid, as in the BEAM: a slot array of at least twice the process limit (a power of
 * two) and a cursor that hands out ids in order, so new pids count up like the BEAM's. An id names its
 * slot ({@code id & mask}); an id whose slot is still taken by a long-lived process is skipped. Ids
 * only grow, so no pid is reused in a node's life. The table is never more than half full (the node
 * enforces the limit), so a free slot is found in about two tries.
 *
 * <p>Slots are allocated in chunks on first use. Lookups are lock-free: an acquire read of the slot and
 * a pid check. Allocation claims a slot with one CAS; removal is a release write. No lock anywhere.
 */
final class ProcessTable {
    private static final int CHUNK_BITS = 14, CHUNK = 1 << CHUNK_BITS;

    private final int capacity;
    private final long mask;
    private final AtomicReferenceArray<AtomicReferenceArray<Object>> chunks;
    private final AtomicLong cursor = new AtomicLong(1); // id 0 is the node itself
    private static final Object CLAIMED = new Object();

    ProcessTable(int limit) {
        long cap = Long.highestOneBit(Math.max(CHUNK, 2L * limit + 2));
        if (cap < 2L * limit + 2) cap <<= 1;
        this.capacity = (int) Math.min(cap, 1 << 30);
        this.mask = capacity - 1;
        this.chunks = new AtomicReferenceArray<>(Math.max(1, capacity >>> CHUNK_BITS));
    }

    /** Claims a free slot and returns the new pid's id; the caller must {@link #put} or {@link #remove} it. */
    long allocate() {
        for (;;) {
            long id = cursor.getAndIncrement();
            int slot = (int) (id & mask);
            if (slot == 0) continue;
            AtomicReferenceArray<Object> ch = chunk(slot);
            if (ch.getAcquire(slot & (CHUNK - 1)) == null && ch.compareAndSet(slot & (CHUNK - 1), null, CLAIMED)) {
                return id;
            }
        }
    }

    void put(long id, ProcessCell c) {
        int slot = (int) (id & mask);
        chunk(slot).setRelease(slot & (CHUNK - 1), c);
    }

    ProcessCell get(long id) {
        int slot = (int) (id & mask);
        AtomicReferenceArray<Object> ch = chunks.getAcquire(slot >>> CHUNK_BITS);
        if (ch == null) return null;
        return ch.getAcquire(slot & (CHUNK - 1)) instanceof ProcessCell c && c.pid.id() == id ? c : null;
    }

    /** Frees the slot of {@code id}. */
    void remove(long id) {
        int slot = (int) (id & mask);
        chunk(slot).setRelease(slot & (CHUNK - 1), null);
    }

    /**
     * Frees the slot of {@code c} if it still holds {@code c}; true for the one caller that freed it (an
     * exit and a node's close may race to remove the same process; the winner counts it out).
     */
    boolean remove(ProcessCell c) {
        int slot = (int) (c.pid.id() & mask);
        return chunk(slot).compareAndSet(slot & (CHUNK - 1), c, null);
    }

    private AtomicReferenceArray<Object> chunk(int slot) {
        int i = slot >>> CHUNK_BITS;
        AtomicReferenceArray<Object> ch = chunks.getAcquire(i);
        if (ch == null) {
            chunks.compareAndExchange(i, null, new AtomicReferenceArray<>(CHUNK));
            ch = chunks.getAcquire(i);
        }
        return ch;
    }

    /** Visits every live process (weakly consistent). */
    void forEach(Consumer<ProcessCell> visitor) {
        for (int i = 0; i < chunks.length(); i++) {
            AtomicReferenceArray<Object> ch = chunks.getAcquire(i);
            if (ch == null) continue;
            for (int j = 0; j < CHUNK; j++) {
                if (ch.getAcquire(j) instanceof ProcessCell c) visitor.accept(c);
            }
        }
    }
}
