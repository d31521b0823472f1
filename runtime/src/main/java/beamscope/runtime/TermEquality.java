package beamscope.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Equality and hash codes of terms, without recursion: tuples, lists and maps nest as deep as memory allows
 * ({@link Tuple}s, and the lists and maps {@link Terms#parse(String)} returns, use these for their
 * {@code equals} and {@code hashCode}). Anything else is a leaf and answers with its own methods.
 *
 * <p>The hash codes are those of {@link List#hashCode()} and {@link Map#hashCode()} for lists and maps, so
 * the lists and maps here stay equal, with equal hash codes, to any {@code java.util} list or map with
 * the same content; a tuple's is the same sum as a list's, from a seed of its own.
 */
final class TermEquality {
    private TermEquality() {}

    private static boolean isContainer(Object t) {
        return t instanceof Tuple || t instanceof List<?> || t instanceof Map<?, ?>;
    }

    // ---------------------------------------------------------------- hash codes

    /** Hashes one container: its children go in one at a time, through {@link #add(int)}. */
    private static final class Hashing {
        final Object container;
        final Iterator<?> children;
        final boolean map;
        int acc;
        int keyHash;           // a map entry's key hash, while its value is hashed
        boolean valueNext;     // a map: the next child is the current entry's value
        Object value;

        Hashing(Object container) {
            this.container = container;
            switch (container) {
                case Tuple t -> {
                    children = t.elements().iterator();
                    map = false;
                    acc = 0x7E57 + t.size();
                }
                case List<?> l -> {
                    children = l.iterator();
                    map = false;
                    acc = 1;
                }
                default -> {
                    children = ((Map<?, ?>) container).entrySet().iterator();
                    map = true;
                    acc = 0;
                }
            }
        }

        /** The next child to hash, or this frame itself when there is none left. */
        Object next() {
            if (map) {
                if (valueNext) {
                    valueNext = false;
                    return value;
                }
                if (!children.hasNext()) return this;
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) children.next();
                value = e.getValue();
                valueNext = true;
                return e.getKey();
            }
            return children.hasNext() ? children.next() : this;
        }

        void add(int h) {
            if (!map) {
                acc = 31 * acc + h;
            } else if (valueNext) {
                keyHash = h;
            } else {
                acc += keyHash ^ h;
            }
        }
    }

    static int hash(Object root) {
        if (!isContainer(root)) return leafHash(root);
        Integer cached = cachedHash(root);
        if (cached != null) return cached;
        ArrayDeque<Hashing> open = new ArrayDeque<>();
        open.push(new Hashing(root));
        while (true) {
            Hashing top = open.peek();
            Object child = top.next();
            if (child == top) {
                open.pop();
                cache(top.container, top.acc);
                if (open.isEmpty()) return top.acc;
                open.peek().add(top.acc);
            } else if (!isContainer(child)) {
                top.add(leafHash(child));
            } else {
                Integer known = cachedHash(child);
                if (known != null) top.add(known);
                else open.push(new Hashing(child));
            }
        }
    }

    private static int leafHash(Object t) {
        return t == null ? 0 : t.hashCode();
    }

    private static Integer cachedHash(Object t) {
        return switch (t) {
            case TermList l -> l.cachedHash();
            case TermMap m -> m.cachedHash();
            default -> null;
        };
    }

    private static void cache(Object t, int hash) {
        if (t instanceof TermList l) l.cacheHash(hash);
        else if (t instanceof TermMap m) m.cacheHash(hash);
    }

    // ---------------------------------------------------------------- equality

    /**
     * True when the two terms are equal: tuples with equal elements, lists with equal elements in order
     * (any {@link List}s), maps with the same keys and equal values (any {@link Map}s), leaves by {@code equals}.
     */
    static boolean equal(Object a, Object b) {
        ArrayDeque<Object> pairs = new ArrayDeque<>();   // pairs still to compare, pushed and popped two at a time
        Object x = a, y = b;
        while (true) {
            if (x != y && !sameShape(x, y, pairs)) return false;
            if (pairs.isEmpty()) return true;
            y = pairs.pop();
            x = pairs.pop();
        }
    }

    /** False when x and y differ at their top; else true, having pushed the pairs of children still to compare. */
    private static boolean sameShape(Object x, Object y, ArrayDeque<Object> pairs) {
        if (x == null || y == null) return false;
        switch (x) {
            case Tuple tx -> {
                if (!(y instanceof Tuple ty) || tx.size() != ty.size()) return false;
                for (int i = 0; i < tx.size(); i++) push(pairs, tx.get(i), ty.get(i));
                return true;
            }
            case List<?> lx -> {
                if (!(y instanceof List<?> ly) || lx.size() != ly.size()) return false;
                Iterator<?> ix = lx.iterator(), iy = ly.iterator();
                while (ix.hasNext() && iy.hasNext()) push(pairs, ix.next(), iy.next());
                return !ix.hasNext() && !iy.hasNext();
            }
            case Map<?, ?> mx -> {
                return y instanceof Map<?, ?> my && mx.size() == my.size() && pairEntries(mx, my, pairs);
            }
            default -> {
                return !isContainer(y) && x.equals(y);
            }
        }
    }

    private static void push(ArrayDeque<Object> pairs, Object x, Object y) {
        if (x == y) return;
        pairs.push(x == null ? NULL : x);
        pairs.push(y == null ? NULL : y);
    }

    /** Stands for null on the deque, which takes no nulls; equal only to itself, as null is. */
    private static final Object NULL = new Object();

    /**
     * Pairs each entry of {@code x} with the entry of {@code y} whose key has the same hash code, and pushes
     * the key and value pairs; without calling the keys' own {@code hashCode} or {@code equals}, which for
     * deep keys would recurse. Only keys whose hash codes collide are told apart by a nested {@link #equal}.
     */
    private static boolean pairEntries(Map<?, ?> x, Map<?, ?> y, ArrayDeque<Object> pairs) {
        if (x.size() == 1) {
            Map.Entry<?, ?> ex = x.entrySet().iterator().next(), ey = y.entrySet().iterator().next();
            if (hash(ex.getKey()) != hash(ey.getKey())) return false;
            push(pairs, ex.getKey(), ey.getKey());
            push(pairs, ex.getValue(), ey.getValue());
            return true;
        }
        HashMap<Integer, List<Map.Entry<?, ?>>> byHash = new HashMap<>();
        for (Map.Entry<?, ?> e : y.entrySet()) byHash.computeIfAbsent(hash(e.getKey()), h -> new ArrayList<>(1)).add(e);
        for (Map.Entry<?, ?> e : x.entrySet()) {
            List<Map.Entry<?, ?>> candidates = byHash.get(hash(e.getKey()));
            if (candidates == null || candidates.isEmpty()) return false;
            Map.Entry<?, ?> match = null;
            if (candidates.size() == 1) {
                match = candidates.remove(0);
                push(pairs, e.getKey(), match.getKey());
            } else {
                for (Iterator<Map.Entry<?, ?>> it = candidates.iterator(); it.hasNext(); ) {
                    Map.Entry<?, ?> c = it.next();
                    if (equal(e.getKey(), c.getKey())) {
                        match = c;
                        it.remove();
                        break;
                    }
                }
                if (match == null) return false;
            }
            push(pairs, e.getValue(), match.getValue());
        }
        return true;
    }
}
