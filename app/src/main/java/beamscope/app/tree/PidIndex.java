package beamscope.app.tree;

import beamscope.runtime.Pid;

/**
 * An open-addressing map from pid to a non-negative int, without boxing: the frame builder looks up a
 * million pids per frame and a {@code HashMap<Pid, …>} is several times slower. Not thread-safe.
 */
final class PidIndex {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private int[] values;
    private int size, mask;

    PidIndex(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        java.util.Arrays.fill(keys, EMPTY);
        mask = cap - 1;
    }

    static long key(Pid p) {
        return ((long) p.node() << 48) ^ p.id();
    }

    /** The value for this pid, or -1. */
    int get(Pid p) {
        return get(key(p));
    }

    /** The value for this {@link #key}, or -1. */
    int get(long k) {
        for (int i = slot(k); ; i = (i + 1) & mask) {
            long at = keys[i];
            if (at == k) return values[i];
            if (at == EMPTY) return -1;
        }
    }

    /** The value for this pid, or {@code value} after storing it when absent. */
    int putIfAbsent(Pid p, int value) {
        long k = key(p);
        int i = slot(k);
        for (; ; i = (i + 1) & mask) {
            long at = keys[i];
            if (at == k) return values[i];
            if (at == EMPTY) break;
        }
        keys[i] = k;
        values[i] = value;
        if (++size * 2 > keys.length) grow();
        return value;
    }

    int size() {
        return size;
    }

    private int slot(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        java.util.Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == EMPTY) continue;
            int i = slot(oldKeys[j]);
            while (keys[i] != EMPTY) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
    }
}
