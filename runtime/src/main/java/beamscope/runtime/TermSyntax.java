package beamscope.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The lexical rules shared by {@link TermReader} and {@link TermWriter}: which atoms go without quotes. */
final class TermSyntax {
    private TermSyntax() {}

    /**
     * Operator atoms that Elixir prints without quotes, such as {@code :+} or {@code :<>}; longest first,
     * so that a reader can take the longest match. ({@code ::}, {@code ^^^}, {@code ~~~} and {@code <|>}
     * are not here: Elixir quotes them, as in {@code :"::"}.)
     */
    static final List<String> OPERATORS = Stream.of(
                    "&", "...", "!", "^", "+", "-", "@",
                    "<-", "\\\\", "|", "=", "||", "|||", "&&", "&&&", "==", "!=", "=~", "===", "!==",
                    "<", "<=", ">=", ">", "|>", "<<<", ">>>", "<~", "~>", "<<~", "~>>", "<~>",
                    "++", "--", "..", "<>", "+++", "---", "*", "/", "**", ".",
                    "%", "%{}", "{}", "<<>>", "..//", "->")
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();

    private static final Set<String> OPERATOR_SET = Set.copyOf(OPERATORS);

    static boolean isOperator(String name) {
        return OPERATOR_SET.contains(name);
    }

    static boolean isIdentifierStart(int cp) {
        return cp < 0x80 ? isAsciiLetter(cp) || cp == '_' : Character.isLetter(cp);
    }

    static boolean isIdentifierPart(int cp) {
        if (cp < 0x80) return isAsciiLetter(cp) || (cp >= '0' && cp <= '9') || cp == '_' || cp == '@';
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp)
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /**
     * Where an identifier such as {@code valid?} or {@code node@host} starting at {@code from} ends;
     * {@code from} itself when there is none.
     */
    static int identifierEnd(CharSequence s, int from) {
        int n = s.length();
        if (from >= n || !isIdentifierStart(Character.codePointAt(s, from))) return from;
        int i = from + Character.charCount(Character.codePointAt(s, from));
        while (i < n) {
            int cp = Character.codePointAt(s, i);
            if (!isIdentifierPart(cp)) break;
            i += Character.charCount(cp);
        }
        if (i < n && (s.charAt(i) == '?' || s.charAt(i) == '!')) i++;
        return i;
    }

    /** An ASCII identifier, which prints without quotes: {@code :ok}, {@code :Foo}, {@code :valid?}. */
    static boolean isPlainIdentifier(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) return false;
        }
        return !name.isEmpty() && identifierEnd(name, 0) == name.length();
    }

    /** An atom that Elixir writes as an alias: {@code Elixir} followed by segments like {@code .Foo}. */
    static boolean isAlias(String name) {
        if (!name.startsWith("Elixir")) return false;
        int i = "Elixir".length();
        while (i < name.length()) {
            if (name.charAt(i) != '.' || i + 1 >= name.length() || !isAsciiUpper(name.charAt(i + 1))) return false;
            i += 2;
            while (i < name.length() && isAliasPart(name.charAt(i))) i++;
        }
        return true;
    }

    static boolean isAsciiUpper(int c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isAliasPart(int c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
