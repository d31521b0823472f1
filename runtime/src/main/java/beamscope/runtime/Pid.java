package beamscope.runtime;

/**
 * A process identifier. Prints as {@code #PID<0.N.0>} (node 0 is the local node) and parses back with
 * {@link #parse(String)}. A node never reuses an id during its life.
 */
public record Pid(int node, long id) implements Comparable<Pid> {

    public Pid {
        if (node < 0 || id < 0) throw new IllegalArgumentException("pid fields must be non-negative");
    }

    /** A local pid. */
    public static Pid of(long id) {
        return new Pid(0, id);
    }

    /** Reads {@code #PID<0.42.0>} (or {@code <0.42.0>}). */
    public static Pid parse(String text) {
        Object term = Terms.parse(text.startsWith("<") ? "#PID" + text : text);
        if (term instanceof Pid p) return p;
        throw new TermSyntaxException(text, 0, "a pid like #PID<0.42.0>");
    }

    @Override
    public int compareTo(Pid o) {
        int c = Integer.compare(node, o.node);
        return c != 0 ? c : Long.compare(id, o.id);
    }

    @Override
    public String toString() {
        return Terms.inspect(this);
    }
}
