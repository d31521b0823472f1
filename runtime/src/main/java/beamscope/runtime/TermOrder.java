package beamscope.runtime;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Erlang's term order, in the form that sorts map keys (and so the order in which maps print):
 * number &lt; atom &lt; reference &lt; pid &lt; tuple &lt; map &lt; list &lt; string, where every
 * integer comes before every float ({@code 2} before {@code 1.0}), as in Erlang map keys. Other Java
 * objects come last.
 */
final class TermOrder {
    private TermOrder() {}

    private static final int NUMBER = 0, ATOM = 1, REF = 2, PID = 5, TUPLE = 6, MAP = 7, LIST = 8, STRING = 9, JAVA = 10;

    /**
     * Compares without recursion: pairs still to compare wait on an explicit stack, in order, so terms nest
     * as deep as memory allows. (Sorting a map's entries compares its keys, one map at a time.)
     */
    static int compare(Object a, Object b) {
        ArrayDeque<Object> pairs = new ArrayDeque<>();    // pushed two at a time, the next pair on top
        Object x = a, y = b;
        while (true) {
            int c = compareTop(x, y, pairs);
            if (c != 0) return c;
            if (pairs.isEmpty()) return 0;
            y = unwrap(pairs.pop());
            x = unwrap(pairs.pop());
        }
    }

    /**
     * Compares x and y where their order shows at once (ranks, scalars, sizes); for containers that tie so
     * far, pushes the pairs of children that decide, the first to compare on top, and returns 0.
     */
    private static int compareTop(Object x, Object y, ArrayDeque<Object> pairs) {
        if (x instanceof Lengths l) return Integer.compare(l.a, l.b);
        int rx = rank(x), ry = rank(y);
        if (rx != ry) return Integer.compare(rx, ry);
        switch (rx) {
            case TUPLE -> {
                Tuple tx = (Tuple) x, ty = (Tuple) y;
                if (tx.size() != ty.size()) return Integer.compare(tx.size(), ty.size());
                for (int i = tx.size() - 1; i >= 0; i--) push(pairs, tx.get(i), ty.get(i));
                return 0;
            }
            case LIST -> {                            // element by element, then the shorter first
                Object[] lx = ((List<?>) x).toArray(), ly = ((List<?>) y).toArray();
                push(pairs, new Lengths(lx.length, ly.length), null);
                for (int i = Math.min(lx.length, ly.length) - 1; i >= 0; i--) push(pairs, lx[i], ly[i]);
                return 0;
            }
            case MAP -> {                             // by size, then keys in order, then values in key order
                Map<?, ?> mx = (Map<?, ?>) x, my = (Map<?, ?>) y;
                if (mx.size() != my.size()) return Integer.compare(mx.size(), my.size());
                List<Map.Entry<?, ?>> ex = sortedEntries(mx), ey = sortedEntries(my);
                for (int i = ex.size() - 1; i >= 0; i--) push(pairs, ex.get(i).getValue(), ey.get(i).getValue());
                for (int i = ex.size() - 1; i >= 0; i--) push(pairs, ex.get(i).getKey(), ey.get(i).getKey());
                return 0;
            }
            default -> {
                return compareScalars(rx, x, y);
            }
        }
    }

    /** A list comparison's last step: the lengths, once all common elements tied. */
    private record Lengths(int a, int b) {}

    /** Stands for null (the atom nil) on the deque, which takes no nulls. */
    private static final Object NIL = new Object();

    private static void push(ArrayDeque<Object> pairs, Object x, Object y) {
        pairs.push(x == null ? NIL : x);
        pairs.push(y == null ? NIL : y);
    }

    private static Object unwrap(Object t) {
        return t == NIL ? null : t;
    }

    private static int compareScalars(int rank, Object a, Object b) {
        return switch (rank) {
            case NUMBER -> compareNumbers(a, b);
            case ATOM -> compareText(atomName(a), atomName(b));
            case REF -> ((Ref) a).compareTo((Ref) b);
            case PID -> ((Pid) a).compareTo((Pid) b);
            case STRING -> compareText((String) a, (String) b);
            default -> compareJava(a, b);
        };
    }

    private static int rank(Object t) {
        if (isInteger(t) || t instanceof Double || t instanceof Float) return NUMBER;
        if (t == null || t instanceof Atom || t instanceof Boolean) return ATOM;
        if (t instanceof Ref) return REF;
        if (t instanceof Pid) return PID;
        if (t instanceof Tuple) return TUPLE;
        if (t instanceof Map) return MAP;
        if (t instanceof List) return LIST;
        if (t instanceof String) return STRING;
        return JAVA;
    }

    static boolean isInteger(Object t) {
        return t instanceof Long || t instanceof Integer || t instanceof Short || t instanceof Byte
                || t instanceof BigInteger;
    }

    /** The name of an atom, also for the Java values that print as one (booleans and null); else null. */
    static String atomName(Object t) {
        return switch (t) {
            case null -> "nil";
            case Atom a -> a.name();
            case Boolean b -> b.toString();
            default -> null;
        };
    }

    private static int compareNumbers(Object a, Object b) {
        boolean ia = isInteger(a), ib = isInteger(b);
        if (ia != ib) return ia ? -1 : 1;
        if (!ia) return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        if (!(a instanceof BigInteger) && !(b instanceof BigInteger)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        return big(a).compareTo(big(b));
    }

    private static BigInteger big(Object n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(((Number) n).longValue());
    }

    /** By code point, which is how Erlang compares atoms and UTF-8 binaries. */
    private static int compareText(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    static List<Map.Entry<?, ?>> sortedEntries(Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort((x, y) -> compare(x.getKey(), y.getKey()));
        return entries;
    }

    private static int compareJava(Object a, Object b) {
        int c = a.getClass().getName().compareTo(b.getClass().getName());
        return c != 0 ? c : TermWriter.javaText(a).compareTo(TermWriter.javaText(b));
    }
}
