package beamscope.elixir;

import beamscope.elixir.Token.Interpolation;
import beamscope.elixir.Token.Kind;
import beamscope.elixir.Token.Text;
import beamscope.elixir.Token.TextKind;
import beamscope.runtime.Atom;
import beamscope.runtime.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Elixir source into its quoted form, exactly as Elixir 1.14's
 * {@code Code.string_to_quoted!(source, columns: true)} returns it, built from the runtime's term types
 * (see {@link beamscope.runtime.Terms}): calls and variables are 3-tuples {@code {name, meta, args}} with
 * {@code meta} the keyword list {@code [line: L, column: C]}; several expressions are
 * {@code {:__block__, [], exprs}}; numbers, atoms, strings, lists and 2-tuples stand for themselves.
 *
 * <p>Operators follow Elixir's table (lowest first): {@code ->}; {@code ,}; {@code <- \\}; {@code when};
 * {@code ::}; {@code |}; {@code =>}; {@code &}; {@code =}; {@code || ||| or}; {@code && &&& and};
 * {@code == != =~ === !==}; {@code < > <= >=}; {@code |> <<< >>> <<~ ~>> <~ ~> <~> <|>}; {@code in, not in};
 * {@code ^^^}; {@code //}; {@code ++ -- +++ --- <> ..}; {@code + -}; {@code * /}; {@code **}; unary
 * {@code ! ^ not - + ~~~}; {@code .}; {@code @}. Nesting deeper than {@link #MAX_DEPTH} is a syntax error
 * rather than a stack overflow. Any input gives either a term or an {@link ElixirSyntaxError}.
 */
public final class ElixirParser {

    /** How deep expressions may nest (brackets, operands, interpolations) before the text is refused. */
    public static final int MAX_DEPTH = 256;

    private static final Atom LINE = Atom.of("line");
    private static final Atom COLUMN = Atom.of("column");
    private static final Atom BLOCK = Atom.of("__block__");
    private static final Atom ALIASES = Atom.of("__aliases__");
    private static final Atom DOT = Atom.of(".");
    private static final Atom ARROW = Atom.of("->");
    private static final Atom WHEN = Atom.of("when");
    private static final Atom NIL = Atom.NIL;
    private static final List<Object> NO_META = List.of();

    private record Op(int precedence, boolean right) {}

    private static final Map<String, Op> BINARY = Map.ofEntries(
            Map.entry("<-", new Op(40, false)), Map.entry("\\\\", new Op(40, false)),
            Map.entry("when", new Op(50, true)), Map.entry("::", new Op(60, true)), Map.entry("|", new Op(70, true)),
            Map.entry("=>", new Op(80, true)), Map.entry("=", new Op(100, true)),
            Map.entry("||", new Op(120, false)), Map.entry("|||", new Op(120, false)), Map.entry("or", new Op(120, false)),
            Map.entry("&&", new Op(130, false)), Map.entry("&&&", new Op(130, false)), Map.entry("and", new Op(130, false)),
            Map.entry("==", new Op(140, false)), Map.entry("!=", new Op(140, false)), Map.entry("=~", new Op(140, false)),
            Map.entry("===", new Op(140, false)), Map.entry("!==", new Op(140, false)),
            Map.entry("<", new Op(150, false)), Map.entry(">", new Op(150, false)), Map.entry("<=", new Op(150, false)),
            Map.entry(">=", new Op(150, false)),
            Map.entry("|>", new Op(160, false)), Map.entry("<<<", new Op(160, false)), Map.entry(">>>", new Op(160, false)),
            Map.entry("<<~", new Op(160, false)), Map.entry("~>>", new Op(160, false)), Map.entry("<~", new Op(160, false)),
            Map.entry("~>", new Op(160, false)), Map.entry("<~>", new Op(160, false)), Map.entry("<|>", new Op(160, false)),
            Map.entry("in", new Op(170, false)), Map.entry("not in", new Op(170, false)),
            Map.entry("^^^", new Op(180, false)), Map.entry("//", new Op(190, true)),
            Map.entry("++", new Op(200, true)), Map.entry("--", new Op(200, true)), Map.entry("+++", new Op(200, true)),
            Map.entry("---", new Op(200, true)), Map.entry("<>", new Op(200, true)), Map.entry("..", new Op(200, true)),
            Map.entry("+", new Op(210, false)), Map.entry("-", new Op(210, false)),
            Map.entry("*", new Op(220, false)), Map.entry("/", new Op(220, false)), Map.entry("**", new Op(230, false)));

    private static final int UNARY = 300;
    private static final int CAPTURE = 90;
    private static final Set<String> UNARY_OPS = Set.of("!", "^", "-", "+", "~~~");
    private static final Set<String> BLOCK_WORDS = Set.of("else", "after", "rescue", "catch");
    private static final Set<String> NOT_AN_ARGUMENT = Set.of("do", "end", "when", "and", "or", "in", "not in",
            "else", "after", "rescue", "catch");
    private static final Set<String> RESERVED = Set.of("do", "end", "when", "and", "or", "in", "not in");

    private final List<Token> tokens;
    private final String file;
    private int i;
    private int depth;
    /**
     * Where a call without parentheses stands, which decides whether it may take several arguments: freely (a
     * statement, a block, the only argument of a call), or only one (an element of a list, tuple, map or binary,
     * or an argument after the first of a call), as Elixir requires.
     */
    private Nesting nesting = Nesting.FREE;

    private enum Nesting {
        FREE(null),
        CONTAINER("unexpected comma. Parentheses are required to solve ambiguity inside containers."),
        CALL("unexpected comma. Parentheses are required to solve ambiguity in nested calls.");

        final String error;

        Nesting(String error) {
            this.error = error;
        }
    }

    private ElixirParser(List<Token> tokens, String file) {
        this.tokens = tokens;
        this.file = file;
    }

    /**
     * The quoted form of {@code source}: one expression, or {@code {:__block__, [], exprs}} for several.
     *
     * @param file the name errors give (as {@code elixir} gives the script's path)
     * @throws ElixirSyntaxError when the text is not Elixir the parser reads
     */
    public static Object parse(String source, String file) {
        try {
            List<Token> tokens = new Lexer(source, file).tokenize();
            ElixirParser parser = new ElixirParser(tokens, file);
            return parser.file();
        } catch (StackOverflowError e) {
            throw new ElixirSyntaxError(file, 1, 1, "too deeply nested: the expression does not fit the stack");
        } catch (beamscope.runtime.ErlangError e) {
            // an atom the table cannot take (names the lexer has not already checked)
            throw new ElixirSyntaxError(file, 1, 1, "atom length must be less than system limit: " + e.getMessage());
        }
    }

    private Object file() {
        Token first = peek();
        List<Object> exprs = statements(Set.of());
        Token t = peek();
        if (t.kind() != Kind.EOF) throw unexpected(t);
        if (exprs.isEmpty() && first.kind() != Kind.EOF) return node(BLOCK, meta(first), List.of()); // only newlines or ';'
        return block(exprs, NO_META);
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() {
        return tokens.get(i);
    }

    private Token peek(int ahead) {
        int j = Math.min(i + ahead, tokens.size() - 1);
        return tokens.get(j);
    }

    private Token take() {
        Token t = tokens.get(i);
        if (t.kind() != Kind.EOF) i++;
        return t;
    }

    private void skipEols() {
        while (peek().kind() == Kind.EOL) i++;
    }

    private void skipSeparators() {
        while (peek().kind() == Kind.EOL || peek().isPunct(";")) i++;
    }

    private Token expectPunct(String p, Token opener) {
        Token t = peek();
        if (t.isPunct(p)) return take();
        if (t.kind() == Kind.EOF && opener != null) {
            throw new ElixirSyntaxError(file, t.line(), t.column(), "missing terminator: " + p + " (for \"" + opener.value()
                    + "\" starting at line " + opener.line() + ")");
        }
        throw unexpected(t);
    }

    private ElixirSyntaxError unexpected(Token t) {
        if (t.kind() == Kind.EOF) {
            // Elixir places it at the end of the last line
            Token before = i > 0 ? tokens.get(i - 1) : t;
            Token at = before.kind() == Kind.EOL ? before : t;
            return new ElixirSyntaxError(file, at.line(), at.column(), "syntax error before: ");
        }
        if (t.kind() == Kind.IDENT && (RESERVED.contains((String) t.value()) || BLOCK_WORDS.contains((String) t.value()))
                && !t.value().equals("when") && !t.value().equals("and") && !t.value().equals("or") && !t.value().equals("in")) {
            return new ElixirSyntaxError(file, t.line(), t.column(), "unexpected reserved word: " + t.value());
        }
        return new ElixirSyntaxError(file, t.line(), t.column(), "syntax error before: " + describe(t));
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case PUNCT, OP -> "'" + t.value() + "'";
            case EOL -> "'\\n'";
            case IDENT -> String.valueOf(t.value());
            case ALIAS -> "'" + t.value() + "'"; // as Elixir quotes an alias there
            case KW -> t.value() instanceof String s ? s + ":" : "keyword";
            case INT, FLOAT, CHAR -> "\"" + t.value() + "\"";
            case ATOM -> "':" + ((Atom) t.value()).name() + "'";
            case TEXT -> "\"text\"";
            case EOF -> "end of file";
        };
    }

    private void enter(Token at) {
        if (++depth > MAX_DEPTH) {
            throw new ElixirSyntaxError(file, at.line(), at.column(), "too deeply nested: more than " + MAX_DEPTH + " levels");
        }
    }

    // ------------------------------------------------------------------ terms

    private static List<Object> meta(Token t) {
        return meta(t.line(), t.column());
    }

    private static List<Object> meta(int line, int column) {
        return List.of(Tuple.of(LINE, (long) line), Tuple.of(COLUMN, (long) column));
    }

    private static List<Object> meta(Object flag, Object value, Token t) {
        return List.of(Tuple.of(flag, value), Tuple.of(LINE, (long) t.line()), Tuple.of(COLUMN, (long) t.column()));
    }

    private static Tuple node(Object name, List<Object> meta, Object args) {
        return Tuple.of(name, meta, args);
    }

    private static Atom atom(String name) {
        return Atom.of(name);
    }

    private static Atom alias(String name) {
        return Atom.of("Elixir." + name);
    }

    private static List<Object> list(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    /**
     * One expression stands for itself, several make a {@code __block__}; as in Elixir, a lone {@code not x},
     * {@code !x} or {@code unquote_splicing(x)} stays in a block, so that {@code (not x) in y} is not read as
     * {@code not(x in y)}.
     */
    private static Object block(List<Object> exprs, List<Object> meta) {
        if (exprs.size() == 1 && !keepsBlock(exprs.get(0))) return exprs.get(0);
        return node(BLOCK, meta, list(exprs));
    }

    private static boolean keepsBlock(Object expr) {
        return expr instanceof Tuple t && t.size() == 3 && t.get(2) instanceof List<?> args && args.size() == 1
                && (t.get(0).equals(atom("not")) || t.get(0).equals(atom("!")) || t.get(0).equals(atom("unquote_splicing")));
    }

    // ------------------------------------------------------------------ statements

    private boolean atTerminator(Set<String> words) {
        Token t = peek();
        if (t.kind() == Kind.EOF) return true;
        if (t.kind() == Kind.PUNCT && (t.value().equals(")") || t.value().equals("]") || t.value().equals("}"))) return true;
        return t.kind() == Kind.IDENT && (t.value().equals("end") || words.contains((String) t.value()));
    }

    /** Expressions separated by newlines or ';', up to a closing token. */
    private List<Object> statements(Set<String> words) {
        List<Object> exprs = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (atTerminator(words)) return exprs;
            exprs.add(expr(0, false));
            Token t = peek();
            if (t.kind() != Kind.EOL && !t.isPunct(";") && !atTerminator(words)) throw unexpected(t);
        }
    }

    // ------------------------------------------------------------------ expressions

    private Object expr(int minPrecedence, boolean noDo) {
        Token start = peek();
        enter(start);
        try {
            Object left = unary(noDo);
            while (true) {
                Token t = peek();
                String name = binaryName(t);
                if (name == null) return left;
                Op op = BINARY.get(name);
                if (op.precedence() < minPrecedence) return left;
                take();
                skipEols();
                Object right = expr(op.right() ? op.precedence() : op.precedence() + 1, noDo);
                left = binary(name, t, left, right);
            }
        } finally {
            depth--;
        }
    }

    private static String binaryName(Token t) {
        if (t.kind() == Kind.OP || t.kind() == Kind.IDENT) {
            String v = (String) t.value();
            if (BINARY.containsKey(v)) return v;
        }
        return null;
    }

    private Object binary(String name, Token t, Object left, Object right) {
        if (name.equals("not in")) {
            return node(atom("not"), meta(t), List.of(node(atom("in"), meta(t), List.of(left, right))));
        }
        if (name.equals("//")) {
            if (left instanceof Tuple range && range.size() == 3 && range.get(0).equals(atom(".."))
                    && range.get(2) instanceof List<?> args && args.size() == 2) {
                return node(atom("..//"), castMeta(range.get(1)), List.of(args.get(0), args.get(1), right));
            }
            throw new ElixirSyntaxError(file, t.line(), t.column(),
                    "the range step operator (//) must immediately follow the range definition operator (..), for example: 1..9//2. If you wanted to define a default argument, use (\\\\) instead. Syntax error before: '//'");
        }
        if (name.equals("in") && keepsBlock(left)) {
            // not x in y, !x in y: read as not(x in y), as Elixir does (with a deprecation warning)
            Tuple u = (Tuple) left;
            return node(u.get(0), meta(t), List.of(node(atom("in"), meta(t), List.of(((List<?>) u.get(2)).get(0), right))));
        }
        return node(atom(name), meta(t), List.of(left, right));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castMeta(Object meta) {
        return (List<Object>) meta;
    }

    private Object unary(boolean noDo) {
        Token t = peek();
        if ((t.kind() == Kind.OP || t.kind() == Kind.IDENT && BINARY.containsKey((String) t.value()) || t.isIdent("not"))
                && !t.isOp("/") && peek(1).isOp("/")) {
            // an operator named by its arity, as in &+/2: the operator stands as a variable
            take();
            return node(atom((String) t.value()), meta(t), NIL);
        }
        if (t.kind() == Kind.OP && UNARY_OPS.contains((String) t.value()) || t.isIdent("not")) {
            take();
            skipEols();
            Object operand = expr(UNARY, noDo);
            return node(atom((String) t.value()), meta(t), List.of(operand));
        }
        if (t.isOp("&")) {
            take();
            Token n = peek();
            if (n.kind() == Kind.INT && !n.space()) {
                take();
                return postfix(node(atom("&"), meta(t), List.of(n.value())), noDo);
            }
            skipEols();
            Object operand = expr(CAPTURE + 1, noDo);
            return node(atom("&"), meta(t), List.of(operand));
        }
        if (t.isOp("@")) {
            take();
            skipEols();
            enter(t);
            try {
                Object operand = peek().kind() == Kind.OP || peek().isIdent("not") ? unary(noDo) : primary(noDo);
                return postfix(node(atom("@"), meta(t), List.of(operand)), noDo);
            } finally {
                depth--;
            }
        }
        return postfix(primary(noDo), noDo);
    }

    private Object postfix(Object node, boolean noDo) {
        while (true) {
            Token t = peek();
            if (t.isPunct(".")) {
                take();
                skipEols();
                Token n = peek();
                if (n.kind() == Kind.ALIAS) {
                    take();
                    if (node instanceof Tuple a && a.size() == 3 && a.get(0).equals(ALIASES)) {
                        List<Object> names = new ArrayList<>((List<?>) a.get(2));
                        names.add(atom((String) n.value()));
                        node = node(ALIASES, castMeta(a.get(1)), list(names));
                    } else {
                        node = node(ALIASES, meta(t), List.of(node, atom((String) n.value())));
                    }
                    continue;
                }
                if (n.isPunct("{")) {
                    // alias Foo.{Bar, Baz}
                    take();
                    List<Object> items = items("}", n, false);
                    node = node(Tuple.of(DOT, meta(t), List.of(node, atom("{}"))), meta(t), list(items));
                    continue;
                }
                if (n.isPunct("(") ) {
                    List<Object> args = parenArgs();
                    node = node(Tuple.of(DOT, meta(t), List.of(node)), meta(t), args);
                    continue;
                }
                if (n.kind() == Kind.IDENT || n.kind() == Kind.OP) {
                    take();
                    node = remote(node, t, n, atom((String) n.value()), noDo);
                    continue;
                }
                if (n.kind() == Kind.TEXT && ((Text) n.value()).kind() == TextKind.STRING && ((Text) n.value()).parts().size() <= 1
                        && (((Text) n.value()).parts().isEmpty() || ((Text) n.value()).parts().get(0) instanceof String)) {
                    take();
                    Text text = (Text) n.value();
                    String name = text.parts().isEmpty() ? "" : (String) text.parts().get(0);
                    node = remote(node, t, n, atom(name), noDo);
                    continue;
                }
                throw unexpected(n);
            }
            if (t.isPunct("[") && !t.space()) {
                take();
                skipEols();
                Object key = expr(0, false);
                skipEols();
                expectPunct("]", t);
                node = node(Tuple.of(DOT, meta(t), List.of(alias("Access"), atom("get"))), meta(t), List.of(node, key));
                continue;
            }
            return node;
        }
    }

    private Object remote(Object target, Token dot, Token nameToken, Atom name, boolean noDo) {
        Tuple callee = Tuple.of(DOT, meta(dot), List.of(target, name));
        Token n = peek();
        if (n.isPunct("(") && !n.space()) {
            List<Object> args = new ArrayList<>(parenArgs());
            if (!noDo && peek().isIdent("do")) args.add(doBlock());
            return node(callee, meta(nameToken), list(args));
        }
        if (n.isPunct("[") && !n.space()) return node(callee, meta(atom("no_parens"), Atom.TRUE, nameToken), List.of());
        if (startsArgument(n)) {
            List<Object> m = meta(nameToken);
            List<Object> args = new ArrayList<>(noParensArgs(nameToken));
            if (!noDo && peek().isIdent("do")) args.add(doBlock());
            return node(callee, m, list(args));
        }
        if (!noDo && n.isIdent("do")) return node(callee, meta(nameToken), List.of(doBlock()));
        return node(callee, meta(atom("no_parens"), Atom.TRUE, nameToken), List.of());
    }

    /**
     * Whether {@code t}, after an identifier, begins the first argument of a call without parentheses. Without a
     * space between them too ({@code foo"x"}, {@code foo{1}}), except {@code foo[1]} (access), {@code foo(1)} (a
     * call with parentheses) and {@code foo-1} (a subtraction).
     */
    private boolean startsArgument(Token t) {
        if (!t.space() && (t.isPunct("[") || t.isPunct("(") || t.isOp("-") || t.isOp("+"))) return false;
        return switch (t.kind()) {
            case INT, FLOAT, CHAR, ATOM, TEXT, ALIAS, KW -> true;
            case IDENT -> !NOT_AN_ARGUMENT.contains((String) t.value());
            case PUNCT -> t.value().equals("[") || t.value().equals("{") || t.value().equals("%{") || t.value().equals("%")
                    || t.value().equals("(");
            case OP -> {
                String v = (String) t.value();
                if (v.equals("-") || v.equals("+")) yield ambiguous(t);
                yield v.equals("!") || v.equals("^") || v.equals("@") || v.equals("&") || v.equals("~~~") || v.equals("<<")
                        || v.equals("...");
            }
            default -> false;
        };
    }

    /** {@code foo -1}: a unary + or - with a space before and none after, right after an identifier. */
    private boolean ambiguous(Token t) {
        if (!(t.isOp("-") || t.isOp("+")) || !t.space()) return false;
        Token after = peek(1);
        return !after.space() && after.kind() != Kind.EOL && after.kind() != Kind.EOF && after.kind() != Kind.OP
                && !(after.kind() == Kind.PUNCT && "([{%{%".contains((String) after.value())); // as Elixir: a -[1] subtracts
    }

    private Object primary(boolean noDo) {
        Token t = peek();
        switch (t.kind()) {
            case INT, FLOAT, CHAR, ATOM -> {
                take();
                return t.value();
            }
            case TEXT -> {
                take();
                return text(t, (Text) t.value());
            }
            case ALIAS -> {
                take();
                return node(ALIASES, meta(t), List.of(atom((String) t.value())));
            }
            case IDENT -> {
                return identifier(noDo);
            }
            case PUNCT -> {
                switch ((String) t.value()) {
                    case "(" -> {
                        return parens();
                    }
                    case "[" -> {
                        take();
                        return list(items("]", t, true));
                    }
                    case "{" -> {
                        take();
                        List<Object> items = items("}", t, false);
                        if (items.size() == 2) return Tuple.of(items.get(0), items.get(1));
                        return node(atom("{}"), meta(t), list(items));
                    }
                    case "%{" -> {
                        take();
                        return node(atom("%{}"), meta(t.line(), t.column() + 1), mapEntries(t));
                    }
                    case "%" -> {
                        return struct();
                    }
                    default -> throw unexpected(t);
                }
            }
            case OP -> {
                if (t.isOp("<<")) {
                    take();
                    skipEols();
                    List<Object> items = new ArrayList<>();
                    while (!peek().isOp(">>")) {
                        Nesting before = nesting;
                        nesting = Nesting.CONTAINER;
                        try {
                            items.add(expr(0, false));
                        } finally {
                            nesting = before;
                        }
                        skipEols();
                        if (peek().isPunct(",")) {
                            take();
                            skipEols();
                        } else if (!peek().isOp(">>")) {
                            if (peek().kind() == Kind.EOF) {
                                throw new ElixirSyntaxError(file, peek().line(), peek().column(),
                                        "missing terminator: >> (for \"<<\" starting at line " + t.line() + ")");
                            }
                            throw unexpected(peek());
                        }
                    }
                    take();
                    return node(atom("<<>>"), meta(t), list(items));
                }
                if (t.isOp("..") ) {
                    take();
                    return node(atom(".."), meta(t), List.of());
                }
                if (t.isOp("...")) {
                    take();
                    return node(atom("..."), meta(t), NIL);
                }
                throw unexpected(t);
            }
            case KW -> {
                // a keyword list without brackets is only an argument; here it is the whole expression
                throw unexpected(t);
            }
            default -> throw unexpected(t);
        }
    }

    private Object identifier(boolean noDo) {
        Token t = take();
        String name = (String) t.value();
        switch (name) {
            case "true" -> {
                return Atom.TRUE;
            }
            case "false" -> {
                return Atom.FALSE;
            }
            case "nil" -> {
                return NIL;
            }
            case "fn" -> {
                return fn(t);
            }
            default -> {
                if (RESERVED.contains(name) || BLOCK_WORDS.contains(name)) {
                    i--;
                    throw unexpected(t);
                }
            }
        }
        Atom a = atom(name);
        Token n = peek();
        if (n.isPunct("(") && !n.space()) {
            List<Object> args = new ArrayList<>(parenArgs());
            Object call = node(a, meta(t), list(args));
            while (peek().isPunct("(") && !peek().space()) {
                // unquote(name)(args)
                args = new ArrayList<>(parenArgs());
                call = node(call, meta(t), list(args));
            }
            if (!noDo && peek().isIdent("do")) {
                Tuple c = (Tuple) call;
                List<Object> all = new ArrayList<>((List<?>) c.get(2));
                all.add(doBlock());
                call = node(c.get(0), castMeta(c.get(1)), list(all));
            }
            return call;
        }
        if (n.isPunct("[") && !n.space()) return node(a, meta(t), NIL);
        if (startsArgument(n)) {
            List<Object> m = ambiguous(n) ? meta(atom("ambiguous_op"), NIL, t) : meta(t);
            List<Object> args = new ArrayList<>(noParensArgs(t));
            if (!noDo && peek().isIdent("do")) args.add(doBlock());
            return node(a, m, list(args));
        }
        if (!noDo && n.isIdent("do")) return node(a, meta(t), List.of(doBlock()));
        return node(a, meta(t), NIL);
    }

    private Object parens() {
        Nesting before = nesting;
        nesting = Nesting.FREE;
        try {
            return parensBody();
        } finally {
            nesting = before;
        }
    }

    private Object parensBody() {
        Token open = take();
        skipSeparators();
        if (peek().isPunct(")")) {
            take();
            return node(BLOCK, NO_META, List.of());
        }
        List<Object> exprs = stabOrBlock(Set.of(), open);
        expectPunct(")", open);
        if (exprs instanceof StabClauses clauses) return list(clauses);
        return block(exprs, meta(open));
    }

    /** Elements of a list or tuple up to {@code close}; keywords at the end (a trailing comma is allowed in lists). */
    private List<Object> items(String close, Token open, boolean isList) {
        Nesting before = nesting;
        nesting = Nesting.CONTAINER;
        try {
            return itemsBody(close, open, isList);
        } finally {
            nesting = before;
        }
    }

    private List<Object> itemsBody(String close, Token open, boolean isList) {
        List<Object> items = new ArrayList<>();
        skipEols();
        while (!peek().isPunct(close)) {
            if (peek().kind() == Kind.KW) {
                List<Object> kw = keywords(false);
                if (isList) items.addAll(kw);
                else items.add(kw);
                skipEols();
                if (peek().isPunct(",")) {
                    take();
                    skipEols();
                }
                break;
            }
            items.add(expr(0, false));
            skipEols();
            if (peek().isPunct(",")) {
                take();
                skipEols();
            } else {
                break;
            }
        }
        expectPunct(close, open);
        return items;
    }

    /** {@code key: value, ...} (the first token is a KW). */
    private List<Object> keywords(boolean noDo) {
        List<Object> pairs = new ArrayList<>();
        while (true) {
            Token k = take();
            skipEols();
            Object key = keywordKey(k);
            Object value = expr(0, noDo);
            pairs.add(Tuple.of(key, value));
            if (peek().isPunct(",") && nextAfterCommaIsKeyword()) {
                take();
                skipEols();
                continue;
            }
            return list(pairs);
        }
    }

    private boolean nextAfterCommaIsKeyword() {
        int j = i + 1;
        while (tokens.get(j).kind() == Kind.EOL) j++;
        if (tokens.get(j).kind() != Kind.KW && tokens.get(j).kind() != Kind.PUNCT && tokens.get(j).kind() != Kind.OP) {
            throw unexpectedAfterKeywords(tokens.get(i));
        }
        return tokens.get(j).kind() == Kind.KW;
    }

    private ElixirSyntaxError unexpectedAfterKeywords(Token t) {
        return new ElixirSyntaxError(file, t.line(), t.column(),
                "unexpected expression after keyword list. Keyword lists must always come last in lists and maps. "
                        + "Syntax error after: ','");
    }

    private Object keywordKey(Token k) {
        if (k.value() instanceof String s) return atom(s);
        Text text = (Text) k.value();
        if (text.parts().isEmpty()) return atom("");
        if (text.parts().size() == 1 && text.parts().get(0) instanceof String s) return atom(s);
        return node(Tuple.of(DOT, meta(k), List.of(atom("erlang"), atom("binary_to_atom"))), meta(k),
                List.of(node(atom("<<>>"), meta(k), binaryParts(text)), atom("utf8")));
    }

    private List<Object> parenArgs() {
        Token open = take();
        skipEols();
        List<Object> args = new ArrayList<>();
        while (!peek().isPunct(")")) {
            if (peek().kind() == Kind.KW) {
                args.add(keywords(false));
                skipEols();
                break;
            }
            Nesting before = nesting;
            nesting = args.isEmpty() ? Nesting.FREE : Nesting.CALL;
            try {
                args.add(expr(0, false));
            } finally {
                nesting = before;
            }
            skipEols();
            if (peek().isPunct(",")) {
                take();
                skipEols();
                if (peek().isPunct(")")) throw unexpected(peek());
            } else {
                break;
            }
        }
        expectPunct(")", open);
        return list(args);
    }

    private List<Object> noParensArgs(Token callee) {
        List<Object> args = new ArrayList<>();
        while (true) {
            if (peek().kind() == Kind.KW) {
                args.add(keywords(true));
                return args;
            }
            args.add(expr(0, true));
            if (peek().isPunct(",") && nesting != Nesting.FREE) {
                throw new ElixirSyntaxError(file, callee.line(), callee.column(), nesting.error + " Syntax error before: ','");
            }
            if (peek().isPunct(",")) {
                take();
                skipEols();
                continue;
            }
            return args;
        }
    }

    private List<Object> mapEntries(Token open) {
        Nesting before = nesting;
        nesting = Nesting.CONTAINER;
        try {
            return mapEntriesBody(open);
        } finally {
            nesting = before;
        }
    }

    private List<Object> mapEntriesBody(Token open) {
        List<Object> entries = new ArrayList<>();
        skipEols();
        boolean first = true;
        while (!peek().isPunct("}")) {
            if (peek().kind() == Kind.KW) {
                entries.addAll(keywords(false));
                skipEols();
                if (peek().isPunct(",")) {
                    take();
                    skipEols();
                }
                break;
            }
            Object key = expr(BINARY.get("=>").precedence() + 1, false);
            skipEols();
            Token op = peek();
            if (op.isOp("=>")) {
                take();
                skipEols();
                Object value = expr(BINARY.get("=>").precedence() + 1, false);
                entries.add(Tuple.of(key, value));
            } else if (first && op.isOp("|")) {
                take();
                skipEols();
                List<Object> rest = mapEntries(null);
                entries.add(node(atom("|"), meta(op), List.of(key, rest)));
                break;
            } else {
                entries.add(key); // %{a}: Elixir reads it, and refuses it only when expanding
            }
            first = false;
            skipEols();
            if (peek().isPunct(",")) {
                take();
                skipEols();
            } else {
                break;
            }
        }
        if (open != null) expectPunct("}", open);
        return list(entries);
    }

    private Object struct() {
        Token percent = take();
        Token n = peek();
        Object name;
        if (n.kind() == Kind.ALIAS) {
            take();
            List<Object> names = new ArrayList<>();
            names.add(atom((String) n.value()));
            while (peek().isPunct(".") && peek(1).kind() == Kind.ALIAS) {
                take();
                names.add(atom((String) take().value()));
            }
            name = node(ALIASES, meta(n), list(names));
        } else if (n.kind() == Kind.IDENT && !RESERVED.contains((String) n.value())) {
            take();
            name = node(atom((String) n.value()), meta(n), NIL);
        } else if (n.isOp("@")) {
            take();
            Token a = peek();
            if (a.kind() != Kind.IDENT) throw unexpected(a);
            take();
            name = node(atom("@"), meta(n), List.of(node(atom((String) a.value()), meta(a), NIL)));
        } else {
            throw unexpected(n);
        }
        Token open = peek();
        if (!open.isPunct("{")) throw unexpected(open);
        take();
        List<Object> entries = mapEntries(open);
        return node(atom("%"), meta(percent), List.of(name, node(atom("%{}"), meta(open), entries)));
    }

    // ------------------------------------------------------------------ fn, do/end, stab clauses

    private Object fn(Token fn) {
        Nesting before = nesting;
        nesting = Nesting.FREE;
        try {
            return fnBody(fn);
        } finally {
            nesting = before;
        }
    }

    private Object fnBody(Token fn) {
        skipSeparators();
        List<Object> clauses = stabOrBlock(Set.of(), fn);
        if (!(clauses instanceof StabClauses s)) {
            throw new ElixirSyntaxError(file, fn.line(), fn.column(), "expected anonymous functions to be defined with -> inside: 'fn'");
        }
        endOf(fn, "fn");
        return node(atom("fn"), meta(fn), list(s));
    }

    private void endOf(Token opener, String what) {
        Token t = peek();
        if (t.isIdent("end")) {
            take();
            return;
        }
        if (t.kind() == Kind.EOF) {
            throw new ElixirSyntaxError(file, t.line(), t.column(),
                    "missing terminator: end (for \"" + what + "\" starting at line " + opener.line() + ")");
        }
        throw unexpected(t);
    }

    /** {@code do ... [else/after/rescue/catch ...] end} as the keyword list {@code [do: ..., else: ...]}. */
    private Object doBlock() {
        Nesting before = nesting;
        nesting = Nesting.FREE;
        try {
            return doBlockBody();
        } finally {
            nesting = before;
        }
    }

    private Object doBlockBody() {
        Token d = take();
        List<Object> sections = new ArrayList<>();
        String section = "do";
        while (true) {
            List<Object> body = stabOrBlock(BLOCK_WORDS, d);
            Object value = body instanceof StabClauses ? list(body) : body.isEmpty() ? node(BLOCK, NO_META, List.of()) : block(body, NO_META);
            sections.add(Tuple.of(atom(section), value));
            Token t = peek();
            if (t.kind() == Kind.IDENT && BLOCK_WORDS.contains((String) t.value())) {
                take();
                section = (String) t.value();
                continue;
            }
            endOf(d, "do");
            return list(sections);
        }
    }

    /** The clauses {@code head -> body} of a fn or a do section, marked so, or else the plain expressions. */
    private static final class StabClauses extends ArrayList<Object> {}

    private List<Object> stabOrBlock(Set<String> words, Token opener) {
        List<Object> plain = new ArrayList<>();
        StabClauses clauses = new StabClauses();
        List<Object> head = null;
        Token arrow = null;
        List<Object> body = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (atTerminator(words)) break;
            List<Object> newHead = null;
            Token t = peek();
            if (t.isOp("->")) {
                newHead = List.of();
            } else {
                Object first = peek().kind() == Kind.KW ? keywords(false) : expr(0, false);
                if (peek().isPunct(",")) {
                    List<Object> many = new ArrayList<>();
                    many.add(first);
                    while (peek().isPunct(",")) {
                        take();
                        skipEols();
                        many.add(peek().kind() == Kind.KW ? keywords(false) : expr(0, false));
                    }
                    if (!peek().isOp("->")) throw unexpected(peek());
                    newHead = many;
                } else if (peek().isOp("->")) {
                    newHead = List.of(first);
                } else {
                    (head == null ? plain : body).add(first);
                    Token s = peek();
                    if (s.kind() != Kind.EOL && !s.isPunct(";") && !atTerminator(words)) throw unexpected(s);
                    continue;
                }
            }
            Token a = take(); // ->
            if (head != null) clauses.add(clause(head, arrow, body));
            else if (!plain.isEmpty()) throw unexpected(a);
            head = headWithGuard(newHead);
            arrow = a;
            body = new ArrayList<>();
        }
        if (head != null) {
            clauses.add(clause(head, arrow, body));
            return clauses;
        }
        return plain;
    }

    private static Object clause(List<Object> head, Token arrow, List<Object> body) {
        Object value = body.isEmpty() ? NIL : block(body, NO_META);
        return node(ARROW, meta(arrow), List.of(list(head), value));
    }

    /** {@code a, b when guard ->} is one {@code when} over all the arguments. */
    private static List<Object> headWithGuard(List<Object> head) {
        if (head.size() > 1 && head.get(head.size() - 1) instanceof Tuple w && w.size() == 3 && WHEN.equals(w.get(0))
                && w.get(2) instanceof List<?> args && args.size() == 2) {
            List<Object> all = new ArrayList<>(head.subList(0, head.size() - 1));
            all.addAll(args);
            return List.of(node(WHEN, castMeta(w.get(1)), list(all)));
        }
        return head;
    }

    // ------------------------------------------------------------------ strings, charlists, sigils

    private Object text(Token t, Text text) {
        return switch (text.kind()) {
            case STRING -> {
                if (text.parts().isEmpty()) yield "";
                if (text.parts().size() == 1 && text.parts().get(0) instanceof String s) yield s;
                yield node(atom("<<>>"), meta(t), binaryParts(text));
            }
            case CHARLIST -> {
                boolean plain = text.parts().stream().allMatch(p -> p instanceof String);
                if (plain) {
                    List<Object> codes = new ArrayList<>();
                    for (Object p : text.parts()) ((String) p).codePoints().forEach(c -> codes.add((long) c));
                    yield list(codes);
                }
                List<Object> parts = new ArrayList<>();
                for (Object p : text.parts()) {
                    if (p instanceof Interpolation in) parts.add(toString(in, interpolated(in)));
                    else parts.add(p);
                }
                yield node(Tuple.of(DOT, meta(t), List.of(alias("List"), atom("to_charlist"))), meta(t), List.of(list(parts)));
            }
            case ATOM -> node(Tuple.of(DOT, meta(t), List.of(atom("erlang"), atom("binary_to_atom"))), meta(t),
                    List.of(node(atom("<<>>"), meta(t), binaryParts(text)), atom("utf8")));
            case SIGIL -> {
                List<Object> m = text.heredoc() ? List.of(Tuple.of(atom("indentation"), (long) text.indentation()),
                        Tuple.of(LINE, (long) t.line()), Tuple.of(COLUMN, (long) t.column())) : meta(t);
                List<Object> modifiers = new ArrayList<>();
                text.modifiers().codePoints().forEach(c -> modifiers.add((long) c));
                List<Object> parts = text.parts().isEmpty() ? List.of("") : binaryParts(text); // ~s"" holds one ""
                yield node(atom("sigil_" + text.sigil()), List.of(Tuple.of(atom("delimiter"), text.delimiter()),
                                Tuple.of(LINE, (long) t.line()), Tuple.of(COLUMN, (long) t.column())),
                        List.of(node(atom("<<>>"), m, parts), list(modifiers)));
            }
        };
    }

    private List<Object> binaryParts(Text text) {
        List<Object> parts = new ArrayList<>();
        for (Object p : text.parts()) {
            if (p instanceof Interpolation in) {
                List<Object> m = meta(in.line(), in.column());
                parts.add(node(atom("::"), m, List.of(toString(in, interpolated(in)), node(atom("binary"), m, NIL))));
            } else {
                parts.add(p);
            }
        }
        return list(parts);
    }

    private static Object toString(Interpolation in, Object expr) {
        List<Object> m = meta(in.line(), in.column());
        return node(Tuple.of(DOT, m, List.of(alias("Kernel"), atom("to_string"))), m, List.of(expr));
    }

    private Object interpolated(Interpolation in) {
        ElixirParser inner = new ElixirParser(in.tokens(), file);
        inner.depth = depth;
        List<Object> exprs = inner.statements(Set.of());
        Token t = inner.peek();
        if (t.kind() != Kind.EOF) throw inner.unexpected(t);
        if (exprs.isEmpty()) return node(BLOCK, NO_META, List.of());
        return block(exprs, NO_META);
    }
}
