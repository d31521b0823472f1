package beamscope.elixir;

import beamscope.elixir.Token.Interpolation;
import beamscope.elixir.Token.Kind;
import beamscope.elixir.Token.Text;
import beamscope.elixir.Token.TextKind;
import beamscope.runtime.Atom;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Elixir source into {@link Token}s, as Elixir 1.14's tokenizer does for the language the parser reads.
 * The text inside {@code #{...}} is tokenised here too (into an {@link Interpolation}), so the parser never
 * looks at characters. Newlines become one EOL token per run; an EOL right before an operator that can only
 * be binary is dropped, as Elixir does, so a pipeline may start its lines with {@code |>}.
 */
final class Lexer {

    /** Operators by length, longest first, so that the longest match wins. */
    private static final String[] OPERATORS = {
            "===", "!==", "<<<", ">>>", "~~~", "|||", "&&&", "^^^", "<<~", "~>>", "<~>", "<|>", "+++", "---", "...",
            "==", "!=", "<=", ">=", "=~", "&&", "||", "|>", "<-", "->", "=>", "::", "++", "--", "<>", "..", "**",
            "//", "<~", "~>", "\\\\", "<<", ">>",
            "+", "-", "*", "/", "=", "<", ">", "!", "^", "&", "|", "@"};

    /** Operators that can only stand between two operands: a newline before one of them does not end the expression. */
    private static final java.util.Set<String> BINARY_ONLY = java.util.Set.of(
            "===", "!==", "<<<", ">>>", "|||", "&&&", "^^^", "<<~", "~>>", "<~>", "<|>", "+++", "---",
            "==", "!=", "<=", ">=", "=~", "&&", "||", "|>", "<-", "=>", "::", "++", "--", "<>", "..", "**",
            "//", "<~", "~>", "\\\\", "*", "/", "=", "<", ">", "|", "and", "or", "in", "when", "not in");

    private static final int MAX_DEPTH = ElixirParser.MAX_DEPTH;

    private final String src;
    private final String file;
    private int pos;
    private int line = 1;
    private int col = 1;
    private int depth;

    Lexer(String src, String file) {
        this.src = src;
        this.file = file;
    }

    List<Token> tokenize() {
        return tokens(false);
    }

    ElixirSyntaxError error(int line, int column, String what) {
        return new ElixirSyntaxError(file, line, column, what);
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private boolean atEnd() {
        return pos >= src.length();
    }

    private char advance() {
        char c = src.charAt(pos++);
        if (c == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        return c;
    }

    private boolean startsWith(String s) {
        return src.startsWith(s, pos);
    }

    private void skip(int n) {
        for (int i = 0; i < n; i++) advance();
    }

    static boolean identStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c > 127 && Character.isLowerCase(c));
    }

    static boolean aliasStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c > 127 && Character.isUpperCase(c));
    }

    static boolean identPart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || (c > 127 && Character.isLetterOrDigit(c));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Tokens up to the end of the text, or (inside an interpolation) up to the unmatched '}', which is consumed. */
    private List<Token> tokens(boolean untilBrace) {
        List<Token> out = new ArrayList<>();
        int braces = 0;
        boolean space = false;
        int startLine = line;
        int startCol = col;
        int commentLine = 0;
        int commentColumn = 0;
        List<Token> open = new ArrayList<>(); // unclosed ( [ { %{ << do fn, innermost last
        while (true) {
            if (atEnd()) {
                if (!open.isEmpty()) {
                    Token o = open.get(open.size() - 1);
                    throw error(line, col, "missing terminator: " + closerOf(o) + " (for \"" + o.value() + "\" starting at line " + o.line() + ")");
                }
                if (untilBrace) throw error(startLine, startCol, "missing interpolation terminator: \"}\"");
                out.add(new Token(Kind.EOF, "", line, col, space));
                return out;
            }
            char c = peek(0);
            int l = line;
            int k = col;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                advance();
                space = true;
                continue;
            }
            if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
                skip(peek(1) == '\n' ? 2 : 3);
                space = true;
                continue;
            }
            if (c == '#') {
                commentLine = l;
                commentColumn = k;
                while (!atEnd() && peek(0) != '\n') advance();
                space = true;
                continue;
            }
            if (c == '\n') {
                advance();
                if (commentLine == l) k = commentColumn; // Elixir places the end of a commented line at the comment
                if (out.isEmpty() || out.get(out.size() - 1).kind() != Kind.EOL) out.add(new Token(Kind.EOL, "\n", l, k, space));
                space = false;
                continue;
            }
            Token t = next(c, l, k, space);
            space = false;
            if (t.kind() == Kind.PUNCT) {
                String p = (String) t.value();
                if (p.equals("{") || p.equals("%{")) braces++;
                else if (p.equals("}")) {
                    if (braces == 0 && untilBrace) {
                        out.add(new Token(Kind.EOF, "", l, k, t.space()));
                        return out;
                    }
                    braces--;
                }
            }
            boolean afterDot = !out.isEmpty() && out.get(out.size() - 1).isPunct(".");
            if (afterDot && t.kind() == Kind.IDENT) {
                // Mod.fn(...), x.end: a function's name, not a block word
            } else if (t.isPunct("(") || t.isPunct("[") || t.isPunct("{") || t.isPunct("%{") || t.isOp("<<") || t.is(Kind.IDENT, "do")
                    || t.is(Kind.IDENT, "fn")) {
                if (open.size() >= MAX_DEPTH) throw error(l, k, "too deeply nested: more than " + MAX_DEPTH + " levels");
                open.add(t);
            } else if (t.isPunct(")") || t.isPunct("]") || t.isPunct("}") || t.isOp(">>") || t.is(Kind.IDENT, "end")) {
                String closer = (String) t.value();
                if (open.isEmpty()) {
                    if (closer.equals("end")) {
                        throw error(l, k, "unexpected reserved word: end");
                    }
                    throw error(l, k, "unexpected token: " + closer);
                }
                Token o = open.get(open.size() - 1);
                if (!closerOf(o).equals(closer)) {
                    throw error(l, k, "unexpected " + (closer.equals("end") ? "reserved word: " : "token: ") + closer
                            + ". The \"" + o.value() + "\" at line " + o.line() + " is missing terminator \"" + closerOf(o) + "\"");
                }
                open.remove(open.size() - 1);
            }
            if (t.kind() == Kind.OP && BINARY_ONLY.contains((String) t.value())
                    || t.kind() == Kind.IDENT && BINARY_ONLY.contains((String) t.value())
                    || t.isPunct(".") ) {
                // an operator that continues the expression of the line before
                if (!out.isEmpty() && out.get(out.size() - 1).kind() == Kind.EOL) out.remove(out.size() - 1);
            }
            out.add(t);
        }
    }

    private static String closerOf(Token opener) {
        return switch ((String) opener.value()) {
            case "(" -> ")";
            case "[" -> "]";
            case "{", "%{" -> "}";
            case "<<" -> ">>";
            default -> "end";
        };
    }

    private Token next(char c, int l, int k, boolean space) {
        if (isDigit(c)) return number(l, k, space);
        if (identStart(c)) return identifier(l, k, space);
        if (aliasStart(c)) {
            int start = pos;
            while (!atEnd() && identPart(peek(0))) advance();
            String name = src.substring(start, pos);
            atom(name, l, k);
            keywordNeedsSpace(name, l, k);
            if (peek(0) == ':' && peek(1) != ':') {
                advance();
                return new Token(Kind.KW, name, l, k, space);
            }
            if (peek(0) == '(') {
                // as Elixir's tokenizer says it (before any parsing), one column past the parenthesis
                throw error(l, k + name.length() + 1, "unexpected ( after alias " + name + ". Function names and identifiers"
                        + " in Elixir start with lowercase characters or underscore. For example:\n\n    hello_world()\n"
                        + "    _starting_with_underscore()\n    numb3rs_are_allowed()\n    may_finish_with_question_mark?()\n"
                        + "    may_finish_with_exclamation_mark!()\n\nUnexpected token: (");
            }
            return new Token(Kind.ALIAS, name, l, k, space);
        }
        switch (c) {
            case '"' -> {
                Text text = startsWith("\"\"\"") ? heredoc('"', TextKind.STRING, null, "\"\"\"") : quoted('"', '"', TextKind.STRING, null, true);
                if (!text.heredoc() && peek(0) == ':' && peek(1) != ':' && isSpaceOrEnd(peek(1))) {
                    advance();
                    return new Token(Kind.KW, text, l, k, space);
                }
                return new Token(Kind.TEXT, text, l, k, space);
            }
            case '\'' -> {
                Text text = startsWith("'''") ? heredoc('\'', TextKind.CHARLIST, null, "'''") : quoted('\'', '\'', TextKind.CHARLIST, null, true);
                if (!text.heredoc() && peek(0) == ':' && peek(1) != ':' && isSpaceOrEnd(peek(1))) {
                    advance();
                    return new Token(Kind.KW, text, l, k, space);
                }
                return new Token(Kind.TEXT, text, l, k, space);
            }
            case '?' -> {
                if (pos + 1 >= src.length()) throw error(l, k, "syntax error: expression is incomplete");
                advance();
                int cp;
                if (peek(0) == '\\') {
                    advance();
                    if (atEnd()) throw error(l, k, "syntax error: expression is incomplete");
                    StringBuilder sb = new StringBuilder();
                    char escaped = peek(0);
                    escape(sb, l, k);
                    cp = sb.isEmpty() ? escaped : sb.codePointAt(0);
                } else {
                    cp = src.codePointAt(pos);
                    skip(Character.charCount(cp));
                }
                return new Token(Kind.CHAR, (long) cp, l, k, space);
            }
            case '~' -> {
                char n = peek(1);
                if ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z')) return sigil(l, k, space);
            }
            case ':' -> {
                if (peek(1) == ':') break;
                char n = peek(1);
                if (n == '"' || n == '\'') {
                    advance();
                    Text text = quoted(n, n, TextKind.ATOM, null, true);
                    if (text.parts().size() == 1 && text.parts().get(0) instanceof String s) return new Token(Kind.ATOM, atom(s, l, k), l, k, space);
                    if (text.parts().isEmpty()) return new Token(Kind.ATOM, atom("", l, k), l, k, space);
                    return new Token(Kind.TEXT, text, l, k, space);
                }
                if (identStart(n) || aliasStart(n)) {
                    advance();
                    int start = pos;
                    while (!atEnd() && (identPart(peek(0)) || peek(0) == '@')) advance();
                    if (peek(0) == '?' || peek(0) == '!') advance();
                    return new Token(Kind.ATOM, atom(src.substring(start, pos), l, k), l, k, space);
                }
                for (String special : new String[] {"%{}", "{}", "<<>>", "[]", "%"}) {
                    if (src.startsWith(special, pos + 1)) {
                        advance();
                        skip(special.length());
                        return new Token(Kind.ATOM, Atom.of(special), l, k, space);
                    }
                }
                for (String op : OPERATORS) {
                    if (src.startsWith(op, pos + 1)) {
                        advance();
                        skip(op.length());
                        return new Token(Kind.ATOM, Atom.of(op), l, k, space);
                    }
                }
                if (src.startsWith(".", pos + 1)) {
                    skip(2);
                    return new Token(Kind.ATOM, Atom.of("."), l, k, space);
                }
                throw unexpectedCharacter(l, k);
            }
            case '(', ')', '[', ']', '{', '}', ',', ';' -> {
                advance();
                return new Token(Kind.PUNCT, String.valueOf(c), l, k, space);
            }
            case '%' -> {
                advance();
                if (peek(0) == '{') {
                    advance();
                    return new Token(Kind.PUNCT, "%{", l, k, space);
                }
                return new Token(Kind.PUNCT, "%", l, k, space);
            }
            case '.' -> {
                if (!startsWith("..")) {
                    advance();
                    return new Token(Kind.PUNCT, ".", l, k, space);
                }
            }
            default -> {
            }
        }
        for (String op : OPERATORS) {
            if (startsWith(op)) {
                skip(op.length());
                return new Token(Kind.OP, op, l, k, space);
            }
        }
        throw unexpectedCharacter(l, k);
    }

    private ElixirSyntaxError unexpectedCharacter(int l, int k) {
        int cp = src.codePointAt(pos);
        return error(l, k, "unexpected token: \"" + new String(Character.toChars(cp)) + "\" (column " + k
                + ", code point U+" + String.format("%04X", cp) + ")");
    }

    private static boolean isSpaceOrEnd(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
    }

    private Atom atom(String name, int l, int k) {
        if (name.length() > Atom.MAX_NAME_LENGTH) throw error(l, k, "atom length must be less than system limit: " + name);
        try {
            return Atom.of(name);
        } catch (RuntimeException e) {
            throw error(l, k, "atom table is full: " + e.getMessage());
        }
    }

    /** {@code k:v}: Elixir wants a space after a keyword's colon. */
    private void keywordNeedsSpace(String name, int l, int k) {
        if (peek(0) == ':' && peek(1) != ':' && !isSpaceOrEnd(peek(1))) {
            throw error(l, k, "keyword argument must be followed by space after: " + name + ":");
        }
    }

    private Token identifier(int l, int k, boolean space) {
        int start = pos;
        while (!atEnd() && identPart(peek(0))) advance();
        if (peek(0) == '?' || peek(0) == '!') advance();
        String name = src.substring(start, pos);
        atom(name, l, k); // an identifier longer than an atom may be is refused here, where it is
        keywordNeedsSpace(name, l, k);
        if (peek(0) == ':' && peek(1) != ':' && isSpaceOrEnd(peek(1))) {
            advance();
            return new Token(Kind.KW, name, l, k, space);
        }
        if (peek(0) == '@') {
            int end = pos;
            while (end < src.length() && (identPart(src.charAt(end)) || src.charAt(end) == '@')) end++;
            throw error(l, k, "invalid character \"@\" (code point U+0040) in identifier: " + src.substring(start, end));
        }
        if (name.equals("not")) {
            // "not in" is one operator
            int save = pos, saveLine = line, saveCol = col;
            int p = pos;
            while (p < src.length() && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) p++;
            if (p > pos && src.startsWith("in", p) && (p + 2 >= src.length() || !identPart(src.charAt(p + 2)) && src.charAt(p + 2) != ':')) {
                skip(p + 2 - pos);
                return new Token(Kind.IDENT, "not in", l, k, space);
            }
            pos = save;
            line = saveLine;
            col = saveCol;
        }
        return new Token(Kind.IDENT, name, l, k, space);
    }

    private Token number(int l, int k, boolean space) {
        int start = pos;
        if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'o' || peek(1) == 'b')) {
            int radix = peek(1) == 'x' ? 16 : peek(1) == 'o' ? 8 : 2;
            skip(2);
            StringBuilder digits = new StringBuilder();
            while (!atEnd() && (Character.digit(peek(0), radix) >= 0 || (peek(0) == '_' && digits.length() > 0 && Character.digit(peek(1), radix) >= 0))) {
                char d = advance();
                if (d != '_') digits.append(d);
            }
            if (digits.isEmpty()) throw error(l, k, "invalid number: " + src.substring(start, pos));
            return new Token(Kind.INT, normalise(new BigInteger(digits.toString(), radix)), l, k, space);
        }
        StringBuilder digits = new StringBuilder();
        readDigits(digits);
        boolean isFloat = false;
        if (peek(0) == '.' && isDigit(peek(1))) {
            isFloat = true;
            digits.append(advance());
            readDigits(digits);
            if ((peek(0) == 'e' || peek(0) == 'E') && (isDigit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && isDigit(peek(2))))) {
                digits.append(advance());
                if (peek(0) == '-' || peek(0) == '+') digits.append(advance());
                readDigits(digits);
            }
        }
        if (identPart(peek(0)) && !atEnd()) throw error(line, col, "invalid number: " + src.substring(start, pos + 1));
        if (isFloat) {
            double d = Double.parseDouble(digits.toString());
            if (Double.isInfinite(d)) throw error(l, k, "invalid float number " + src.substring(start, pos));
            return new Token(Kind.FLOAT, d, l, k, space);
        }
        return new Token(Kind.INT, normalise(new BigInteger(digits.toString())), l, k, space);
    }

    private void readDigits(StringBuilder digits) {
        while (!atEnd() && (isDigit(peek(0)) || (peek(0) == '_' && isDigit(peek(1)) && pos > 0 && isDigit(src.charAt(pos - 1))))) {
            char d = advance();
            if (d != '_') digits.append(d);
        }
    }

    private static Object normalise(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private Token sigil(int l, int k, boolean space) {
        advance(); // ~
        char letter = advance();
        boolean interpolate = letter >= 'a' && letter <= 'z';
        char open = peek(0);
        Text text;
        if (startsWith("\"\"\"") || startsWith("'''")) {
            String delim = src.substring(pos, pos + 3);
            text = heredoc(open, TextKind.SIGIL, String.valueOf(letter), delim, interpolate);
        } else {
            char close = switch (open) {
                case '(' -> ')';
                case '[' -> ']';
                case '{' -> '}';
                case '<' -> '>';
                case '/', '|', '"', '\'' -> open;
                default -> throw error(l, k, "invalid sigil delimiter: \"" + (atEnd() ? "" : String.valueOf(open)) + "\" (column " + col + ", code point " + (int) open + "). The available delimiters are: //, ||, \"\", '', (), [], {}, <>");
            };
            text = quoted(open, close, TextKind.SIGIL, String.valueOf(letter), interpolate);
        }
        int start = pos;
        while (!atEnd() && ((peek(0) >= 'a' && peek(0) <= 'z') || (peek(0) >= 'A' && peek(0) <= 'Z') || isDigit(peek(0)))) advance();
        String modifiers = src.substring(start, pos);
        text = new Text(text.kind(), text.parts(), text.sigil(), text.delimiter(), modifiers, text.heredoc(), text.indentation());
        return new Token(Kind.TEXT, text, l, k, space);
    }

    /**
     * Text between {@code open} (at pos) and {@code close}. Strings, charlists and atoms unescape; sigils keep the
     * backslashes (the sigil's function handles them), except before the closing delimiter.
     */
    private Text quoted(char open, char close, TextKind kind, String sigil, boolean interpolate) {
        int l = line, k = col;
        advance();
        List<Object> parts = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean escapes = kind != TextKind.SIGIL;
        while (true) {
            if (atEnd()) throw error(line, col, "missing terminator: " + close + " (for " + describeOpen(kind, sigil, open) + " starting at line " + l + ")");
            char c = peek(0);
            if (c == close) {
                advance();
                break;
            }
            if (c == '\\') {
                if (escapes) {
                    int el = line, ek = col;
                    advance();
                    if (atEnd()) continue;
                    escape(sb, el, ek);
                } else {
                    advance();
                    if (atEnd()) continue;
                    char n = peek(0);
                    if (n == close) {
                        sb.append(advance());
                    } else if (interpolate && n == '\\') {
                        sb.append('\\').append(advance());
                    } else {
                        sb.append('\\');
                    }
                }
                continue;
            }
            if (interpolate && c == '#' && peek(1) == '{') {
                flush(parts, sb);
                parts.add(interpolation());
                continue;
            }
            sb.appendCodePoint(src.codePointAt(pos));
            skip(Character.charCount(src.codePointAt(pos)));
        }
        flush(parts, sb);
        return new Text(kind, List.copyOf(parts), sigil, String.valueOf(open), "", false, 0);
    }

    private static String describeOpen(TextKind kind, String sigil, char open) {
        return switch (kind) {
            case SIGIL -> "sigil ~" + sigil;
            case STRING -> "string";
            case CHARLIST -> "charlist";
            case ATOM -> "atom";
        };
    }

    private Text heredoc(char quote, TextKind kind, String sigil, String delim) {
        return heredoc(quote, kind, sigil, delim, true);
    }

    /** A heredoc: the lines after the opening {@code """} up to the closing one, less the closing one's indentation. */
    private Text heredoc(char quote, TextKind kind, String sigil, String delim, boolean interpolate) {
        int l = line, k = col;
        skip(3);
        while (!atEnd() && (peek(0) == ' ' || peek(0) == '\t')) advance();
        if (peek(0) == '\r') advance();
        if (atEnd() || peek(0) != '\n') throw error(l, k, "heredoc allows only zero or more whitespace characters followed by a new line after " + delim);
        advance();
        // find the closing line to learn the indentation
        int indentation = -1;
        int p = pos;
        while (p <= src.length()) {
            int q = p;
            while (q < src.length() && (src.charAt(q) == ' ' || src.charAt(q) == '\t')) q++;
            if (src.startsWith(delim, q)) {
                indentation = q - p;
                break;
            }
            int nl = src.indexOf('\n', p);
            if (nl < 0) break;
            p = nl + 1;
        }
        if (indentation < 0) throw error(lineAtEnd(), columnAtEnd(), "missing terminator: " + delim + " (for heredoc starting at line " + l + ")");
        boolean escapes = kind != TextKind.SIGIL;
        List<Object> parts = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean lineStart = true;
        while (true) {
            if (atEnd()) throw error(l, k, "missing terminator: " + delim + " (for heredoc starting at line " + l + ")");
            if (lineStart) {
                int q = pos;
                while (q < src.length() && (src.charAt(q) == ' ' || src.charAt(q) == '\t')) q++;
                if (src.startsWith(delim, q)) {
                    skip(q - pos + 3);
                    break;
                }
                for (int i = 0; i < indentation && (peek(0) == ' ' || peek(0) == '\t'); i++) advance();
                lineStart = false;
                continue;
            }
            char c = peek(0);
            if (c == '\n') {
                sb.append(advance());
                lineStart = true;
                continue;
            }
            if (c == '\\') {
                if (escapes) {
                    int el = line, ek = col;
                    advance();
                    if (atEnd()) continue;
                    if (peek(0) == '\n') {
                        advance();
                        lineStart = true;
                        continue;
                    }
                    escape(sb, el, ek);
                } else {
                    sb.append(advance());
                    if (!atEnd() && interpolate && peek(0) == '\\') sb.append(advance());
                }
                continue;
            }
            if (interpolate && c == '#' && peek(1) == '{') {
                flush(parts, sb);
                parts.add(interpolation());
                continue;
            }
            sb.appendCodePoint(src.codePointAt(pos));
            skip(Character.charCount(src.codePointAt(pos)));
        }
        flush(parts, sb);
        return new Text(kind, List.copyOf(parts), sigil, delim, "", true, indentation);
    }

    private int lineAtEnd() {
        int n = line;
        for (int p = pos; p < src.length(); p++) if (src.charAt(p) == '\n') n++;
        return n;
    }

    private int columnAtEnd() {
        int nl = src.lastIndexOf('\n');
        return nl < pos ? col + (src.length() - pos) : src.length() - nl;
    }

    private static void flush(List<Object> parts, StringBuilder sb) {
        if (!sb.isEmpty()) {
            parts.add(sb.toString());
            sb.setLength(0);
        }
    }

    private Interpolation interpolation() {
        int l = line, k = col;
        if (++depth > MAX_DEPTH) throw error(l, k, "too deeply nested: more than " + MAX_DEPTH + " levels");
        skip(2);
        List<Token> inner = tokens(true);
        depth--;
        Token end = inner.get(inner.size() - 1);
        return new Interpolation(List.copyOf(inner), l, k, end.line(), end.column());
    }

    /** After a backslash (consumed): appends the escaped character(s). */
    private void escape(StringBuilder sb, int l, int k) {
        char c = advance();
        switch (c) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'e' -> sb.append('\u001b');
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'd' -> sb.append('\u007f');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\u000b');
            case 's' -> sb.append(' ');
            case '0' -> sb.append('\0');
            case '\n' -> { }
            case 'x' -> {
                if (peek(0) == '{') {
                    advance();
                    sb.appendCodePoint(hex(l, k, '}', 1, 6));
                } else {
                    sb.appendCodePoint(hex(l, k, '\0', 1, 2));
                }
            }
            case 'u' -> {
                if (peek(0) == '{') {
                    advance();
                    sb.appendCodePoint(hex(l, k, '}', 1, 6));
                } else {
                    sb.appendCodePoint(hex(l, k, '\0', 4, 4));
                }
            }
            default -> sb.append(c);
        }
    }

    private int hex(int l, int k, char close, int min, int max) {
        int value = 0;
        int n = 0;
        while (n < max && !atEnd() && Character.digit(peek(0), 16) >= 0) {
            value = value * 16 + Character.digit(advance(), 16);
            n++;
        }
        if (n < min) throw error(l, k, "invalid hex escape character, expected \\xHH where H is a hexadecimal digit");
        if (close != '\0') {
            if (peek(0) != close) throw error(l, k, "invalid Unicode escape");
            advance();
        }
        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) throw error(l, k, "invalid or reserved Unicode code point \\u{" + Integer.toHexString(value).toUpperCase() + "}");
        return value;
    }
}
