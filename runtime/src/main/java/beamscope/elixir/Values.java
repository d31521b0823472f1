package beamscope.elixir;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Elixir's value semantics on the runtime's terms: truthiness, arithmetic, term order, structs. */
final class Values {
    private Values() {}

    static final Atom STRUCT = Atom.of("__struct__"), EXCEPTION = Atom.of("__exception__"),
            MESSAGE = Atom.of("message");

    static Atom bool(boolean b) {
        return b ? Atom.TRUE : Atom.FALSE;
    }

    static boolean truthy(Object v) {
        return v != Atom.FALSE && v != Atom.NIL && v != null;
    }

    static Atom alias(String name) {
        return Atom.of("Elixir." + name);
    }

    /** {@code Elixir.Foo.Bar} is {@code Foo.Bar}; other atoms keep their name. */
    static String moduleName(Object module) {
        String n = ((Atom) module).name();
        return n.startsWith("Elixir.") ? n.substring(7) : ":" + n;
    }

    static Map<Object, Object> exception(String module, String message) {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(STRUCT, alias(module));
        m.put(EXCEPTION, Atom.TRUE);
        m.put(MESSAGE, message);
        return Collections.unmodifiableMap(m);
    }

    static boolean isException(Object v) {
        return v instanceof Map<?, ?> m && m.get(EXCEPTION) == Atom.TRUE;
    }

    static List<Object> list(Object... items) {
        return List.of(items);
    }

    static List<Object> listOf(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    static Map<Object, Object> mapOf(Map<Object, Object> m) {
        return Collections.unmodifiableMap(m);
    }

    // ---------------------------------------------------------------- numbers

    static Object norm(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    static BigInteger big(Object n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf((Long) n);
    }

    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof BigInteger;
    }

    static boolean isNum(Object v) {
        return v instanceof Long || v instanceof BigInteger || v instanceof Double;
    }

    static double dbl(Object v) {
        if (v instanceof Long l) return l;
        if (v instanceof Double d) return d;
        if (v instanceof BigInteger b) return b.doubleValue();
        throw ElixirError.badarith();
    }

    static Object add(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long r = x + y;
            if (((x ^ r) & (y ^ r)) < 0) return norm(BigInteger.valueOf(x).add(BigInteger.valueOf(y)));
            return r;
        }
        if (isInt(a) && isInt(b)) return norm(big(a).add(big(b)));
        if (isNum(a) && isNum(b)) return dbl(a) + dbl(b);
        throw ElixirError.badarith(Format.inspect(a) + " + " + Format.inspect(b));
    }

