package beamscope.runtime;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The unmodifiable map {@link Terms#parse(String)} returns, in the order the text gave: equal to any
 * {@link Map} with the same entries, with the same hash code, but its {@code equals}, {@code hashCode} and
 * {@code toString} do not recurse, so maps nested deep, as values or as keys, compare and print. Its keys
 * and values are terms from the same text, immutable, so the hash code is kept once computed.
 */
final class TermMap extends AbstractMap<Object, Object> {
    private final Map<Object, Object> entries;
    private int hash;              // 0: not computed yet (or zero, then computed each time)

    TermMap(LinkedHashMap<Object, Object> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Object get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Map<?, ?> && TermEquality.equal(this, o);
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
