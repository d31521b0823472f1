package beamscope.app.sequence;


/**
 * The diagram as Mermaid text ({@code sequenceDiagram}), for slides and Markdown. A message taken at once
 * is a solid arrow ({@code ->>}); one that waited in the mailbox is an open arrow ({@code -)}) and a note
 * where the receiver takes it; DOWN is dotted ({@code --)}), an EXIT signal a cross ({@code -x}). Starts,
 * restarts, spawns and exits are notes over the lifeline.
 */
public final class Mermaid {
    private Mermaid() {}

    public static String of(SequenceModel model) {
        StringBuilder out = new StringBuilder("sequenceDiagram\n");
        for (Lane l : model.lanes()) {
            String label = l.label().equals(l.pid().toString()) ? l.label() : l.label() + " " + l.pid();
            out.append("    participant ").append(id(l.index())).append(" as ").append(escape(label)).append('\n');
        }
        for (Step s : model.steps()) {
            switch (s) {
                case Step.Sent(long seq, Arrow a) -> out.append("    ").append(id(a.from())).append(arrow(a))
                        .append(id(a.to())).append(": ").append(escape(a.text())).append('\n');
                case Step.Received(long seq, Arrow a) -> note(out, a.to(), "takes " + a.text() + " (waited "
                        + a.waited() + (a.waited() == 1 ? " step)" : " steps)"));
                case Step.Started(long seq, int lane, String pid, boolean restart) ->
                        note(out, lane, (restart ? "restarted as " : "starts as ") + pid);
                case Step.Spawned(long seq, int lane, String child) -> note(out, lane, "spawns " + child);
                case Step.Exited(long seq, int lane, String pid, String reason) -> note(out, lane, "exits: " + reason);
            }
        }
        return out.toString();
    }

    private static String arrow(Arrow a) {
        return switch (a.kind()) {
            case EXIT -> "-x";
            case DOWN -> "--)";
            case MESSAGE -> a.end() == Arrow.End.RECEIVED && a.waited() == 0 ? "->>" : "-)";
        };
    }

    private static void note(StringBuilder out, int lane, String text) {
        out.append("    Note over ").append(id(lane)).append(": ").append(escape(text)).append('\n');
    }

    private static String id(int lane) {
        return "L" + lane;
    }

    /** Mermaid reads {@code #}, {@code ;}, {@code <} and {@code >} itself: they go in as entity codes. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '#' -> b.append("#35;");
                case ';' -> b.append("#59;");
                case '<' -> b.append("#lt;");
                case '>' -> b.append("#gt;");
                case '\n', '\r' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
