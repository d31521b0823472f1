package beamscope.app.sequence;

import java.util.List;

/**
 * The diagram as an SVG document, every step kept, for slides. Its colours are the ones the window's
 * stylesheets gave the canvas ({@link Palette}), written into the document's own {@code <style>}.
 */
public final class Svg {
    private Svg() {}

    /** CSS colours (any CSS colour text, e.g. {@code #1d1f24}) for each part of the drawing. */
    public record Palette(String background, String text, String muted, String lifeline, String message,
                          String waiting, String down, String exit, String start) {}

    public static String of(SequenceModel model, Palette p, double em) {
        Layout lay = Layout.forEm(em);
        List<Lane> lanes = model.lanes();
        double w = lay.width(Math.max(1, lanes.size())), h = lay.y(model.size()) + lay.row();
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(java.util.Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"%.1f\">\n",
                w, h, w, h, em));
        out.append("<style>\n")
                .append(" .bg{fill:").append(p.background()).append("}\n")
                .append(" text{fill:").append(p.text()).append("}\n")
                .append(" .muted{fill:").append(p.muted()).append("}\n")
                .append(" .lifeline{stroke:").append(p.lifeline()).append(";stroke-dasharray:4 4}\n")
                .append(" .head{fill:none;stroke:").append(p.lifeline()).append("}\n")
                .append(" .MESSAGE{stroke:").append(p.message()).append(";fill:").append(p.message()).append("}\n")
                .append(" .waiting{stroke:").append(p.waiting()).append(";fill:").append(p.waiting()).append(";stroke-dasharray:6 3}\n")
                .append(" .DOWN{stroke:").append(p.down()).append(";fill:").append(p.down()).append(";stroke-dasharray:2 3}\n")
                .append(" .EXIT{stroke:").append(p.exit()).append(";fill:").append(p.exit()).append("}\n")
                .append(" .start{fill:").append(p.start()).append("}\n")
                .append(" .exited{fill:").append(p.exit()).append("}\n")
                .append("</style>\n");
        out.append(String.format(java.util.Locale.ROOT, "<rect class=\"bg\" width=\"%.0f\" height=\"%.0f\"/>\n", w, h));
        for (Lane l : lanes) {
            double x = lay.x(l.index());
            out.append(String.format(java.util.Locale.ROOT,
                    "<rect class=\"head\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\"/>\n",
                    x - lay.lane() * 0.45, lay.margin() * 0.3, lay.lane() * 0.9, lay.header() - lay.margin() * 0.8));
            text(out, x, lay.margin() * 1.4, "middle", null, l.label());
            text(out, x, lay.margin() * 2.5, "middle", "muted", l.pid().toString());
            line(out, "lifeline", x, lay.header() - lay.margin() * 0.5, x, h);
        }
        long first = model.first();
        for (Step s : model.steps()) {
            double y = lay.y(s.seq() - first);
            switch (s) {
                case Step.Sent(long seq, Arrow a) -> {
                    double y2 = a.end() == Arrow.End.WAITING ? lay.y(model.size() - 0.5) : lay.y(a.receivedAt() - first);
                    String cls = a.end() == Arrow.End.RECEIVED ? a.kind().name() : "waiting";
                    double x1 = lay.x(a.from()), x2 = lay.x(a.to());
                    line(out, cls, x1, y, x2, y2);
                    double dir = Math.signum(x2 - x1);
                    out.append(String.format(java.util.Locale.ROOT,
                            "<polygon class=\"%s\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>\n", cls, x2, y2,
                            x2 - dir * em * 0.7, y2 - em * 0.35, x2 - dir * em * 0.7, y2 + em * 0.35));
                    text(out, (x1 + x2) / 2, y - em * 0.35, "middle", null, a.text());
                }
                case Step.Received(long seq, Arrow a) ->
                        text(out, lay.x(a.to()) + em * 0.5, y + em * 0.35, "start", "muted", "waited " + a.waited());
                case Step.Started(long seq, int lane, String pid, boolean restart) ->
                        text(out, lay.x(lane), y + em * 0.35, "middle", "start", (restart ? "restarted " : "starts ") + pid);
                case Step.Spawned(long seq, int lane, String child) ->
                        text(out, lay.x(lane) + em * 0.5, y + em * 0.35, "start", "muted", "spawns " + child);
                case Step.Exited(long seq, int lane, String pid, String reason) ->
                        text(out, lay.x(lane), y + em * 0.35, "middle", "exited", "✕ exits: " + reason);
            }
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String cls, double x1, double y1, double x2, double y2) {
        out.append(String.format(java.util.Locale.ROOT,
                "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", cls, x1, y1, x2, y2));
    }

    private static void text(StringBuilder out, double x, double y, String anchor, String cls, String text) {
        out.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y, anchor,
                cls == null ? "" : " class=\"" + cls + "\"")).append(xml(text)).append("</text>\n");
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t') b.append(' ');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
