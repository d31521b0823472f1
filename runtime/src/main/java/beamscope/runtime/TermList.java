package beamscope.runtime;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The unmodifiable list {@link Terms#parse(String)} returns: equal to any {@link java.util.List} with equal
 * elements, with the same hash code, but its {@code equals}, {@code hashCode} and {@code toString} do not
 * recurse, so lists nested {@link Terms#MAX_DEPTH} deep (or as deep as memory allows) compare and print.
 * Its elements are terms from the same text, immutable, so the hash code is kept once computed.
 */
final class TermList extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;
    private int hash;              // 0: not computed yet (or zero, then computed each time)

    TermList(Object[] items) {
        this.items = items;
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof java.util.List<?> && TermEquality.equal(this, o);
    }

    @Override
    public int hashCode() {
        int h = hash;
        return h != 0 ? h : TermEquality.hash(this);
    }

    Integer cachedHash() {
        return hash != 0 ? hash : null;
    }

    void cacheHash(int h) {
        hash = h;
    }

    @Override
    public String toString() {
        return Terms.inspect(this);
    }
}
