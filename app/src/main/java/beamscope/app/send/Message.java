package beamscope.app.send;

import beamscope.runtime.Pid;
import beamscope.runtime.ReadLimits;
import beamscope.runtime.TermSyntaxException;
import beamscope.runtime.Terms;

/**
 * What the message editor's text means: a term, or a syntax error at a position of the text as typed.
 * {@code self()} stands for the shell's pid, as in IEx. The text is read as untrusted
 * ({@link ReadLimits#UNTRUSTED}): pasted text may not be longer than 1 MiB characters nor create more than
 * 100 new atoms, and text that does not read creates none, so typing cannot fill the never-collected atom table.
 */
public sealed interface Message {

    record Term(Object term) implements Message {}

    /** @param position zero-based offset into the text as typed */
    record SyntaxError(String input, int position, String expected, String message) implements Message {}

    static Message read(String text, Pid self) {
        String pid = self.toString();
        String expanded = text.replace("self()", pid);
        try {
            return new Term(Terms.parse(expanded, ReadLimits.UNTRUSTED));
        } catch (TermSyntaxException e) {
            int pos = typedPosition(text, e.position(), pid.length() - "self()".length());
            return new SyntaxError(text, pos, e.expected(), describe(text, pos, e.expected()));
        }
    }

    /** Maps an offset in the expanded text back to the typed text. */
    private static int typedPosition(String typed, int expandedPos, int growth) {
        int shift = 0;
        for (int i = typed.indexOf("self()"); i >= 0; i = typed.indexOf("self()", i + 1)) {
            if (i + shift >= expandedPos) break;
            shift += growth;
        }
        return Math.max(0, Math.min(typed.length(), expandedPos - shift));
    }

    private static String describe(String text, int pos, String expected) {
        String found = pos >= text.length() ? "the end" : "'" + text.charAt(pos) + "'";
        return "column " + (pos + 1) + ": expected " + expected + ", found " + found;
    }
}
