package beamscope.app.charts;

/** RFC 4180 fields: quoted when they hold a comma, a quote or a line break, quotes doubled. */
public final class Csv {
    private Csv() {}

    public static String field(String s) {
        if (s == null) return "";
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
