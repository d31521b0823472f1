package beamscope.runtime;

/** The empty tuple {@code {}}. */
public record Tuple0() implements Tuple {
    static final Tuple0 INSTANCE = new Tuple0();

    @Override
    public int size() {
        return 0;
    }

    @Override
    public Object get(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Tuple && TermEquality.equal(this, o);
    }

    @Override
    public int hashCode() {
        return TermEquality.hash(this);
    }

    @Override
    public String toString() {
        return "{}";
    }
}
