package beamscope.runtime;

/** Reading and printing terms in Elixir literal syntax. (Being written: see the Terms work branch.) */
public final class Terms {
    private Terms() {}

    public static Object parse(String text) {
        throw new TermSyntaxException(text, 0, "a term (the parser is not in this build yet)");
    }

    public static String inspect(Object term) {
        StringBuilder sb = new StringBuilder();
        inspect(term, sb);
        return sb.toString();
    }

    public static String inspect(Object term, int limit) {
        String s = inspect(term);
        return s.length() <= limit ? s : s.substring(0, Math.max(0, limit - 3)) + "...";
    }

    private static void inspect(Object t, StringBuilder sb) {
        switch (t) {
            case null -> sb.append("nil");
            case Atom a -> sb.append(':').append(a.name());
            case Tuple tu -> {
                sb.append('{');
                for (int i = 0; i < tu.size(); i++) { if (i > 0) sb.append(", "); inspect(tu.get(i), sb); }
                sb.append('}');
            }
            case String s -> sb.append('"').append(s).append('"');
            default -> sb.append(t);
        }
    }
}
