package beamscope.app.sampler;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative long keys (pid ids) to longs, so remembering a million
 * processes' reductions between samples costs two arrays instead of a million boxed entries.
 */
final class LongLongMap {
    private static final long FREE = -1;
    private long[] keys;
    private long[] values;
    private int size;

    LongLongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new long[cap];
        Arrays.fill(keys, FREE);
    }

    /** Empties the map, keeping its arrays when they are big enough for {@code expected} keys. */
    void clear(int expected) {
        if (expected * 2 > keys.length) {
            LongLongMap fresh = new LongLongMap(expected);
            keys = fresh.keys;
            values = fresh.values;
        } else Arrays.fill(keys, FREE);
        size = 0;
    }

    int size() {
        return size;
    }

    void put(long key, long value) {
        if ((size + 1) * 2 > keys.length) grow();
        int i = slot(key);
        if (keys[i] == FREE) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    /** The value, or {@code missing}. */
    long get(long key, long missing) {
        int i = slot(key);
        return keys[i] == FREE ? missing : values[i];
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != FREE && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    private static long mix(long k) {
        k *= 0x9E3779B97F4A7C15L;
        return k ^ (k >>> 32);
    }

    private void grow() {
        long[] k = keys, v = values;
        keys = new long[k.length * 2];
        values = new long[k.length * 2];
        Arrays.fill(keys, FREE);
        size = 0;
        for (int i = 0; i < k.length; i++) if (k[i] != FREE) put(k[i], v[i]);
    }
}