    static Object sub(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long r = x - y;
            if (((x ^ y) & (x ^ r)) < 0) return norm(BigInteger.valueOf(x).subtract(BigInteger.valueOf(y)));
            return r;
        }
        if (isInt(a) && isInt(b)) return norm(big(a).subtract(big(b)));
        if (isNum(a) && isNum(b)) return dbl(a) - dbl(b);
        throw ElixirError.badarith(Format.inspect(a) + " - " + Format.inspect(b));
    }

    static Object mul(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long hi = Math.multiplyHigh(x, y), lo = x * y;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) return lo;
            return norm(BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)));
        }
        if (isInt(a) && isInt(b)) return norm(big(a).multiply(big(b)));
        if (isNum(a) && isNum(b)) return dbl(a) * dbl(b);
        throw ElixirError.badarith(Format.inspect(a) + " * " + Format.inspect(b));
    }

    static Object fdiv(Object a, Object b) {
        if (!isNum(a) || !isNum(b)) throw ElixirError.badarith(Format.inspect(a) + " / " + Format.inspect(b));
        double d = dbl(b);
        if (d == 0.0) throw ElixirError.badarith(Format.inspect(a) + " / " + Format.inspect(b));
        return dbl(a) / d;
    }

    static Object div(Object a, Object b) {
        if (!isInt(a) || !isInt(b)) throw ElixirError.badarith("div(" + Format.inspect(a) + ", " + Format.inspect(b) + ")");
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) throw ElixirError.badarith("div(" + Format.inspect(a) + ", " + Format.inspect(b) + ")");
            if (!(x == Long.MIN_VALUE && y == -1)) return x / y;
        }
        if (big(b).signum() == 0) throw ElixirError.badarith("div(" + Format.inspect(a) + ", " + Format.inspect(b) + ")");
        return norm(big(a).divide(big(b)));
    }

    static Object rem(Object a, Object b) {
        if (!isInt(a) || !isInt(b)) throw ElixirError.badarith("rem(" + Format.inspect(a) + ", " + Format.inspect(b) + ")");
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) throw ElixirError.badarith("rem(" + Format.inspect(a) + ", " + Format.inspect(b) + ")");
            return y == -1 ? 0L : x % y;
        }
        if (big(b).signum() == 0) throw ElixirError.badarith("rem(" + Format.inspect(a) + ", " + Format.inspect(b) + ")");
        return norm(big(a).remainder(big(b)));
    }

    static Object neg(Object a) {
        return sub(0L, a);
    }

    // ---------------------------------------------------------------- equality and order

    /** {@code ==}: numbers compare by value (1 == 1.0), everything else structurally. */
    static boolean eq(Object a, Object b) {
        if (a == b) return true;
        if (a instanceof Long x && b instanceof Long y) return x.longValue() == y.longValue();
        if (isNum(a) && isNum(b)) return compare(a, b) == 0;
        return strictEq(a, b);
    }

    /** {@code ===} and pattern matching. */
    static boolean strictEq(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            var i = x.iterator();
            var j = y.iterator();
            while (i.hasNext()) if (!strictEq(i.next(), j.next())) return false;
            return true;
        }
        if (a instanceof Tuple x && b instanceof Tuple y) {
            if (x.size() != y.size()) return false;
            for (int k = 0; k < x.size(); k++) if (!strictEq(x.get(k), y.get(k))) return false;
            return true;
        }
        return a.equals(b);
    }

    private static int rank(Object t) {
        if (isNum(t)) return 0;
        if (t instanceof Atom) return 1;
        if (t instanceof Ref) return 2;
        if (t instanceof Closure) return 3;
        if (t instanceof Pid) return 5;
        if (t instanceof Tuple) return 6;
        if (t instanceof Map) return 7;
        if (t instanceof List) return 8;
        if (t instanceof String) return 9;
        return 10;
    }

    /** Erlang term order: number < atom < reference < fun < pid < tuple < map < list < bitstring. */
    @SuppressWarnings("unchecked")
    static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) return Long.compare(x, y);
        int ra = rank(a), rb = rank(b);
        if (ra != rb) return Integer.compare(ra, rb);
        switch (ra) {
            case 0 -> {
                if (a instanceof Long x && b instanceof Long y) return Long.compare(x, y);
                if (isInt(a) && isInt(b)) return big(a).compareTo(big(b));
                int c = Double.compare(dbl(a), dbl(b));
                return c;
            }
            case 1 -> {
                return ((Atom) a).name().compareTo(((Atom) b).name());
            }
            case 2 -> {
                return ((Ref) a).compareTo((Ref) b);
            }
            case 5 -> {
                return ((Pid) a).compareTo((Pid) b);
            }
            case 6 -> {
                Tuple x = (Tuple) a, y = (Tuple) b;
                if (x.size() != y.size()) return Integer.compare(x.size(), y.size());
                for (int i = 0; i < x.size(); i++) {
                    int c = compare(x.get(i), y.get(i));
                    if (c != 0) return c;
                }
                return 0;
            }
            case 7 -> {
                Map<Object, Object> x = (Map<Object, Object>) a, y = (Map<Object, Object>) b;
                if (x.size() != y.size()) return Integer.compare(x.size(), y.size());
                List<Object> kx = sortedKeys(x), ky = sortedKeys(y);
                for (int i = 0; i < kx.size(); i++) {
                    int c = compare(kx.get(i), ky.get(i));
                    if (c != 0) return c;
                }
                for (int i = 0; i < kx.size(); i++) {
                    int c = compare(x.get(kx.get(i)), y.get(ky.get(i)));
                    if (c != 0) return c;
                }
                return 0;
            }
            case 8 -> {
                var i = ((List<Object>) a).iterator();
                var j = ((List<Object>) b).iterator();
                while (i.hasNext() && j.hasNext()) {
                    int c = compare(i.next(), j.next());
                    if (c != 0) return c;
                }
                return Boolean.compare(i.hasNext(), j.hasNext());
            }
            case 9 -> {
                return compareUtf8((String) a, (String) b);
            }
            default -> {
                return Integer.compare(System.identityHashCode(a), System.identityHashCode(b));
            }
        }
    }

    private static int compareUtf8(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i), y = b.codePointAt(j);
            if (x != y) return Integer.compare(x, y);
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    static List<Object> sortedKeys(Map<Object, Object> m) {
        List<Object> keys = new ArrayList<>(m.keySet());
        keys.sort(Values::compare);
        return keys;
    }

    // ---------------------------------------------------------------- conversions

    /** {@code to_string/1} (the String.Chars protocol for the built-in types). */
    static String toStr(Object v) {
        return switch (v) {
            case String s -> s;
            case Atom a when a == Atom.NIL -> "";
            case Atom a -> a.name().startsWith("Elixir.") ? a.name().substring(7) : a.name();
            case Long l -> l.toString();
            case BigInteger b -> b.toString();
            case Double d -> Format.inspect(d);
            case List<?> l -> charsToString(l);
            default -> {
                if (v instanceof Map<?, ?> m && m.get(STRUCT) == alias("Range")) yield Format.inspect(v);
                throw new ElixirError(ElixirError.ERROR, exceptionWith("Protocol.UndefinedError",
                        "protocol String.Chars not implemented for " + Format.inspect(v) + " of type "
                                + typeName(v)));
            }
        };
    }

    static String typeName(Object v) {
        return switch (v) {
            case Tuple t -> "Tuple";
            case Map<?, ?> m -> m.get(STRUCT) instanceof Atom a ? moduleName(a) + " (a struct)" : "Map";
            case Pid p -> "PID";
            case Ref r -> "Reference";
            case Closure c -> "Function";
            default -> v == null ? "Atom" : v.getClass().getSimpleName();
        };
    }

    static Map<Object, Object> exceptionWith(String module, String message) {
        return exception(module, message);
    }

    /** iodata / chardata to a string: code points, strings and nested lists. */
    static String charsToString(List<?> l) {
        StringBuilder sb = new StringBuilder();
        appendChars(sb, l);
        return sb.toString();
    }

    private static void appendChars(StringBuilder sb, Object v) {
        switch (v) {
            case Long cp -> sb.appendCodePoint(cp.intValue());
            case String s -> sb.append(s);
            case List<?> l -> {
                for (Object o : l) appendChars(sb, o);
            }
            default -> throw ElixirError.argument("argument error");
        }
    }
}
