package beamscope.runtime;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one term for {@link Terms#parse(String)}; the grammar is described there.
 *
 * <p>Containers that are still open wait on an explicit stack rather than on the Java call stack, so
 * deep nesting is reported as a {@link TermSyntaxException}, never a {@link StackOverflowError}.
 */
final class TermReader {

    private enum Kind {
        TUPLE("{", '}'), LIST("[", ']'), MAP("%{", '}');

        final String opener;
        final char close;

        Kind(String opener, char close) {
            this.opener = opener;
            this.close = close;
        }
    }

    /** A container whose closing bracket has not been read yet. */
    private static final class Open {
        final Kind kind;
        final List<Object> items = new ArrayList<>();
        final LinkedHashMap<Object, Object> entries;
        List<Object> keywords;   // a tuple's trailing keyword pairs, which become its last element
        Object key;              // a key whose value comes next; null when none (keys are never null)
        boolean inKeywords;      // keyword pairs have started: every later element must be one

        Open(Kind kind) {
            this.kind = kind;
            this.entries = kind == Kind.MAP ? new LinkedHashMap<>() : null;
        }

        boolean isEmpty() {
            return key == null && items.isEmpty() && keywords == null && (entries == null || entries.isEmpty());
        }

        void add(Object value) {
            if (kind == Kind.MAP) {
                entries.put(key, value);
            } else if (key == null) {
                items.add(value);
            } else if (kind == Kind.LIST) {
                items.add(new Tuple2(key, value));
            } else {
                if (keywords == null) keywords = new ArrayList<>();
                keywords.add(new Tuple2(key, value));
            }
            key = null;
        }

        Object build() {
            return switch (kind) {
                case LIST -> new TermList(items.toArray());
                case MAP -> new TermMap(entries);
                case TUPLE -> {
                    if (keywords != null) items.add(new TermList(keywords.toArray()));
                    yield Tuple.of(items.toArray());
                }
            };
        }
    }

    private final String in;
    private final ReadLimits limits;
    private int pos;
    private final ArrayDeque<Open> open = new ArrayDeque<>();
    /** New atoms held aside by a first pass, by name; null when atoms are interned as they are read. */
    private final Map<String, Atom> newAtoms;

    private TermReader(String in, ReadLimits limits, boolean holdNewAtomsAside) {
        this.in = in;
        this.limits = limits;
        this.newAtoms = holdNewAtomsAside ? new HashMap<>() : null;
    }

    /**
     * Reads one term within {@code limits}. Without a bound on new atoms, in one pass that interns atoms
     * as it meets them. With one, a first pass holds new atoms aside and counts them; when the text reads
     * and needs no new atom, that pass's term is the result, and otherwise a second pass interns them, so a
     * text that fails creates no atom.
     */
    static Object read(String in, ReadLimits limits) {
        if (limits.maxNewAtoms() == Integer.MAX_VALUE) return new TermReader(in, limits, false).read();
        TermReader first = new TermReader(in, limits, true);
        Object term = first.read();
        return first.newAtoms.isEmpty() ? term : new TermReader(in, limits, false).read();
    }

    private Object read() {
        if (in.length() > limits.maxChars()) throw fail(limits.maxChars(), "at most " + limits.maxChars() + " characters of text");
        skipBlank();
        while (true) {
            Object value = readElement();
            while (value != null) {          // a finished value: hand it to the innermost open container
                skipBlank();
                Open top = open.peek();
                if (top == null) {
                    if (pos < in.length()) throw fail(pos, "end of input");
                    return value;
                }
                value = accept(top, value);
            }
        }
    }

    /** Reads the next element of the innermost container; null when that opened a new container. */
    private Object readElement() {
        Open top = open.peek();
        if (top != null && top.key == null) {
            if (top.isEmpty() && is(top.kind.close)) {
                pos++;
                open.pop();
                return top.build();
            }
            Atom key = readKeywordKey();
            if (key != null) {
                top.key = key;
                top.inKeywords = true;
            } else if (top.inKeywords) {
                throw fail(pos, "a keyword key like name: (keyword pairs must come last)");
            }
        }
        return readValue();
    }

    /** Stores a finished value in {@code top}; returns the container's value when this closed it, else null. */
    private Object accept(Open top, Object value) {
        if (top.kind == Kind.MAP && top.key == null) {   // the value was a key
            if (!in.startsWith("=>", pos)) throw fail(pos, "'=>'");
            pos += 2;
            skipBlank();
            top.key = value;
            return null;
        }
        top.add(value);
        if (is(',')) {
            pos++;
            skipBlank();
            if (is(top.kind.close)) throw fail(pos, "a term after ',' (trailing commas are not allowed)");
            return null;
        }
        if (is(top.kind.close)) {
            pos++;
            open.pop();
            return top.build();
        }
        throw fail(pos, "',' or '" + top.kind.close + "'");
    }

    private Object readValue() {
        if (pos >= in.length()) throw fail(pos, "a term");
        char c = in.charAt(pos);
        switch (c) {
            case '{' -> { return openContainer(Kind.TUPLE); }
            case '[' -> { return openContainer(Kind.LIST); }
            case '%' -> {
                if (!in.startsWith("%{", pos)) throw fail(pos + 1, "'{' after '%' (structs are not supported)");
                return openContainer(Kind.MAP);
            }
            case ':' -> { return readAtom(); }
            case '"' -> { return readQuoted('"'); }
            case '\'' -> { return charlist(readQuoted('\'')); }
            case '~' -> { return readSigil(); }
            case '#' -> { return readPidOrRef(); }
            default -> { }
        }
        if (c == '-' || isDigit(c)) return readNumber();
        if (TermSyntax.isAsciiUpper(c)) return readAlias();
        if (TermSyntax.isIdentifierStart(in.codePointAt(pos))) return readWord();
        throw fail(pos, "a term");
    }

    private Object openContainer(Kind kind) {
        if (open.size() >= Terms.MAX_DEPTH) throw fail(pos, "at most " + Terms.MAX_DEPTH + " levels of nesting");
        open.push(new Open(kind));
        pos += kind.opener.length();
        skipBlank();
        return null;
    }

    /**
     * Reads a keyword key such as {@code name: } or {@code "any text": } (the colon right after the
     * name, then whitespace, as Elixir requires). Returns null, having read nothing, when there is none.
     */
    private Atom readKeywordKey() {
        int start = pos;
        String name;
        if (is('"')) {
            int end = quotedEnd(pos);
            if (end < 0 || !isKeyColon(end)) return null;
            name = readQuoted('"');
        } else {
            int end = TermSyntax.identifierEnd(in, pos);
            if (end == pos || !isKeyColon(end)) return null;
            name = nfc(in.substring(pos, end));
            pos = end;
        }
        pos++;                                            // the ':'
        if (pos < in.length() && !isBlank(in.charAt(pos))) throw fail(pos, "a space after the keyword key's ':'");
        skipBlank();
        return atom(start, name);
    }

    private boolean isKeyColon(int i) {
        return i < in.length() && in.charAt(i) == ':' && (i + 1 == in.length() || in.charAt(i + 1) != ':');
    }

    /** The index just after the string literal opening at {@code start}, or -1 when it is not closed. */
    private int quotedEnd(int start) {
        char quote = in.charAt(start);
        for (int i = start + 1; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == '\\') i++;
            else if (c == quote) return i + 1;
        }
        return -1;
    }

    private Atom readAtom() {
        int start = pos++;                                // the ':'
        if (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '"' || c == '\'') return atom(start, readQuoted(c));
            int end = TermSyntax.identifierEnd(in, pos);
            if (end > pos) {
                String name = nfc(in.substring(pos, end));
                pos = end;
                return atom(start, name);
            }
            for (String op : TermSyntax.OPERATORS) {
                if (in.startsWith(op, pos)) {
                    pos += op.length();
                    return atom(start, op);
                }
            }
        }
        throw fail(pos, "an atom name after ':'");
    }

    /** {@code Foo.Bar} is the atom {@code Elixir.Foo.Bar}; {@code Elixir.Foo} is the same atom. */
    private Atom readAlias() {
        int start = pos;
        while (true) {
            pos++;                                        // the segment's capital letter
            while (pos < in.length() && TermSyntax.isAliasPart(in.charAt(pos))) pos++;
            if (!is('.')) break;
            pos++;
            if (pos >= in.length() || !TermSyntax.isAsciiUpper(in.charAt(pos))) {
                throw fail(pos, "a capitalised alias segment after '.'");
            }
        }
        String name = in.substring(start, pos);
        return atom(start, name.equals("Elixir") || name.startsWith("Elixir.") ? name : "Elixir." + name);
    }

    /**
     * The atom named {@code name}, written at {@code at}: an existing one, else a new one within the limits
     * (held aside in a first pass, interned in the last).
     */
    private Atom atom(int at, String name) {
        if (!Atom.isValidName(name)) throw fail(at, "an atom of at most " + Atom.MAX_NAME_LENGTH + " characters (system_limit)");
        Atom existing = Atom.lookup(name);
        if (existing != null) return existing;
        if (newAtoms != null) {
            Atom aside = newAtoms.get(name);
            if (aside == null) {
                if (newAtoms.size() >= limits.maxNewAtoms()) {
                    throw fail(at, "an existing atom (this text may create at most " + limits.maxNewAtoms() + " new atoms)");
                }
                aside = new Atom(name);
                newAtoms.put(name, aside);
            }
            return aside;
        }
        try {
            return Atom.of(name);
        } catch (ErlangError e) {
            throw fail(at, "an existing atom (system_limit: the atom table is full, " + Atom.tableLimit() + " atoms)");
        }
    }

    private Atom readWord() {
        int end = TermSyntax.identifierEnd(in, pos);
        String word = in.substring(pos, end);
        Atom atom = switch (word) {
            case "true" -> Atom.TRUE;
            case "false" -> Atom.FALSE;
            case "nil" -> Atom.NIL;
            default -> throw fail(pos, "a term (an atom is written with a colon, as in :" + word + ")");
        };
        pos = end;
        return atom;
    }

    private Object readNumber() {
        int start = pos;
        boolean negative = is('-');
        if (negative) {
            pos++;
            if (pos >= in.length() || !isDigit(in.charAt(pos))) throw fail(pos, "a digit after '-'");
        }
        int radix = 10;
        if (in.charAt(pos) == '0' && pos + 1 < in.length()) {
            radix = switch (in.charAt(pos + 1)) {
                case 'x' -> 16;
                case 'o' -> 8;
                case 'b' -> 2;
                default -> 10;
            };
            if (radix != 10) pos += 2;
        }
        String whole = digits(radix);
        if (radix == 10 && is('.') && pos + 1 < in.length() && isDigit(in.charAt(pos + 1))) {
            pos++;
            String fraction = digits(10);
            String exponent = "";
            if (is('e') || is('E')) {
                pos++;
                String sign = is('-') || is('+') ? String.valueOf(in.charAt(pos++)) : "";
                exponent = "e" + sign + digits(10);
            }
            endOfNumber(10);
            double d = Double.parseDouble((negative ? "-" : "") + whole + "." + fraction + exponent);
            if (Double.isInfinite(d)) throw fail(start, "a float within the 64-bit range");
            return d;
        }
        endOfNumber(radix);
        return integer(whole, radix, negative);
    }

    /** Digits in {@code radix}, with single underscores allowed between them; returns the digits alone. */
    private String digits(int radix) {
        if (pos >= in.length() || digitValue(in.charAt(pos)) >= radix) throw fail(pos, digitName(radix));
        StringBuilder sb = new StringBuilder();
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (digitValue(c) < radix) {
                sb.append(c);
                pos++;
            } else if (c == '_' && pos + 1 < in.length() && digitValue(in.charAt(pos + 1)) < radix) {
                pos++;
            } else {
                break;
            }
        }
        return sb.toString();
    }

    /** A number must not run into letters or digits: 12abc, 0b102, 1.5.3. */
    private void endOfNumber(int radix) {
        if (pos >= in.length()) return;
        char c = in.charAt(pos);
        if (radix != 10 && digitValue(c) < 10) throw fail(pos, digitName(radix));
        if (TermSyntax.isIdentifierPart(in.codePointAt(pos)) || c == '.' && pos + 1 < in.length() && isDigit(in.charAt(pos + 1))) {
            throw fail(pos, "the end of the number");
        }
    }

    private static Object integer(String digits, int radix, boolean negative) {
        if (digits.length() <= 15) {                      // 16^15 = 2^60: fits a long in every radix
            long v = Long.parseLong(digits, radix);
            return negative ? -v : v;
        }
        BigInteger b = radix == 10 ? decimal(digits, 0, digits.length(), new ArrayList<>()) : powerOfTwoRadix(digits, radix);
        return Terms.normalise(negative ? b.negate() : b);
    }

    /** Decimal digits a long always holds. */
    private static final int CHUNK = 18;

    /**
     * The value of {@code digits[from, to)}, divide and conquer: the low part is the last {@code CHUNK·2^k}
     * digits for the largest such count below the length, so the parts are at most as long as each other and
     * {@code high · 10^(CHUNK·2^k) + low} needs only the powers {@code tens.get(k)}, each the square of the one
     * before. With BigInteger's Karatsuba and Toom-Cook products this takes O(M(n) log n), where
     * {@code new BigInteger(String)} takes O(n²): a million digits in a fraction of a second instead of ~11 s.
     */
    private static BigInteger decimal(String digits, int from, int to, List<BigInteger> tens) {
        int n = to - from;
        if (n <= CHUNK) return BigInteger.valueOf(Long.parseLong(digits, from, to, 10));
        int k = 0;
        while ((long) CHUNK << (k + 1) < n) k++;
        int lowLength = CHUNK << k;
        BigInteger high = decimal(digits, from, to - lowLength, tens);
        BigInteger low = decimal(digits, to - lowLength, to, tens);
        return high.multiply(tenToTheChunkTimesTwoToThe(k, tens)).add(low);
    }

    /** {@code 10^(CHUNK·2^k)}, computed once per parse by squaring. */
    private static BigInteger tenToTheChunkTimesTwoToThe(int k, List<BigInteger> tens) {
        if (tens.isEmpty()) tens.add(BigInteger.TEN.pow(CHUNK));
        while (tens.size() <= k) tens.add(tens.get(tens.size() - 1).pow(2));
        return tens.get(k);
    }

    /** Hexadecimal, octal or binary digits: each gives a fixed number of bits, laid into bytes from the end. */
    private static BigInteger powerOfTwoRadix(String digits, int radix) {
        int bitsPerDigit = Integer.numberOfTrailingZeros(radix);
        byte[] bytes = new byte[(int) (((long) digits.length() * bitsPerDigit + 7) / 8)];
        int at = bytes.length - 1, pending = 0, pendingBits = 0;
        for (int i = digits.length() - 1; i >= 0; i--) {
            pending |= digitValue(digits.charAt(i)) << pendingBits;
            pendingBits += bitsPerDigit;
            if (pendingBits >= 8) {
                bytes[at--] = (byte) pending;
                pending >>>= 8;
                pendingBits -= 8;
            }
        }
        if (pendingBits > 0) bytes[at] = (byte) pending;
        return new BigInteger(1, bytes);
    }

    /** A string or charlist body up to its closing quote, with escapes resolved. */
    private String readQuoted(char quote) {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= in.length()) throw fail(start, quote == '"' ? "a closing '\"'" : "a closing \"'\"");
            char c = in.charAt(pos);
            if (c == quote) {
                pos++;
                return sb.toString();
            }
            if (c == '\\') {
                readEscape(sb);
            } else if (c == '#' && pos + 1 < in.length() && in.charAt(pos + 1) == '{') {
                throw fail(pos, "text without #{} interpolation (write \\#{ for the characters #{)");
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    private void readEscape(StringBuilder sb) {
        int start = pos++;                                // the backslash
        if (pos >= in.length()) return;                   // the caller reports the missing closing quote
        char e = in.charAt(pos++);
        switch (e) {
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'd' -> sb.append('\u007F');
            case 'e' -> sb.append('\u001B');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 's' -> sb.append(' ');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000B');
            case '0' -> sb.append('\0');
            case '\n' -> { }                              // a backslash before a newline joins the lines
            case 'x' -> sb.appendCodePoint(codePoint(start, is('{') ? 6 : 2, 1));
            case 'u' -> sb.appendCodePoint(codePoint(start, is('{') ? 6 : 4, 4));
            default -> sb.append(e);                      // \" \' \\ \# and any other character stand for themselves
        }
    }

    /** The hex digits of a \x or &#92;u escape: {@code {1-6 digits}}, or between {@code min} and {@code max} bare digits. */
    private int codePoint(int escapeStart, int max, int min) {
        boolean braced = is('{');
        if (braced) {
            pos++;
            min = 1;
        }
        int value = 0, count = 0;
        while (count < max && pos < in.length() && digitValue(in.charAt(pos)) < 16) {
            value = value * 16 + digitValue(in.charAt(pos++));
            count++;
        }
        if (count < min) throw fail(pos, "a hexadecimal digit");
        if (braced) {
            if (!is('}')) throw fail(pos, "'}'");
            pos++;
        }
        if (value > Character.MAX_CODE_POINT) throw fail(escapeStart, "a code point no greater than 10FFFF");
        return value;
    }

    private Object readSigil() {
        if (in.startsWith("~c\"", pos) || in.startsWith("~c'", pos)) {
            pos += 2;                                     // "~c", then the string from its quote
            return charlist(readQuoted(in.charAt(pos)));
        }
        throw fail(pos, "a term (of the sigils only ~c\"...\" is supported)");
    }

    private static List<Object> charlist(String s) {
        return s.codePoints().mapToObj(cp -> (Object) (long) cp).toList();
    }

    private Object readPidOrRef() {
        if (in.startsWith("#PID<", pos)) {
            pos += "#PID<".length();
            long node = number(Integer.MAX_VALUE);
            expect('.');
            long id = number(Long.MAX_VALUE);
            expect('.');
            int third = pos;
            if (number(Long.MAX_VALUE) != 0) throw fail(third, "0 as the third number (only pids of the form #PID<N.ID.0> exist here)");
            expect('>');
            return new Pid((int) node, id);
        }
        if (in.startsWith("#Reference<", pos)) {
            pos += "#Reference<".length();
            long node = number(Integer.MAX_VALUE);
            for (int i = 0; i < 2; i++) {                 // the middle numbers carry nothing here
                expect('.');
                number(Long.MAX_VALUE);
            }
            expect('.');
            long id = number(Long.MAX_VALUE);
            expect('>');
            return new Ref((int) node, id);
        }
        throw fail(pos, "a term");                        // unreachable: any other '#' starts a comment
    }

    /** Plain decimal digits, no greater than {@code max}. */
    private long number(long max) {
        int start = pos;
        if (pos >= in.length() || !isDigit(in.charAt(pos))) throw fail(pos, "a number");
        long value = 0;
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            int d = in.charAt(pos) - '0';
            if (value > (max - d) / 10) throw fail(start, "a number no greater than " + max);
            value = value * 10 + d;
            pos++;
        }
        return value;
    }

    private void expect(char c) {
        if (!is(c)) throw fail(pos, "'" + c + "'");
        pos++;
    }

    /** Skips whitespace and comments; a '#' starts a comment unless it starts {@code #PID<} or {@code #Reference<}. */
    private void skipBlank() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (isBlank(c)) {
                pos++;
            } else if (c == '#' && !in.startsWith("#PID<", pos) && !in.startsWith("#Reference<", pos)) {
                while (pos < in.length() && in.charAt(pos) != '\n') pos++;
            } else {
                return;
            }
        }
    }

    private boolean is(char c) {
        return pos < in.length() && in.charAt(pos) == c;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of an ASCII hex digit, or 99 for any other character. */
    private static int digitValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return 99;
    }

    private static String digitName(int radix) {
        return switch (radix) {
            case 16 -> "a hexadecimal digit";
            case 8 -> "an octal digit";
            case 2 -> "a binary digit";
            default -> "a digit";
        };
    }

    /** Elixir normalises unquoted identifiers to NFC. */
    private static String nfc(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) return Normalizer.normalize(name, Normalizer.Form.NFC);
        }
        return name;
    }

    private TermSyntaxException fail(int at, String expected) {
        return new TermSyntaxException(in, at, expected);
    }
}
