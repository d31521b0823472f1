package beamscope.app.console;

import beamscope.elixir.ElixirParser;
import beamscope.elixir.ElixirSyntaxError;

/**
 * Whether console input is a whole expression yet, as IEx decides it: the parser reads it, and a syntax
 * error at the end of the input (a missing {@code end}, a bracket or string left open, an operator with
 * nothing after it) means the learner is still typing. An error anywhere before the end makes the input
 * complete: evaluating it reports the error.
 */
public final class Input {
    private Input() {}

    /** True when {@code source} should be evaluated now (Enter), false when it needs more lines. */
    public static boolean complete(String source) {
        if (source.isBlank()) return true;
        try {
            ElixirParser.parse(source, "iex");
            return true;
        } catch (ElixirSyntaxError e) {
            return !atEnd(source, e.line(), e.column());
        } catch (RuntimeException other) {
            return true;   // the shell reports it
        }
    }

    /** Whether (line, column), 1-based, is at or after the end of {@code source}'s last visible character. */
    static boolean atEnd(String source, int line, int column) {
        String trimmed = source.stripTrailing();
        int lastLine = 1, lineStart = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            if (trimmed.charAt(i) == '\n') {
                lastLine++;
                lineStart = i + 1;
            }
        }
        int endColumn = trimmed.length() - lineStart + 1;
        return line > lastLine || line == lastLine && column >= endColumn;
    }
}
