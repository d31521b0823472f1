package beamscope.elixir;

import java.util.List;

/**
 * One token of Elixir source. {@code space} tells whether whitespace (or a comment) came right before it on
 * the same line, which decides between {@code foo -1} (a call) and {@code foo - 1} (a subtraction), and between
 * {@code foo[1]} (access) and {@code foo [1]} (a call).
 */
record Token(Kind kind, Object value, int line, int column, boolean space) {

    enum Kind {
        /** value: Long or BigInteger */
        INT,
        /** value: Double */
        FLOAT,
        /** value: Atom */
        ATOM,
        /** value: {@link Text}; a string, heredoc, charlist, quoted atom or sigil */
        TEXT,
        /** value: String name; lower-case identifiers and the reserved words */
        IDENT,
        /** value: String name; upper-case identifiers */
        ALIAS,
        /** value: {@link Text} or String name; a keyword key such as {@code name:} or {@code "a b":} */
        KW,
        /** value: String operator, e.g. "+", "not in", "->" */
        OP,
        /** value: String: ( ) [ ] { } %{ % , ; . */
        PUNCT,
        /** end of line (one or more) */
        EOL,
        EOF
    }

    /** A piece of text in quotes: its parts are Strings and {@link Interpolation}s. */
    record Text(TextKind kind, List<Object> parts, String sigil, String delimiter, String modifiers, boolean heredoc,
                int indentation) {}

    enum TextKind { STRING, CHARLIST, ATOM, SIGIL }

    /** {@code #{...}}: the tokens inside the braces (ending in EOF), and where the {@code #} is. */
    record Interpolation(List<Token> tokens, int line, int column, int endLine, int endColumn) {}

    boolean is(Kind k, String text) {
        return kind == k && value.equals(text);
    }

    boolean isPunct(String text) {
        return kind == Kind.PUNCT && value.equals(text);
    }

    boolean isOp(String text) {
        return kind == Kind.OP && value.equals(text);
    }

    boolean isIdent(String text) {
        return kind == Kind.IDENT && value.equals(text);
    }
}
