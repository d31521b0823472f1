package beamscope.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Prints terms for {@link Terms#inspect(Object)} the way Elixir's {@code inspect/1} does.
 *
 * <p>One pass over the term; open containers wait on an explicit stack, so deep terms cannot overflow the
 * Java stack, and printing stops as soon as the output passes the limit.
 */
final class TermWriter {

    /** How the items of an open container print. */
    private enum Style { ELEMENTS, KEYWORDS, ARROWS }

    private static final class Frame {
        final Iterator<?> items;
        final Style style;
        final String close;
        boolean started;
        boolean valuePending;    // ARROWS: a key has printed, its value is next
        Object value;

        Frame(Iterator<?> items, Style style, String close) {
            this.items = items;
            this.style = style;
            this.close = close;
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final int limit;
    private final ArrayDeque<Frame> open = new ArrayDeque<>();

    private TermWriter(int limit) {
        this.limit = limit;
    }

    /** The term's text; when longer than {@code limit}, its start and "..." in {@code limit} characters. */
    static String write(Object term, int limit) {
        TermWriter w = new TermWriter(limit);
        w.term(term);
        w.drain();
        return w.result();
    }

    private void drain() {
        while (!open.isEmpty() && out.length() <= limit) {
            Frame f = open.peek();
            if (f.valuePending) {
                f.valuePending = false;
                out.append(" => ");
                term(f.value);
                continue;
            }
            if (!f.items.hasNext()) {
                out.append(f.close);
                open.pop();
                continue;
            }
            if (f.started) out.append(", ");
            f.started = true;
            Object item = f.items.next();
            switch (f.style) {
                case ELEMENTS -> term(item);
                case KEYWORDS -> {
                    keywordKey(TermOrder.atomName(keyOf(item)));
                    term(valueOf(item));
                }
                case ARROWS -> {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
                    f.valuePending = true;
                    f.value = e.getValue();
                    term(e.getKey());
                }
            }
        }
    }

    private String result() {
        if (out.length() <= limit) return out.toString();
        int cut = limit - 3;
        if (cut > 0 && Character.isHighSurrogate(out.charAt(cut - 1))) cut--;
        return out.substring(0, Math.max(cut, 0)) + "...";
    }

    /** Prints a scalar, or opens a container whose items {@link #drain()} prints. */
    private void term(Object t) {
        switch (t) {
            case null -> out.append("nil");
            case Atom a -> atom(a.name());
            case Boolean b -> out.append(b);
            case Long n -> out.append(n.longValue());
            case Integer n -> out.append(n.intValue());
            case Short n -> out.append(n.shortValue());
            case Byte n -> out.append(n.byteValue());
            case BigInteger n -> out.append(n);
            case Double d -> floatOrJava(d, d);
            case Float f -> floatOrJava(Double.parseDouble(f.toString()), f);
            case String s -> quoted(s, '"');
            case Pid p -> out.append("#PID<").append(p.node()).append('.').append(p.id()).append(".0>");
            case Ref r -> out.append("#Reference<").append(r.node()).append(".0.0.").append(r.id()).append('>');
            case Tuple tu -> container("{", tu.elements().iterator(), Style.ELEMENTS, "}");
            case List<?> l -> container("[", l.iterator(), isKeywords(l) ? Style.KEYWORDS : Style.ELEMENTS, "]");
            case Map<?, ?> m -> {
                List<Map.Entry<?, ?>> entries = TermOrder.sortedEntries(m);
                container("%{", entries.iterator(), hasKeywordKeys(entries) ? Style.KEYWORDS : Style.ARROWS, "}");
            }
            case Throwable e -> {
                out.append('%').append(e.getClass().getName()).append("{message: ");
                String message;
                try {
                    message = e.getMessage();
                } catch (Throwable x) {
                    rethrowFatal(x);
                    out.append("<message unavailable: ").append(x.getClass().getName()).append(" thrown>}");
                    return;
                }
                term(message);
                out.append('}');
            }
            default -> java(t);
        }
    }

    private void container(String opener, Iterator<?> items, Style style, String close) {
        if (open.size() >= Terms.MAX_DEPTH) {
            out.append("...");
            return;
        }
        out.append(opener);
        open.push(new Frame(items, style, close));
    }

    /** Elixir prints a list as keywords when it is all {atom, value} pairs (atoms not starting with "Elixir."). */
    private static boolean isKeywords(List<?> list) {
        if (list.isEmpty()) return false;
        for (Object item : list) {
            if (!(item instanceof Tuple2 pair) || !isKeywordKey(pair.e0())) return false;
        }
        return true;
    }

    /** ...and a map when all its keys are such atoms. */
    private static boolean hasKeywordKeys(List<Map.Entry<?, ?>> entries) {
        if (entries.isEmpty()) return false;
        for (Map.Entry<?, ?> e : entries) {
            if (!isKeywordKey(e.getKey())) return false;
        }
        return true;
    }

    private static boolean isKeywordKey(Object key) {
        String name = TermOrder.atomName(key);
        return name != null && !name.startsWith("Elixir.");
    }

    private static Object keyOf(Object item) {
        return item instanceof Map.Entry<?, ?> e ? e.getKey() : ((Tuple2) item).e0();
    }

    private static Object valueOf(Object item) {
        return item instanceof Map.Entry<?, ?> e ? e.getValue() : ((Tuple2) item).e1();
    }

    private void atom(String name) {
        if (name.equals("true") || name.equals("false") || name.equals("nil")) {
            out.append(name);
        } else if (TermSyntax.isAlias(name)) {
            boolean keepPrefix = name.equals("Elixir") || name.equals("Elixir.Elixir") || name.startsWith("Elixir.Elixir.");
            out.append(keepPrefix ? name : name.substring("Elixir.".length()));
        } else if (TermSyntax.isPlainIdentifier(name) || TermSyntax.isOperator(name)) {
            out.append(':').append(name);
        } else {
            out.append(':');
            quoted(name, '"');
        }
    }

    /** {@code name: } when the name reads as an identifier, else {@code "any text": }. */
    private void keywordKey(String name) {
        if (TermSyntax.isPlainIdentifier(name) && !name.equals("Elixir")) {
            out.append(name);
        } else {
            quoted(name, '"');
        }
        out.append(": ");
    }

    // ---- strings, with Elixir's escapes

    private static final String HEX = "0123456789ABCDEF";

    private void quoted(String s, char quote) {
        out.append(quote);
        for (int i = 0; i < s.length() && out.length() <= limit; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').append((char) cp);
            } else if (cp == '#' && i < s.length() && s.charAt(i) == '{') {
                out.append("\\#");
            } else {
                escaped(cp);
            }
        }
        out.append(quote);
    }

    private void escaped(int cp) {
        switch (cp) {
            case 0 -> out.append("\\0");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case 0x7F -> out.append("\\d");
            case 0x1B -> out.append("\\e");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (isConfusing(cp)) {
                    hex("\\u", cp, 4, "");
                } else if ((cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                        || cp >= 0x10000) {
                    out.appendCodePoint(cp);
                } else if (cp < 0x100) {
                    hex("\\x", cp, 2, "");
                } else {
                    hex("\\x{", cp, 4, "}");              // lone surrogates from Java strings land here
                }
            }
        }
    }

    /** Invisible or look-alike characters, which Elixir shows as &#92;uXXXX. */
    private static boolean isConfusing(int cp) {
        return cp == 0xFEFF || (cp >= 0x2061 && cp <= 0x2064) || cp == 0x061C || cp == 0x200E || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0xFFF9 && cp <= 0xFFFC)
                || cp == 0x200C || cp == 0x200D || cp == 0x034F || cp == 0x00A0 || cp == 0x200B || cp == 0x2060
                || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x205F;
    }

    private void hex(String prefix, int value, int digits, String suffix) {
        out.append(prefix);
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.append(HEX.charAt((value >> shift) & 0xF));
        out.append(suffix);
    }

    // ---- floats

    private void floatOrJava(double d, Object original) {
        if (Double.isFinite(d)) appendFloat(d);
        else java(original);
    }

    /**
     * Elixir's float text: integral values from 1.0 up to 1.0e16 print in full ({@code 1000.0}); other
     * values print the shortest digits that read back exactly, as Erlang's {@code float_to_binary(F, [short])}
     * places them ({@code 0.001}, {@code 1.5e-5}, {@code 1.0e16}).
     */
    private void appendFloat(double d) {
        if (d == 0) {
            out.append(Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0");
            return;
        }
        double abs = Math.abs(d);
        if (d < 0) out.append('-');
        if (abs >= 1.0 && abs < 1.0e16 && abs == Math.rint(abs)) {
            out.append((long) abs).append(".0");
            return;
        }
        // Integral values left are >= 1.0e16 and print with an exponent. Others print without one when that is
        // no longer: 0.001234 and 0.0005, but 1.234e-4 and 5.0e-5 (OTP 25+'s float_to_binary(F, [short])).
        Shortest s = shortest(abs);
        String digits = s.digits();
        int length = digits.length(), place = s.place();
        int exp = place + length - 1;
        String expText = Integer.toString(exp);
        int expLength = length + (length == 1 ? 2 : 1) + 1 + expText.length();
        if (place < 0 && exp >= 0) {
            out.append(digits, 0, length + place).append('.').append(digits, length + place, length);
        } else if (place < 0 && 2 - place <= expLength) {
            out.append("0.").append("0".repeat(-place - length)).append(digits);
        } else {
            out.append(digits.charAt(0)).append('.').append(length == 1 ? "0" : digits.substring(1)).append('e').append(expText);
        }
    }

    /** A positive float as {@code digits × 10^place}, with the fewest digits that read back as the same float. */
    private record Shortest(String digits, int place) {}

    private static Shortest shortest(double abs) {
        String s = Double.toString(abs);                  // shortest digits since JDK 19, e.g. "1.5E-5" or "123.45"
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int place = (e < 0 ? 0 : Integer.parseInt(s.substring(e + 1))) - (mantissa.length() - dot - 1);
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') first++;
        int end = digits.length();
        while (end > first + 1 && digits.charAt(end - 1) == '0') {
            end--;
            place++;
        }
        digits = digits.substring(first, end);
        // Java prints two digits where one would do if the two are closer (4.9E-324); Erlang prints one (5.0e-324).
        if (digits.length() == 2) {
            int lead = digits.charAt(0) - '0';
            BigDecimal down = BigDecimal.valueOf(lead).scaleByPowerOfTen(place + 1);
            BigDecimal up = BigDecimal.valueOf(lead + 1).scaleByPowerOfTen(place + 1);
            boolean downOk = down.doubleValue() == abs, upOk = up.doubleValue() == abs;
            if (downOk || upOk) {
                BigDecimal x = new BigDecimal(abs);
                boolean pickUp = upOk && (!downOk || up.subtract(x).compareTo(x.subtract(down)) < 0);
                if (!pickUp) return new Shortest(String.valueOf(lead), place + 1);
                return lead + 1 == 10 ? new Shortest("1", place + 2) : new Shortest(String.valueOf(lead + 1), place + 1);
            }
        }
        return new Shortest(digits, place);
    }

    // ---- anything else

    private void java(Object t) {
        out.append("#Java<").append(t.getClass().getName()).append(": ").append(javaText(t)).append('>');
    }

    /**
     * {@code toString()}, or when that throws anything (as OTP's logger survives a bad format), a stand-in:
     * {@code com.example.Thing@1b6d3586 <toString unavailable: java.lang.IllegalStateException thrown>}.
     */
    static String javaText(Object t) {
        try {
            return String.valueOf(t);
        } catch (Throwable x) {
            rethrowFatal(x);
            return t.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(t))
                    + " <toString unavailable: " + x.getClass().getName() + " thrown>";
        }
    }

    /**
     * Lets out what no formatting should swallow: running out of memory, or a JVM error. A stack overflow
     * in a user's {@code toString} is the user's bug, unwound by the time it is caught, and prints.
     */
    private static void rethrowFatal(Throwable x) {
        if (x instanceof VirtualMachineError && !(x instanceof StackOverflowError)) throw (VirtualMachineError) x;
    }
}
