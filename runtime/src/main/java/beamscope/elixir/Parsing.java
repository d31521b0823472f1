package beamscope.elixir;

/** Source to quoted form through {@link ElixirParser}, and parse errors as Elixir reports them. */
final class Parsing {
    private Parsing() {}

    static Object parse(String source, String file) {
        return ElixirParser.parse(source, file);
    }

    static String report(RuntimeException e) {
        if (e instanceof ElixirSyntaxError) return e.getMessage(); // "** (SyntaxError) file:line:column: …"
        return "** (" + e.getClass().getSimpleName() + ") " + e.getMessage();
    }
}
