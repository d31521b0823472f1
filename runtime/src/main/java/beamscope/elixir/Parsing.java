package beamscope.elixir;

/** Source to quoted form through {@link ElixirParser}, and parse errors as Elixir reports them. */
final class Parsing {
    private Parsing() {}

    static Object parse(String source, String file) {
        return ElixirParser.parse(source, file);
    }

    /** As {@link #report(RuntimeException)}, with the excerpt Elixir 1.14 prints under a syntax error: the line and a caret. */
    static String report(RuntimeException e, String source) {
        String report = report(e);
        if (!(e instanceof ElixirSyntaxError s) || s.line() < 1) return report;
        String[] lines = source.split("\n", -1);
        if (s.line() > lines.length) return report;
        String number = String.valueOf(s.line());
        String gutter = " ".repeat(Math.max(3, number.length() + 1));
        return report + "\n" + gutter + " |\n" + " ".repeat(gutter.length() - number.length()) + number + " | "
                + lines[s.line() - 1].stripTrailing() + "\n" + gutter + " |" + " ".repeat(Math.max(1, s.column())) + "^";
    }

    static String report(RuntimeException e) {
        if (e instanceof ElixirSyntaxError) return e.getMessage(); // "** (SyntaxError) file:line:column: …"
        return "** (" + e.getClass().getSimpleName() + ") " + e.getMessage();
    }
}
