package beamscope.runtime;

import java.math.BigInteger;

/**
 * Reading and printing terms in Elixir literal syntax, as {@code iex} shows them:
 * {@code parse(inspect(t)).equals(t)} for every term built from the types below.
 *
 * <h2>Terms in Java</h2>
 * <table class="striped">
 * <caption>How terms are held</caption>
 * <tr><td>atom</td><td>{@link Atom}; {@code true}, {@code false} and {@code nil} are atoms too</td></tr>
 * <tr><td>integer</td><td>{@link Long}, or {@link BigInteger} only when the value does not fit a long</td></tr>
 * <tr><td>float</td><td>{@link Double} (finite)</td></tr>
 * <tr><td>string</td><td>{@link String} (an Elixir binary)</td></tr>
 * <tr><td>list</td><td>{@link java.util.List}, unmodifiable; a keyword list is a list of {@link Tuple2}(atom, value)</td></tr>
 * <tr><td>map</td><td>{@link java.util.Map}, unmodifiable, in the order the text gave</td></tr>
 * <tr><td></td><td>(parsed lists and maps equal any {@code java.util} ones with the same content, with the same
 * hash codes, and compare, hash and print without recursion)</td></tr>
 * <tr><td>tuple, pid, reference</td><td>{@link Tuple}, {@link Pid}, {@link Ref}</td></tr>
 * </table>
 * {@code inspect} also accepts Java {@code Boolean} and {@code null} (printed {@code true}, {@code false},
 * {@code nil}, so they read back as atoms), {@code Integer}/{@code Short}/{@code Byte} (printed like longs,
 * so they read back as {@code Long}), and {@code Float}. Anything else prints in a form that does not parse:
 * a Throwable as {@code %java.lang.IllegalStateException{message: "boom"}}, other objects, NaN and the
 * infinities as {@code #Java<java.util.Optional: Optional[1]>}. Printing never throws for a term that cannot
 * format itself: a Throwable whose {@code getMessage()} throws prints as
 * {@code %pkg.Error{message: <message unavailable: java.lang.IllegalStateException thrown>}}, and an object
 * whose {@code toString()} throws as {@code #Java<pkg.Thing: pkg.Thing@1b6d3586 <toString unavailable: X thrown>>}
 * (only an {@link OutOfMemoryError} or another JVM error other than a stack overflow gets through).
 *
 * <h2>Grammar read by {@link #parse(String)}</h2>
 * <pre>
 * term     = atom | alias | "true" | "false" | "nil" | integer | float
 *          | string | charlist | tuple | list | map | pid | ref
 * atom     = ":" name | ":" string | ":" operator       :ok  :valid?  :node@host  :"with space"  :+
 * alias    = Upper { "." Upper }                         Foo.Bar, the atom Elixir.Foo.Bar
 * integer  = ["-"] digits | ["-"] ("0x" | "0o" | "0b") digits     one "_" may separate digits: 1_000
 * float    = ["-"] digits "." digits [("e" | "E") ["+" | "-"] digits]             3.0  -1.5e-3
 * string   = '"' { character | escape } '"'              no #{...} interpolation
 * escape   = \" \\ \# \a \b \d \e \f \n \r \s \t \v \0 \xHH \x{H..} &#92;uHHHH &#92;u{H..}
 * charlist = "'" { character | escape } "'" | "~c" string    a list of code points, as Longs
 * tuple    = "{" [ elements ] "}"                        keywords at the end form one list element
 * list     = "[" [ elements ] "]"                        keywords at the end are {atom, value} pairs
 * elements = term { "," term } [ "," keywords ] | keywords
 * map      = "%{" [ term "=>" term { "," term "=>" term } [ "," keywords ] | keywords ] "}"
 * keywords = key term { "," key term }
 * key      = name ":" | string ":"                       then whitespace, as Elixir requires: a: 1
 * pid      = "#PID&lt;" n "." n "." "0" "&gt;"           #PID&lt;0.42.0&gt; is Pid(0, 42)
 * ref      = "#Reference&lt;" n "." n "." n "." n "&gt;" #Reference&lt;0.0.0.5&gt; is Ref(0, 5)
 * </pre>
 * Whitespace and newlines may stand between any two tokens. A {@code #} starts a comment that runs to the
 * end of the line, unless it begins {@code #PID<} or {@code #Reference<}. As in Elixir, keyword pairs come
 * last ({@code %{a: 1, "b" => 2}} is an error) and trailing commas are errors. Structs, binaries
 * ({@code <<...>>}), sigils other than {@code ~c} and expressions (variables, operators, calls) are not
 * read. Atom names have at most {@link Atom#MAX_NAME_LENGTH} characters and must fit the atom table (see
 * {@link Atom}); {@link #parse(String, ReadLimits)} also bounds the text's length and its new atoms. Integers
 * may have any number of digits: reading takes O(M(n) log n) for n decimal digits (divide and
 * conquer over the digits) and linear time in the other radixes. Containers may nest {@link #MAX_DEPTH} deep. Errors are {@link TermSyntaxException}s that say where
 * and what was expected.
 *
 * <h2>Printing</h2>
 * As Elixir 1.14+: {@code :ok}, {@code :"with space"}, {@code Foo.Bar}; keyword lists {@code [a: 1]}; maps
 * sorted by key in Erlang term order, {@code %{a: 1}} when every key is an atom, else {@code %{"b" => 1}};
 * strings with Elixir's escapes (non-printable ones too, where Elixir would switch to {@code <<...>>});
 * floats as Elixir prints them ({@code 3.0}, {@code 1000.0}, {@code 1.5e-5}, {@code 1.0e16}). Lists of
 * integers stay lists: {@code [97, 98]}, never {@code ~c"ab"}. Where Elixir's output would need more syntax
 * than the reader takes, the output stays valid Elixir but differs: atoms with non-ASCII letters print quoted
 * ({@code :"héllo"}), and so do operator keys in keyword lists ({@code ["+": 1]}, not {@code [+: 1]}).
 */
public final class Terms {
    private Terms() {}

    /**
     * How deep containers may nest in a parsed text (deeper text fails with a {@link TermSyntaxException}
     * at the position); printing deeper terms shows "..." there. Equality, hash codes and the order of
     * {@link Tuple}s and of parsed lists and maps work at any depth: none of them recurses.
     */
    public static final int MAX_DEPTH = 10_000;

    /**
     * Reads exactly one term.
     *
     * @throws TermSyntaxException when the text is not one term; it tells the position and what was expected
     */
    public static Object parse(String text) {
        return TermReader.read(text, ReadLimits.NONE);
    }

    /**
     * Reads exactly one term from text that may come from someone else: within {@code limits} on its length
     * and on the new atoms it may create (see {@link ReadLimits}; {@link ReadLimits#UNTRUSTED} for text a
     * person typed or pasted).
     *
     * @throws TermSyntaxException when the text is not one term, is longer than allowed, or names more new
     *                             atoms than allowed; it tells the position and what was expected
     */
    public static Object parse(String text, ReadLimits limits) {
        return TermReader.read(text, limits);
    }

    /** The term in Elixir syntax, in full. */
    public static String inspect(Object term) {
        return TermWriter.write(term, Integer.MAX_VALUE);
    }

    /**
     * The term in Elixir syntax, cut to at most {@code limitChars} characters (at least 3) ending in
     * "..." when longer. Stops printing at the limit, so it is cheap for large terms.
     */
    public static String inspect(Object term, int limitChars) {
        return TermWriter.write(term, Math.max(limitChars, 3));
    }

    /** The integer as a term: a Long when it fits one. */
    static Object normalise(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }
}
