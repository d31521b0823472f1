package beamscope.runtime;

/**
 * A term text that {@link Terms#parse(String)} cannot read: says where (a zero-based character
 * offset into the input, plus line and column) and what was expected there.
 */
public final class TermSyntaxException extends IllegalArgumentException {

    private final String input;
    private final int position;
    private final String expected;

    public TermSyntaxException(String input, int position, String expected) {
        super(describe(input, position, expected));
        this.input = input;
        this.position = position;
        this.expected = expected;
    }

    /** Zero-based offset into the input where reading failed. */
    public int position() {
        return position;
    }

    /** What the parser expected at {@link #position()}, e.g. "a closing '}'". */
    public String expected() {
        return expected;
    }

    public String input() {
        return input;
    }

    private static String describe(String input, int position, String expected) {
        int line = 1, col = 1;
        for (int i = 0; i < Math.min(position, input.length()); i++) {
            if (input.charAt(i) == '\n') { line++; col = 1; } else col++;
        }
        String found = position >= input.length() ? "end of input" : "'" + input.charAt(position) + "'";
        return "expected " + expected + " at line " + line + ", column " + col + " (found " + found + ")";
    }
}
