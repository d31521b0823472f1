package beamscope.elixir;

/** Code the evaluator cannot compile: an undefined variable, or a construct it does not support yet. */
public final class CompileError extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;

    public CompileError(String file, int line, int column, String message) {
        super(message, null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
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

    /** As Elixir reports it: {@code ** (CompileError) f.exs:3:5: undefined variable "x"}. */
    public String report() {
        return "** (CompileError) " + file + ":" + line + (column > 0 ? ":" + column : "") + ": " + getMessage();
    }
}
