package beamscope.runtime;

/** A unique reference, as made by {@code make_ref()} or a monitor. Prints as {@code #Reference<0.0.0.N>}. */
public record Ref(int node, long id) implements Comparable<Ref> {

    public static Ref of(long id) {
        return new Ref(0, id);
    }

    @Override
    public int compareTo(Ref o) {
        int c = Integer.compare(node, o.node);
        return c != 0 ? c : Long.compare(id, o.id);
    }

    @Override
    public String toString() {
        return Terms.inspect(this);
    }
}
