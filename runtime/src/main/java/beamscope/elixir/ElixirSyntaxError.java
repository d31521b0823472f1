package beamscope.elixir;

/**
 * Source text that is not Elixir the parser reads: where ({@link #file()}, {@link #line()}, {@link #column()},
 * 1-based) and what ({@link #description()}). The message is the report Elixir prints for it, e.g.
 * {@code ** (SyntaxError) counter.exs:3:5: syntax error before: ')'}.
 */
public final class ElixirSyntaxError extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String description;

    public ElixirSyntaxError(String file, int line, int column, String description) {
        super("** (SyntaxError) " + file + ":" + line + ":" + column + ": " + description, null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
        this.description = description;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the place: {@code syntax error before: ')'}. */
    public String description() {
        return description;
    }
}
