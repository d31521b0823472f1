package beamscope.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The links or the monitors of one process: a hash set written only by the process that owns it and
 * read by observers on any thread. O(1) expected per add, remove and lookup, where the copy-on-write
 * arrays it replaces cost O(n) (so n links or monitors cost O(n²) to set up and to take down).
 * An element's key is the element itself (a {@code Pid} of a link), or the ref of a {@link Watch}.
 *
 * <h2>Protocol</h2>
 * Open addressing with linear probing; a removed element leaves a tombstone, so elements never move
 * inside one array. Growing, shrinking or purging tombstones builds a new array with plain writes and
 * then publishes it.
 * <pre>
 * owner:     reads its own writes plainly; stores a slot with a release write (an element, or TOMBSTONE);
 *            publishes a rebuilt array with a release write to {@code slots} and never writes the old one again
 * observer:  acquire-reads {@code slots}, then acquire-reads each slot ({@link #snapshot()})
 * </pre>
 * Memory consistency: an observer sees each element fully built (elements are immutable records
 * published by the release write), sees every element that was in the set during its whole read, and
 * may or may not see one added or removed meanwhile: weakly consistent, like the iterators of
 * {@code ConcurrentHashMap}. {@link #sizeObserved()} is an estimate.
 *
 * <p>Invariants (owner): {@code size} live slots, {@code used = size + tombstones}, {@code used <= 3/4}
 * of the capacity, which is a power of two; no key is in two slots.
 */
final class OwnedSet<E> {
    private static final Object TOMBSTONE = new Object();
    private static final Object[] EMPTY = new Object[0];
    private static final int MIN_CAPACITY = 2;

    private Object[] slots = EMPTY;
    private int size;
    private int used;

    /** The key an element is found by. */
    private static Object keyOf(Object e) {
        return e instanceof Watch w ? w.ref() : e;
    }

    private static int indexFor(Object key, int mask) {
        int h = key.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    // ------------------------------------------------------------------ owner

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(Object key) {
        return find(key) != null;
    }

    @SuppressWarnings("unchecked")
    E find(Object key) {
        Object[] a = slots;
        if (size == 0) return null;
        int mask = a.length - 1;
        for (int i = indexFor(key, mask); ; i = (i + 1) & mask) {
            Object o = a[i];
            if (o == null) return null;
            if (o != TOMBSTONE && keyOf(o).equals(key)) return (E) o;
        }
    }

    /** Adds {@code e} unless an element with its key is present; true if added. */
    boolean add(E e) {
        Object key = keyOf(e);
        Object[] a = slots;
        if (a.length > 0) {
            int mask = a.length - 1;
            int free = -1;
            for (int i = indexFor(key, mask); ; i = (i + 1) & mask) {
                Object o = a[i];
                if (o == null) {
                    if (free < 0) free = i;
                    break;
                }
                if (o == TOMBSTONE) {
                    if (free < 0) free = i;
                } else if (keyOf(o).equals(key)) {
                    return false;
                }
            }
            if (a[free] == TOMBSTONE) {
                put(a, free, e);
                return true;
            }
            if ((used + 1) * 4L <= a.length * 3L) {
                used++;
                put(a, free, e);
                return true;
            }
        }
        rebuild(size + 1);
        a = slots;
        int mask = a.length - 1;
        int i = indexFor(key, mask);
        while (a[i] != null) i = (i + 1) & mask;
        used++;
        put(a, i, e);
        return true;
    }

    /** Removes the element with {@code key}; returns it, or null if there was none. */
    @SuppressWarnings("unchecked")
    E remove(Object key) {
        Object[] a = slots;
        if (size == 0) return null;
        int mask = a.length - 1;
        for (int i = indexFor(key, mask); ; i = (i + 1) & mask) {
            Object o = a[i];
            if (o == null) return null;
            if (o != TOMBSTONE && keyOf(o).equals(key)) {
                SLOT.setRelease(a, i, TOMBSTONE);
                SIZE.setOpaque(this, size - 1);
                if (a.length > 8 && size * 8 < a.length) rebuild(size);
                return (E) o;
            }
        }
    }

    /** Visits every element (owner only; {@code action} must not change this set). */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<? super E> action) {
        for (Object o : slots) if (o != null && o != TOMBSTONE) action.accept((E) o);
    }

    private void put(Object[] a, int i, E e) {
        SLOT.setRelease(a, i, e);
        SIZE.setOpaque(this, size + 1);
    }

    /** A new array for {@code n} elements at most half full, without tombstones, published when complete. */
    private void rebuild(int n) {
        int cap = MIN_CAPACITY;
        while (cap < n * 2) cap <<= 1;
        Object[] b = new Object[cap];
        int mask = cap - 1;
        for (Object o : slots) {
            if (o == null || o == TOMBSTONE) continue;
            int i = indexFor(keyOf(o), mask);
            while (b[i] != null) i = (i + 1) & mask;
            b[i] = o;
        }
        used = size;
        SLOTS.setRelease(this, b);
    }

    // ------------------------------------------------------------------ any thread

    /**
     * The elements now, weakly consistent (see the class comment), each once, in no particular order. (An
     * element removed and added again during the read may sit in two slots of the array read: counted once.)
     */
    List<E> snapshot() {
        return snapshot(Integer.MAX_VALUE);
    }

    /**
     * The first {@code max} elements of a {@link #snapshot()}, read as that is: the slots are read only until
     * {@code max} elements are found, so a page of a big set costs what the page does.
     */
    @SuppressWarnings("unchecked")
    List<E> snapshot(int max) {
        Object[] a = (Object[]) SLOTS.getAcquire(this);
        java.util.LinkedHashSet<E> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i < a.length && out.size() < max; i++) {
            Object o = SLOT.getAcquire(a, i);
            if (o != null && o != TOMBSTONE) out.add((E) o);
        }
        return new ArrayList<>(out);
    }

    /** How many elements, as last published by the owner (an estimate for observers). */
    int sizeObserved() {
        return (int) SIZE.getOpaque(this);
    }

    private static final VarHandle SLOTS, SIZE;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SLOTS = l.findVarHandle(OwnedSet.class, "slots", Object[].class);
            SIZE = l.findVarHandle(OwnedSet.class, "size", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
