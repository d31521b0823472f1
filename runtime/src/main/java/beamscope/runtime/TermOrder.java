package beamscope.runtime;

import java.math.BigInteger;
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

    static int compare(Object a, Object b) {
        int ra = rank(a), rb = rank(b);
        if (ra != rb) return Integer.compare(ra, rb);
        return switch (ra) {
            case NUMBER -> compareNumbers(a, b);
            case ATOM -> compareText(atomName(a), atomName(b));
            case REF -> ((Ref) a).compareTo((Ref) b);
            case PID -> ((Pid) a).compareTo((Pid) b);
            case TUPLE -> compareTuples((Tuple) a, (Tuple) b);
            case MAP -> compareMaps((Map<?, ?>) a, (Map<?, ?>) b);
            case LIST -> compareLists((List<?>) a, (List<?>) b);
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

    private static int compareTuples(Tuple a, Tuple b) {
        if (a.size() != b.size()) return Integer.compare(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return 0;
    }

    private static int compareLists(List<?> a, List<?> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** By size, then keys in order, then values in key order. */
    private static int compareMaps(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) return Integer.compare(a.size(), b.size());
        List<Map.Entry<?, ?>> ea = sortedEntries(a), eb = sortedEntries(b);
        for (int i = 0; i < ea.size(); i++) {
            int c = compare(ea.get(i).getKey(), eb.get(i).getKey());
            if (c != 0) return c;
        }
        for (int i = 0; i < ea.size(); i++) {
            int c = compare(ea.get(i).getValue(), eb.get(i).getValue());
            if (c != 0) return c;
        }
        return 0;
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
